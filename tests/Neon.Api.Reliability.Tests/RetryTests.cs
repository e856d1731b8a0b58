using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>Retries through the send path over MockHttp; the recording delay means nothing sleeps.</summary>
public class RetryTests
{
    private static readonly string[] Mutations = ["POST", "PATCH", "PUT", "DELETE"];

    [Test]
    public async Task Locked_then_ok_is_retried_for_a_post_with_the_same_body([Values(423, 429, 503)] int status)
    {
        using var harness = new SenderHarness();
        var bodies = new List<string>();
        int calls = 0;
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/databases")).Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return ++calls <= 2 ? Stubs.Error(status) : Stubs.Json(HttpStatusCode.Created, "{\"database\":{\"name\":\"db\"}}");
        });
        FaultLedger.Inject(2);

        var result = await harness.SendAsync(HttpMethod.Post, "/projects/p1/databases", "{\"database\":{\"name\":\"db\"}}");

        Assert.That((string?)result["database"]!["name"], Is.EqualTo("db"));
        Assert.That(calls, Is.EqualTo(3));
        Assert.That(bodies, Is.All.EqualTo("{\"database\":{\"name\":\"db\"}}"), "each attempt replays the buffered body");
        Assert.That(harness.Clock.Count, Is.EqualTo(2));
        FaultLedger.Survive(2);
    }

    [TestCaseSource(nameof(Mutations))]
    public async Task Server_errors_are_not_repeated_for_mutations(string method)
    {
        using var harness = new SenderHarness();
        var request = harness.Mock.When(new HttpMethod(method), SenderHarness.Url("/projects/p1")).Respond(_ => Stubs.Error(500));

        var error = await FaultLedger.FaultAsync<NeonApiException>(() => harness.SendAsync(new HttpMethod(method), "/projects/p1", "{}"));

        Assert.That(error.Status, Is.EqualTo(500));
        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(1));
    }

    [Test]
    public async Task Server_errors_are_repeated_for_reads([Values(500, 502, 504)] int status)
    {
        using var harness = new SenderHarness();
        int calls = 0;
        harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects")).Respond(_ => ++calls == 1 ? Stubs.Error(status) : Stubs.Json(HttpStatusCode.OK, "{\"projects\":[]}"));
        FaultLedger.Inject();

        await harness.GetAsync("/projects");

        Assert.That(calls, Is.EqualTo(2));
        FaultLedger.Survive();
    }

    [Test]
    public async Task Retries_stop_after_MaxRetries_and_surface_the_real_status()
    {
        using var harness = new SenderHarness();
        var request = harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Stubs.Error(503, "unavailable"));

        var error = await FaultLedger.FaultAsync<NeonApiException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Status, Is.EqualTo(503));
        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(NeonRetryOptions.DefaultMaxRetries + 1));
        var waits = harness.Clock.Requested;
        Assert.That(waits, Has.Length.EqualTo(NeonRetryOptions.DefaultMaxRetries));
        for (int retry = 1; retry <= waits.Length; retry++)
        {
            var full = TimeSpan.FromTicks(NeonRetryOptions.DefaultBaseDelay.Ticks << (retry - 1));
            Assert.That(waits[retry - 1], Is.InRange(TimeSpan.FromTicks(full.Ticks / 2), full), $"retry {retry}: 0.5 s base doubling, jittered between half and all of it");
        }

        Assert.That(error.Attempts, Is.EqualTo(NeonRetryOptions.DefaultMaxRetries + 1));
        var total = Neon.Api.Core.Durations.Format(harness.Clock.Total);
        Assert.That(error.Message, Does.Contain($"after {NeonRetryOptions.DefaultMaxRetries + 1} attempts in {total}"), "the message says how many attempts and how long, on the client's clock");
    }

    [Test]
    public async Task The_jitter_comes_from_the_clock_so_a_fake_clock_gives_the_same_delays_on_every_run()
    {
        async Task<TimeSpan[]> RunAsync()
        {
            using var harness = new SenderHarness();
            harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Stubs.Error(503, "unavailable"));
            await Assert.ThatAsync(() => harness.GetAsync("/projects"), Throws.InstanceOf<NeonApiException>());
            return harness.Clock.Requested;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Select(d => d.Ticks % NeonRetryOptions.DefaultBaseDelay.Ticks).Distinct().Count(), Is.GreaterThan(1), "the delays are jittered, not bare powers of two");
    }

    [Test]
    public async Task An_error_answered_at_once_says_one_attempt_and_how_long()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/nope")).Respond(_ => Stubs.Error(404, "not found"));

        var error = await FaultLedger.FaultAsync<NeonNotFoundException>(() => harness.GetAsync("/projects/nope"));

        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.Message, Does.Match(@"after 1 attempt in \d+(\.\d+)? (ms|s)"));
        Assert.That(error.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task MaxRetries_zero_sends_once()
    {
        using var harness = new SenderHarness(configure: s => s.Retry.MaxRetries = 0);
        var request = harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Stubs.Error(429));

        await FaultLedger.FaultAsync<NeonApiException>(() => harness.GetAsync("/projects"));

        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(1));
        Assert.That(harness.Clock.Count, Is.Zero);
    }

    [Test]
    public async Task Retry_after_seconds_is_waited_in_full()
    {
        using var harness = new SenderHarness();
        int calls = 0;
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => ++calls == 1 ? Stubs.Error(429, retryAfter: TimeSpan.FromSeconds(12)) : Stubs.Json(HttpStatusCode.OK, "{}"));
        FaultLedger.Inject();

        await harness.GetAsync("/projects");

        Assert.That(harness.Clock.Requested, Is.EqualTo(new[] { TimeSpan.FromSeconds(12) }));
        FaultLedger.Survive();
    }

    [Test]
    public async Task Retry_after_http_date_is_waited_in_full_measured_from_the_server_date()
    {
        using var harness = new SenderHarness();
        int calls = 0;
        var serverNow = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ =>
        {
            if (++calls > 1)
            {
                return Stubs.Json(HttpStatusCode.OK, "{}");
            }

            var response = Stubs.Error(503);
            response.Headers.Date = serverNow;
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(serverNow.AddSeconds(20));
            return response;
        });
        FaultLedger.Inject();

        await harness.GetAsync("/projects");

        Assert.That(harness.Clock.Requested, Is.EqualTo(new[] { TimeSpan.FromSeconds(20) }));
        FaultLedger.Survive();
    }

    [Test]
    public async Task Retry_after_beyond_the_cap_surfaces_the_429_without_sleeping()
    {
        using var harness = new SenderHarness();
        var request = harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Stubs.Error(429, retryAfter: TimeSpan.FromMinutes(5)));

        var error = await FaultLedger.FaultAsync<NeonApiException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Status, Is.EqualTo(429));
        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(1));
        Assert.That(harness.Clock.Count, Is.Zero);
    }

    [Test]
    public async Task Retry_after_beyond_the_remaining_deadline_surfaces_the_423_without_sleeping()
    {
        using var harness = new SenderHarness(timeout: TimeSpan.FromSeconds(10));
        var request = harness.Mock.When(SenderHarness.Url("/projects/p1/branches")).Respond(_ => Stubs.Error(423, "locked", retryAfter: TimeSpan.FromSeconds(20)));

        var error = await FaultLedger.FaultAsync<NeonApiException>(() => harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}"));

        Assert.That(error.Status, Is.EqualTo(423));
        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(1));
        Assert.That(harness.Clock.Count, Is.Zero);
    }

    [Test]
    public async Task Refused_connections_are_retried_for_a_post_because_it_never_left()
    {
        using var harness = new SenderHarness();
        int calls = 0;
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects")).Respond(_ => ++calls <= 2 ? throw Stubs.Refused() : Stubs.Json(HttpStatusCode.Created, "{\"project\":{}}"));
        FaultLedger.Inject(2);

        await harness.SendAsync(HttpMethod.Post, "/projects", "{}");

        Assert.That(calls, Is.EqualTo(3));
        FaultLedger.Survive(2);
    }

    [Test]
    public async Task A_reset_during_a_post_is_not_repeated_and_says_it_may_have_been_applied()
    {
        using var harness = new SenderHarness();
        var request = harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects")).Throw(Stubs.Reset());

        var error = await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.SendAsync(HttpMethod.Post, "/projects", "{}"));

        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(1));
        Assert.That(error.RequestMayHaveReachedServer, Is.True);
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("(POST /projects").And.Contain("connection reset").And.Contain("not safe to repeat"));
        Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task A_reset_during_a_get_is_repeated_and_then_reported_with_the_attempt_count()
    {
        using var harness = new SenderHarness();
        var request = harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects")).Throw(Stubs.Reset());

        var error = await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.GetAsync("/projects"));

        Assert.That(harness.Mock.GetMatchCount(request), Is.EqualTo(5));
        Assert.That(error.Attempts, Is.EqualTo(5));
        Assert.That(error.Message, Does.Contain("5 attempts").And.Contain("retries exhausted"));
    }

    [Test]
    public async Task An_unresolvable_host_is_a_network_error_that_proves_nothing_was_sent()
    {
        using var harness = new SenderHarness(configure: s => s.Retry.MaxRetries = 1);
        harness.Mock.When(SenderHarness.Url("/projects/p1")).Throw(Stubs.NameNotResolved());

        var error = await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.SendAsync(HttpMethod.Delete, "/projects/p1"));

        Assert.That(error.RequestMayHaveReachedServer, Is.False);
        Assert.That(error.Attempts, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("host name could not be resolved"));
    }

    [Test]
    public async Task Every_response_is_disposed_including_the_retried_ones()
    {
        var counter = new DisposalCounter();
        using var harness = new SenderHarness();
        int calls = 0;
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => new HttpResponseMessage(++calls <= 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK) { Content = counter.Json("{}") });

        await harness.GetAsync("/projects");

        Assert.That(counter.Created, Is.EqualTo(4));
        Assert.That(counter.Disposed, Is.EqualTo(counter.Created));
    }
}
