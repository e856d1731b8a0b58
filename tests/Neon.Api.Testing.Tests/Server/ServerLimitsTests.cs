using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.Server;

/// <summary>
/// The HTTP server's protections: a bounded request body, a body-read deadline, authentication before the body, and
/// stalled clients that do not hold up anyone else. Requests go to a path outside the spec, so that they exercise the
/// server without depending on any operation: the body is read (after authentication), then the answer is a 404.
/// </summary>
public sealed class ServerLimitsTests
{
    private const string ProbePath = "/api/v2/server-probe";
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    /// <summary>Keeps a broken build from hanging the run; no assertion depends on it.</summary>
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Twenty_clients_stalled_mid_body_do_not_hold_up_two_hundred_other_requests()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        var options = new FakeNeonOptions();
        options.Server.RequestBodyTimeout = TimeSpan.FromMinutes(10); // the stalled clients stay stalled throughout
        options.Server.ShutdownTimeout = TimeSpan.FromSeconds(1);
        await using var neon = await FakeNeon.StartAsync(options, safety.Token);

        var stalled = new RawHttpClient[20];
        for (var i = 0; i < stalled.Length; i++)
        {
            stalled[i] = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);
            await stalled[i].SendAsync(
                RawHttpClient.Head($"POST {ProbePath} HTTP/1.1", "Authorization: Bearer k", "Content-Length: 1000"), safety.Token);
            await stalled[i].SendFillerAsync(100, safety.Token);
        }

        // Every stalled request has been taken in and its body is being read: the server is waiting on all twenty.
        while (neon.Counters.RequestBodyBytesBuffered < stalled.Length * 100)
        {
            await Task.Delay(10, safety.Token);
        }

        using var client = neon.CreateHttpClient();
        var statuses = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, 200),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = safety.Token },
            async (i, token) =>
            {
                using var response = i % 2 == 0
                    ? await client.GetAsync(ProbePath, token)
                    : await client.PostAsync(ProbePath, new StringContent("""{"probe":true}""", Encoding.UTF8, "application/json"), token);
                statuses.Add((int)response.StatusCode);
            });

        Assert.That(statuses, Has.Count.EqualTo(200).And.All.EqualTo(404));
        Assert.That(neon.Counters.RequestsReceived, Is.EqualTo(220), "the stalled requests are in flight, unanswered");
        Assert.That(neon.Counters.ResponsesByStatus.Values.Sum(), Is.EqualTo(200));
        foreach (var client1 in stalled)
        {
            await client1.DisposeAsync();
        }
    }

    [Test]
    public async Task A_declared_50_MB_body_is_refused_with_413_and_a_GeneralError_without_being_read()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        await using var neon = await FakeNeon.StartAsync(new FakeNeonOptions { ApiKey = "k" }, safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await client.SendAsync(
            RawHttpClient.Head($"POST {ProbePath} HTTP/1.1", "Authorization: Bearer k", $"Content-Length: {FiftyMegabytes}", "X-Request-ID: big-one"),
            safety.Token);
        await client.SendFillerAsync(256 * 1024, safety.Token);
        var response = await client.ReadResponseAsync(safety.Token);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.That(response.Status, Is.EqualTo(413));
        Assert.That(response.Headers["Content-Type"], Does.StartWith("application/json"));
        var error = response.Json();
        Assert.That((string?)error["code"], Is.EqualTo("PAYLOAD_TOO_LARGE"));
        Assert.That((string?)error["request_id"], Is.EqualTo("big-one"));
        Assert.That((string?)error["message"], Does.Contain($"at most {FakeNeonServerOptions.DefaultMaxRequestBodySize} bytes").And.Contain($"{FiftyMegabytes} bytes"));
        Assert.That(response.Headers["Connection"], Is.EqualTo("close"));
        Assert.That(neon.Counters.RequestBodyBytesBuffered, Is.Zero, "no byte of the body was read");
        Assert.That(neon.Counters.ResponsesWithStatus(413), Is.EqualTo(1));
        Assert.That(allocated, Is.LessThan(8L * 1024 * 1024), "nothing near the declared size was allocated");
    }

    [Test]
    public async Task A_50_MB_chunked_body_is_read_only_up_to_the_limit_then_refused_with_413()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        const long limit = 1024 * 1024;
        var options = new FakeNeonOptions();
        options.Server.MaxRequestBodySize = limit;
        await using var neon = await FakeNeon.StartAsync(options, safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await client.SendAsync(
            RawHttpClient.Head($"POST {ProbePath} HTTP/1.1", "Authorization: Bearer k", "Transfer-Encoding: chunked"), safety.Token);
        var reading = client.ReadResponseAsync(safety.Token);
        try
        {
            await client.SendChunksAsync(FiftyMegabytes, safety.Token);
        }
        catch (System.IO.IOException)
        {
            // the server closed the connection after its answer, before the 50 MB were sent: expected
        }

        var response = await reading;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.That(response.Status, Is.EqualTo(413));
        Assert.That((string?)response.Json()["code"], Is.EqualTo("PAYLOAD_TOO_LARGE"));
        Assert.That(neon.Counters.RequestBodyBytesBuffered, Is.InRange(limit, limit + 1), "read up to the limit and one byte more, no further");
        Assert.That(allocated, Is.LessThan(16L * 1024 * 1024), "memory stays near the limit, far below the 50 MB sent");
    }

    [TestCase(1024, 404)]
    [TestCase(1025, 413)]
    public async Task A_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not(int size, int expected)
    {
        var options = new FakeNeonOptions();
        options.Server.MaxRequestBodySize = 1024;
        await using var neon = await FakeNeon.StartAsync(options);
        using var client = neon.CreateHttpClient();

        using var response = await client.PostAsync(ProbePath, new ByteArrayContent(new byte[size]));

        Assert.That((int)response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_body_that_stalls_past_the_body_timeout_is_answered_408_and_its_connection_closed()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        var options = new FakeNeonOptions();
        options.Server.RequestBodyTimeout = TimeSpan.FromMilliseconds(300);
        await using var neon = await FakeNeon.StartAsync(options, safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);

        await client.SendAsync(
            RawHttpClient.Head($"POST {ProbePath} HTTP/1.1", "Authorization: Bearer k", "Content-Length: 100"), safety.Token);
        await client.SendFillerAsync(10, safety.Token);
        var response = await client.ReadResponseAsync(safety.Token);

        Assert.That(response.Status, Is.EqualTo(408));
        Assert.That((string?)response.Json()["code"], Is.EqualTo("REQUEST_TIMEOUT"));
        Assert.That((string?)response.Json()["message"], Does.Contain("RequestBodyTimeout"));
        Assert.That(await client.IsClosedByServerAsync(safety.Token), Is.True);
        Assert.That(neon.Counters.ResponsesWithStatus(408), Is.EqualTo(1));
        Assert.That(neon.Counters.RequestBodyBytesBuffered, Is.EqualTo(10));
    }

    [TestCase(null)]
    [TestCase("Bearer wrong")]
    public async Task A_request_without_a_valid_token_gets_401_without_its_body_being_read(string? authorization)
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        await using var neon = await FakeNeon.StartAsync(new FakeNeonOptions { ApiKey = "right" }, safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);
        string[] headers = authorization is null
            ? ["Content-Length: 1048576"]
            : [$"Authorization: {authorization}", "Content-Length: 1048576"];

        await client.SendAsync(RawHttpClient.Head($"POST {ProbePath} HTTP/1.1", headers), safety.Token);
        await client.SendFillerAsync(64 * 1024, safety.Token);
        var response = await client.ReadResponseAsync(safety.Token);

        Assert.That(response.Status, Is.EqualTo(401));
        Assert.That((string?)response.Json()["code"], Is.EqualTo("UNAUTHORIZED"));
        Assert.That(response.Headers["Connection"], Is.EqualTo("close"), "an unread body is not drained to keep the connection");
        Assert.That(neon.Counters.RequestBodyBytesBuffered, Is.Zero);
    }

    [Test]
    public async Task A_POST_without_Content_Length_reaches_the_emulator_as_a_request_without_body()
    {
        await using var neon = await FakeNeon.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri);

        await client.SendAsync(RawHttpClient.Head($"POST {ProbePath} HTTP/1.1", "Authorization: Bearer k"));
        var response = await client.ReadResponseAsync();

        Assert.That(response.Status, Is.EqualTo(404), "not 411: HTTP/1.1 reads a POST without length as an empty body");
        Assert.That(response.Headers["Content-Type"], Does.StartWith("application/json"));
        Assert.That((string?)response.Json()["code"], Is.EqualTo("NOT_FOUND"));
        Assert.That(neon.Counters.RequestsReceived, Is.EqualTo(1));
    }
}
