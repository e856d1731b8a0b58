using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

/// <summary>One shared send path, 1,000 concurrent calls, 10% injected 429/503, no leaks. No timing assertions.</summary>
public class ConcurrencyTests
{
    private const int Calls = 1000;
    private const int MaxConnections = 8;

    [Test]
    public async Task A_thousand_concurrent_calls_with_injected_429_and_503_all_succeed_without_leaking()
    {
        int faults = 0;
        await using var server = new LoopbackServer(request =>
        {
            // Every tenth request is refused, alternating 429 and 503, with an immediate Retry-After.
            if (request.Number % 10 == 0)
            {
                int status = Interlocked.Increment(ref faults) % 2 == 0 ? 429 : 503;
                return Reply.Json(status, "{\"code\":\"busy\",\"message\":\"try again\"}", ("Retry-After", "0"));
            }

            return Reply.Json(200, $"{{\"project\":{{\"id\":\"{request.Path.Split('/').Last()}\"}}}}");
        });
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = MaxConnections };
        var harness = new SenderHarness(handler, timeout: TimeSpan.FromMinutes(2), baseAddress: server.BaseAddress);

        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => Task.Run(() => harness.GetAsync($"/projects/p{i}"))));
        harness.Dispose();
        handler.Dispose();

        Assert.That(results.Select(r => (string?)r["project"]!["id"]), Is.EquivalentTo(Enumerable.Range(0, Calls).Select(i => $"p{i}")));
        Assert.That(faults, Is.GreaterThanOrEqualTo(Calls / 10), "10% of the requests were refused");
        Assert.That(server.Requests, Is.EqualTo(Calls + faults), "exactly one retry per injected fault");
        Assert.That(harness.Clock.Count, Is.EqualTo(faults));
        Assert.That(server.TotalConnections, Is.LessThanOrEqualTo(MaxConnections), "connections were reused, none abandoned");
        Assert.That(await server.WaitForConnectionsClosedAsync(TimeSpan.FromSeconds(30)), Is.Zero, "disposing the client closed every connection");
        FaultLedger.Inject(faults);
        FaultLedger.Survive(faults);
    }
}
