using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// Real sockets: faults injected by a loopback server (refused, reset, closed, truncated, hanging) and seen through
/// SocketsHttpHandler exactly as in production.
/// </summary>
public class LoopbackTransportTests
{
    private const string Ok = "{\"projects\":[]}";

    [Test]
    public async Task A_post_to_a_refused_port_is_retried_until_the_server_comes_up()
    {
        int port = LoopbackServer.UnusedPort();
        LoopbackServer? server = null;
        using var handler = new SocketsHttpHandler();
        int refusals = 0;
        using var harness = new SenderHarness(handler, baseAddress: new Uri($"http://127.0.0.1:{port}/api/v2/"));
        harness.Clock.OnWait = _ =>
        {
            // Each retry delay follows a refusal; bring the server up on that port after the second.
            if (++refusals == 2)
            {
                server = new LoopbackServer(_ => Reply.Json(201, "{\"project\":{\"id\":\"p1\"}}"), port: port);
            }
        };
        FaultLedger.Inject(2);

        try
        {
            var result = await harness.SendAsync(HttpMethod.Post, "/projects", "{\"project\":{}}");

            Assert.That((string?)result["project"]!["id"], Is.EqualTo("p1"));
            Assert.That(refusals, Is.EqualTo(2));
            Assert.That(server!.Requests, Is.EqualTo(1), "the POST reached the server exactly once");
            FaultLedger.Survive(2);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_refused_port_ends_in_a_NeonNetworkException_that_proves_nothing_was_sent()
    {
        using var handler = new SocketsHttpHandler();
        using var harness = new SenderHarness(handler, baseAddress: new Uri($"http://127.0.0.1:{LoopbackServer.UnusedPort()}/api/v2/"));

        var error = await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.SendAsync(HttpMethod.Delete, "/projects/p1"));

        Assert.That(error.RequestMayHaveReachedServer, Is.False);
        Assert.That(error.Attempts, Is.EqualTo(5));
        Assert.That(error.Message, Does.Contain("connection refused").And.Contain("(DELETE /projects/p1"));
    }

    [TestCase("Reset")]
    [TestCase("CloseWithoutResponse")]
    [TestCase("TruncatedBody")]
    public async Task A_get_survives_a_dropped_connection(string fault)
    {
        await using var server = new LoopbackServer(r => r.Number == 1 ? Fault(Enum.Parse<Reply.Kinds>(fault)) : Reply.Json(200, Ok));
        using var handler = new SocketsHttpHandler();
        using var harness = new SenderHarness(handler, baseAddress: server.BaseAddress);
        FaultLedger.Inject();

        await harness.GetAsync("/projects");

        Assert.That(server.Requests, Is.EqualTo(2));
        FaultLedger.Survive();
    }

    [TestCase("Reset")]
    [TestCase("CloseWithoutResponse")]
    [TestCase("TruncatedBody")]
    public async Task A_post_is_not_repeated_after_a_dropped_connection(string fault)
    {
        await using var server = new LoopbackServer(r => r.Number == 1 ? Fault(Enum.Parse<Reply.Kinds>(fault)) : Reply.Json(201, "{}"));
        using var handler = new SocketsHttpHandler();
        using var harness = new SenderHarness(handler, baseAddress: server.BaseAddress);

        var error = await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}"));

        Assert.That(server.Requests, Is.EqualTo(1));
        Assert.That(error.RequestMayHaveReachedServer, Is.True);
        Assert.That(error.Message, Does.Contain("not safe to repeat"));
    }

    [Test]
    public async Task A_hanging_server_times_out_and_the_connection_is_released()
    {
        await using var server = new LoopbackServer(_ => Reply.Hang());
        using var handler = new SocketsHttpHandler();
        using var harness = new SenderHarness(handler, SenderHarness.RealTime, timeout: TimeSpan.FromMilliseconds(300), baseAddress: server.BaseAddress);

        var error = await FaultLedger.FaultAsync<NeonTimeoutException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(await server.WaitForConnectionsClosedAsync(TimeSpan.FromSeconds(30)), Is.Zero, "the canceled request closed its connection");
    }

    [Test]
    public async Task An_html_gateway_page_on_a_get_is_retried_then_surfaces_the_status()
    {
        await using var server = new LoopbackServer(_ => Reply.Html(502, "<html><body>Bad Gateway</body></html>"));
        using var handler = new SocketsHttpHandler();
        using var harness = new SenderHarness(handler, s => s.Retry.MaxRetries = 2, baseAddress: server.BaseAddress);

        var error = await FaultLedger.FaultAsync<NeonException>(() => harness.GetAsync("/projects"));

        Assert.That(server.Requests, Is.EqualTo(3));
        Assert.That(error, Is.Not.InstanceOf<NeonResponseFormatException>());
    }

    [Test]
    public async Task Caller_cancellation_over_a_real_socket_keeps_the_callers_token()
    {
        using var cts = new CancellationTokenSource();
        await using var server = new LoopbackServer(_ =>
        {
            cts.Cancel();
            return Reply.Hang();
        });
        using var handler = new SocketsHttpHandler();
        using var harness = new SenderHarness(handler, timeout: TimeSpan.FromMinutes(5), baseAddress: server.BaseAddress);

        var error = await FaultLedger.FaultAsync<OperationCanceledException>(() => harness.GetAsync("/projects", cancellationToken: cts.Token));

        Assert.That(error.CancellationToken, Is.EqualTo(cts.Token));
    }

    private static Reply Fault(Reply.Kinds kind) => kind switch
    {
        Reply.Kinds.Reset => Reply.Reset(),
        Reply.Kinds.CloseWithoutResponse => Reply.CloseWithoutResponse(),
        Reply.Kinds.TruncatedBody => Reply.Truncated("{\"projects\":["),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
