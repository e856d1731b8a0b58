using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.Server;

/// <summary>
/// Requests the HTTP layer (Kestrel) refuses before the emulator sees them: Kestrel answers them itself with an empty
/// body and closes the connection; the emulator counts nothing. The emulator's README lists them.
/// </summary>
public sealed class ServerProtocolErrorTests
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromMinutes(1);

    private static readonly TestCaseData[] Malformed =
    [
        Case("a request line that is not HTTP", "GARBAGE\r\n\r\n", 400),
        Case("a header line without a colon", "GET /api/v2/projects HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400),
        Case("HTTP/1.1 without a Host header", "GET /api/v2/projects HTTP/1.1\r\n\r\n", 400),
        Case("a request line over 8 KiB", $"GET /api/v2/{new string('a', 9000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        Case("headers over 32 KiB", $"GET /api/v2/projects HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 33000)}\r\n\r\n", 431),
        Case("an HTTP version other than 1.x", "GET /api/v2/projects HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ];

    private static TestCaseData Case(string what, string request, int status) =>
        new TestCaseData(what, request, status).SetArgDisplayNames(what);

    [TestCaseSource(nameof(Malformed))]
    public async Task Kestrel_answers_a_malformed_request_itself_with_an_empty_body(string what, string request, int status)
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        var reported = 0;
        var options = new FakeNeonOptions();
        options.Server.RequestCompleted = _ => Interlocked.Increment(ref reported);
        await using var neon = await FakeNeon.StartAsync(options, safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);

        await client.SendAsync(Encoding.ASCII.GetBytes(request), safety.Token);
        var response = await client.ReadResponseAsync(safety.Token);

        Assert.That(response.Status, Is.EqualTo(status), what);
        Assert.That(response.Body, Is.Empty);
        Assert.That(response.Headers["Connection"], Is.EqualTo("close"));
        Assert.That(neon.Counters.RequestsReceived, Is.Zero, "the emulator never saw it");
        Assert.That(reported, Is.Zero, "nor reported it");
    }

    [Test]
    public async Task Headers_that_stall_past_the_headers_timeout_get_Kestrels_408_and_the_connection_closed()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        var options = new FakeNeonOptions();
        options.Server.RequestHeadersTimeout = TimeSpan.FromMilliseconds(500);
        await using var neon = await FakeNeon.StartAsync(options, safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);

        await client.SendAsync("GET /api/v2/proj"u8.ToArray(), safety.Token);
        var response = await client.ReadResponseAsync(safety.Token);

        Assert.That(response.Status, Is.EqualTo(408));
        Assert.That(response.Body, Is.Empty);
        Assert.That(await client.IsClosedByServerAsync(safety.Token), Is.True);
        Assert.That(neon.Counters.RequestsReceived, Is.Zero);
    }

    [Test]
    public async Task A_malformed_chunked_body_gets_a_400_GeneralError_naming_what_is_wrong()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        await using var neon = await FakeNeon.StartAsync(cancellationToken: safety.Token);
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri, safety.Token);

        await client.SendAsync(RawHttpClient.Head("POST /api/v2/server-probe HTTP/1.1", "Authorization: Bearer k", "Transfer-Encoding: chunked"), safety.Token);
        await client.SendAsync("ZZ\r\n"u8.ToArray(), safety.Token);
        var response = await client.ReadResponseAsync(safety.Token);

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That((string?)response.Json()["code"], Is.EqualTo("BAD_REQUEST"));
        Assert.That((string?)response.Json()["message"], Does.StartWith("the request body could not be read").And.Contain("Bad chunk size"));
        Assert.That(response.Headers["Connection"], Is.EqualTo("close"));
    }

    [Test]
    public async Task An_HTTP_1_0_request_without_Host_is_answered_by_the_emulator()
    {
        await using var neon = await FakeNeon.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(neon.BaseUri);

        await client.SendAsync("GET /api/v2/server-probe HTTP/1.0\r\nAuthorization: Bearer k\r\n\r\n"u8.ToArray());
        var response = await client.ReadResponseAsync();

        Assert.That(response.Status, Is.EqualTo(404));
        Assert.That((string?)response.Json()["code"], Is.EqualTo("NOT_FOUND"));
    }
}
