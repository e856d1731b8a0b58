using Neon.Api.Pipeline;
using System;
using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using Neon.Api.Core;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// Deadlines and cancellation. The server here never answers, so each outcome is decided by which token fires, not
/// by how long anything took: no assertion depends on timing.
/// </summary>
public class DeadlineTests
{
    [Test]
    public async Task A_hanging_server_raises_NeonTimeoutException_naming_the_call_the_timeout_and_the_attempts()
    {
        var hanging = new HangingHandler();
        using var harness = new SenderHarness(hanging, SenderHarness.RealTime, timeout: TimeSpan.FromMilliseconds(200));

        var error = await FaultLedger.FaultAsync<NeonTimeoutException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("(GET /projects").And.Contain("200 ms").And.Contain("1 attempt").And.Contain("waiting for the response"));
        Assert.That(error, Is.Not.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task The_deadline_covers_the_retries()
    {
        int calls = 0;
        var hanging = new HangingHandler();
        using var harness = new SenderHarness(
            new FirstAnswersThenHangs(() => ++calls <= 2 ? Stubs.Error(503) : null, hanging),
            s =>
            {
                SenderHarness.RealTime(s);
                s.Retry.BaseDelay = TimeSpan.FromMilliseconds(1); // small enough to fit the deadline, so the retries happen
            },
            timeout: TimeSpan.FromSeconds(2));

        var error = await FaultLedger.FaultAsync<NeonTimeoutException>(() => harness.GetAsync("/projects"));

        Assert.That(error.Attempts, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("3 attempts"));
        Assert.That(hanging.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Caller_cancellation_is_an_OperationCanceledException_with_the_callers_token()
    {
        using var cts = new CancellationTokenSource();
        var hanging = new HangingHandler { OnRequest = cts.Cancel };
        using var harness = new SenderHarness(hanging, SenderHarness.RealTime, timeout: TimeSpan.FromMinutes(10));

        var error = await FaultLedger.FaultAsync<OperationCanceledException>(() => harness.GetAsync("/projects", cancellationToken: cts.Token));

        Assert.That(error.CancellationToken, Is.EqualTo(cts.Token));
        Assert.That(error, Is.Not.InstanceOf<NeonException>());
        Assert.That(error.Message, Does.Contain("canceled by the caller"));
    }

    [Test]
    public async Task Caller_cancellation_during_a_retry_delay_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        using var harness = new SenderHarness(configure: s => s.TimeProvider = new CancelWhenWaiting(cts));
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ => Stubs.Error(503));

        var error = await FaultLedger.FaultAsync<OperationCanceledException>(() => harness.GetAsync("/projects", cancellationToken: cts.Token));

        Assert.That(error.CancellationToken, Is.EqualTo(cts.Token));
        Assert.That(error.Message, Does.Contain("1 attempt").And.Contain("before retry 1"));
    }

    [Test]
    public async Task An_already_canceled_token_sends_nothing()
    {
        using var harness = new SenderHarness();
        var request = harness.Mock.When(SenderHarness.Url("/projects")).Respond(HttpStatusCode.OK);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var error = await Assert.CatchAsync<OperationCanceledException>(() => harness.GetAsync("/projects", cancellationToken: cts.Token));

        Assert.That(error!.CancellationToken, Is.EqualTo(cts.Token));
        Assert.That(harness.Mock.GetMatchCount(request), Is.Zero);
    }

    [Test]
    public async Task The_injected_HttpClients_own_timeout_is_a_NeonTimeoutException_not_a_cancellation()
    {
        var hanging = new HangingHandler();
        using var http = new HttpClient(hanging) { Timeout = TimeSpan.FromMilliseconds(100) };
        using var neon = new NeonClient(SenderHarness.ApiKey, http, new NeonClientOptions { Timeout = Timeout.InfiniteTimeSpan });

        var error = await FaultLedger.FaultAsync<NeonTimeoutException>(() => neon.Pipeline.SendAsync<JObject>(new NeonRequest("POST", "/projects", "createProject"), default));

        Assert.That(error.Message, Does.Contain("HttpClient's own Timeout").And.Contain("createProject"));
        Assert.That(hanging.Calls, Is.EqualTo(1), "a POST that may have been sent is not repeated");
    }

    [Test]
    public async Task A_get_that_hit_the_HttpClient_timeout_ends_the_call_without_another_attempt()
    {
        // The injected HttpClient's Timeout is its owner's limit for a request: retrying past it would make a call
        // run several times that limit while the exception reported only one.
        int calls = 0;
        var handler = new FirstAnswersThenHangs(() => ++calls == 2 ? Stubs.Json(HttpStatusCode.OK, "{}") : null, new HangingHandler());
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(100) };
        using var neon = new NeonClient(SenderHarness.ApiKey, http, new NeonClientOptions());

        var error = await FaultLedger.FaultAsync<NeonTimeoutException>(() => neon.Pipeline.SendAsync<JObject>(new NeonRequest("GET", "/projects", "listProjects"), default));

        Assert.That(calls, Is.EqualTo(1), "no second attempt");
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.Timeout, Is.GreaterThan(TimeSpan.Zero), "the exception reports the time the one attempt took");
        Assert.That(error.Message, Does.Contain("HttpClient's own Timeout").And.Contain("not retried"));
    }

    [TestCase(0.2, "200 ms")]
    [TestCase(1.5, "1.5 s")]
    [TestCase(100, "100 s")]
    [TestCase(150, "2 min 30 s")]
    [TestCase(300, "5 min")]
    public void Durations_read_naturally_in_messages(double seconds, string expected) =>
        Assert.That(Durations.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    /// <summary>A clock that never moves and cancels a token as soon as the client starts waiting on it.</summary>
    private sealed class CancelWhenWaiting(CancellationTokenSource cts) : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (state is not CancellationTokenSource)
            {
                cts.Cancel();
            }

            return timer;
        }
    }

    /// <summary>Answers from a script while it returns a response, then delegates to a hanging handler.</summary>
    private sealed class FirstAnswersThenHangs(Func<HttpResponseMessage?> script, HttpMessageHandler hang) : DelegatingHandler(hang)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            script() is { } response ? Task.FromResult(response) : base.SendAsync(request, cancellationToken);
    }
}
