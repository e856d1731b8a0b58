using System;
using System.Collections.Concurrent;
using System.Linq;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.Server;

/// <summary>Where the server listens, what it reports per request, and how it stops.</summary>
public sealed class ServerHostingTests
{
    private const string ProbePath = "server-probe";

    [Test]
    public async Task It_listens_on_IPv6_loopback_when_asked()
    {
        var options = new FakeNeonOptions();
        options.Server.Host = "::1";
        await using var neon = await FakeNeon.StartAsync(options);
        using var client = neon.CreateHttpClient();

        using var response = await client.GetAsync(ProbePath);

        Assert.That(neon.BaseUri.Host, Is.EqualTo("[::1]"));
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }

    [TestCase("0.0.0.0", "127.0.0.1")]
    [TestCase("::", "[::1]")]
    [TestCase("localhost", "127.0.0.1")]
    [TestCase("LocalHost", "127.0.0.1")]
    public async Task The_base_uri_names_an_address_clients_can_reach(string host, string expected)
    {
        var options = new FakeNeonOptions();
        options.Server.Host = host;
        await using var neon = await FakeNeon.StartAsync(options);
        using var client = neon.CreateHttpClient();

        Assert.That(neon.BaseUri.Host, Is.EqualTo(expected));
        Assert.That((int)(await client.GetAsync(ProbePath)).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_fixed_port_is_used_and_a_taken_one_is_an_IOException()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        var options = new FakeNeonOptions();
        options.Server.Port = port;
        try
        {
            Assert.That(async () => await FakeNeon.StartAsync(options), Throws.InstanceOf<IOException>());
        }
        finally
        {
            probe.Stop();
        }

        await using var neon = await FakeNeon.StartAsync(options);
        Assert.That(neon.BaseUri.Port, Is.EqualTo(port));
    }

    [TestCase("example.com")]
    [TestCase("")]
    public void A_host_that_is_not_an_IP_address_is_refused(string host)
    {
        var options = new FakeNeonServerOptions();

        Assert.That(() => options.Host = host, Throws.ArgumentException.With.Message.Contain("not an IP address"));
    }

    [Test]
    public void Out_of_range_settings_are_refused_naming_the_setting()
    {
        var options = new FakeNeonServerOptions();

        Assert.That(() => options.Port = 65536, Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => options.MaxRequestBodySize = 0, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxRequestBodySize"));
        Assert.That(() => options.RequestBodyTimeout = TimeSpan.Zero, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("RequestBodyTimeout"));
        Assert.That(() => options.RequestHeadersTimeout = TimeSpan.Zero, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("RequestHeadersTimeout"));
        Assert.That(() => options.ShutdownTimeout = TimeSpan.FromSeconds(-1), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("ShutdownTimeout"));
        Assert.That(() => new FakeNeonOptions().Server = null!, Throws.ArgumentNullException);
    }

    [Test]
    public async Task Each_answered_request_is_reported_without_its_token()
    {
        var records = new ConcurrentQueue<FakeNeonRequestRecord>();
        var options = new FakeNeonOptions();
        options.Server.RequestCompleted = records.Enqueue;
        await using var neon = await FakeNeon.StartAsync(options);
        using var client = neon.CreateHttpClient("secret-token-123");
        using var request = new HttpRequestMessage(HttpMethod.Get, ProbePath + "?limit=1");
        request.Headers.Add("X-Request-ID", "probe-1");

        using var response = await client.SendAsync(request);
        await neon.DisposeAsync(); // the report is made after the answer is sent; stopping waits for it

        Assert.That(records, Has.Count.EqualTo(1));
        var record = records.Single();
        Assert.That(record.Method, Is.EqualTo("GET"));
        Assert.That(record.Path, Is.EqualTo("/api/v2/server-probe"));
        Assert.That(record.Status, Is.EqualTo(404));
        Assert.That(record.RequestId, Is.EqualTo("probe-1"));
        Assert.That(record.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
        Assert.That(record.ToString(), Does.Not.Contain("secret-token-123"));
    }

    [Test]
    public async Task Stopping_lets_a_request_in_flight_finish()
    {
        var clock = new FakeTimeProvider();
        var (neon, client, call) = await StartWithARequestInFlightAsync(clock, shutdownTimeout: TimeSpan.FromMinutes(5));

        var stopping = neon.DisposeAsync().AsTask();
        Assert.That(stopping.IsCompleted, Is.False, "it waits for the request in flight");
        clock.Advance(RequestLatency); // the latency elapses: the request is answered
        using var response = await call;
        await stopping;
        client.Dispose();

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(neon.IsServer, Is.False);
    }

    [Test]
    public async Task Stopping_cancels_a_request_still_running_after_the_shutdown_timeout()
    {
        var clock = new FakeTimeProvider(); // never advanced: the latency never ends by itself
        var (neon, client, call) = await StartWithARequestInFlightAsync(clock, shutdownTimeout: TimeSpan.FromMilliseconds(100));

        await neon.DisposeAsync();

        Assert.That(async () => await call, Throws.InstanceOf<HttpRequestException>());
        Assert.That(neon.Counters.ResponsesByStatus, Is.Empty);
        client.Dispose();
    }

    private static readonly TimeSpan RequestLatency = TimeSpan.FromSeconds(5);

    /// <summary>A server whose every answer waits <see cref="RequestLatency"/> on <paramref name="clock"/>, and one request taken in.</summary>
    private static async Task<(FakeNeon Neon, HttpClient Client, Task<HttpResponseMessage> Call)> StartWithARequestInFlightAsync(
        FakeTimeProvider clock, TimeSpan shutdownTimeout)
    {
        var options = new FakeNeonOptions { TimeProvider = clock, Latency = RequestLatency };
        options.Server.ShutdownTimeout = shutdownTimeout;
        var neon = await FakeNeon.StartAsync(options);
        var client = neon.CreateHttpClient();
        var call = client.GetAsync(ProbePath);
        while (neon.Counters.RequestsReceived == 0)
        {
            await Task.Delay(10);
        }

        return (neon, client, call);
    }
}
