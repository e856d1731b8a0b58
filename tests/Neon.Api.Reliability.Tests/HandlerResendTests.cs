using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// What "Retry.MaxRetries = 0" means on a real socket, as the README states it: the client makes one attempt; the .NET
/// socket handler underneath resends a GET by itself (up to 3 more copies) when the server closes the connection
/// before sending any byte of a response, and never resends a mutation.
/// </summary>
public class HandlerResendTests
{
    [Test]
    public async Task With_MaxRetries_zero_the_socket_handler_alone_resends_a_GET_at_most_three_times()
    {
        await using var server = new LoopbackServer(_ => Reply.CloseWithoutResponse());
        using var neon = Client(server);

        var error = await Assert.ThrowsAsync<NeonNetworkException>(() => neon.Project.GetProjectAsync("p1"));

        TestContext.Progress.WriteLine($"GET: {server.Requests} copies received for one attempt");
        Assert.That(error!.Attempts, Is.EqualTo(1), "the client itself made one attempt");
        Assert.That(server.Requests, Is.InRange(1, 4), "the socket handler's own resends, documented in the README");
    }

    [Test]
    public async Task With_MaxRetries_zero_a_mutation_is_sent_exactly_once()
    {
        await using var server = new LoopbackServer(_ => Reply.CloseWithoutResponse());
        using var neon = Client(server);

        var error = await Assert.ThrowsAsync<NeonNetworkException>(() => neon.Branch.CreateProjectBranchAsync("p1", new CreateProjectBranchRequest()));

        Assert.That(error!.Attempts, Is.EqualTo(1));
        Assert.That(server.Requests, Is.EqualTo(1), "neither the client nor the handler repeats a POST");
    }

    private static NeonClient Client(LoopbackServer server) => new("napi_resend_test_key", new NeonClientOptions
    {
        BaseUri = server.BaseAddress,
        Retry = new NeonRetryOptions { MaxRetries = 0 },
        QueueProjectMutations = false,
    });
}
