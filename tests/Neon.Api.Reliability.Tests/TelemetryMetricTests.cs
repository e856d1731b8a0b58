using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Neon.Api.Operations;
using Neon.Api.Reliability.Tests.Infrastructure;
using Neon.Api.Testing;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// The <c>Neon.Api</c> meter, through its public names: call durations by operation and outcome, retries by reason,
/// project-queue waits, and waits for operations on the waiter's own clock. Values are asserted only where they are
/// deterministic (counts, and durations on the virtual clocks of the harness and of the waiter); other durations only
/// for presence and sign.
/// </summary>
[NonParallelizable]
public class TelemetryMetricTests
{
    [Test]
    public async Task Each_call_records_its_duration_by_operation_and_outcome()
    {
        using var durations = Collect<double>(NeonTelemetry.OperationDurationMetric);
        using var mock = new MockHttpMessageHandler();
        mock.When("*/projects/p1").Respond("application/json", "{\"project\":{\"id\":\"p1\"}}");
        mock.When("*/projects/missing").Respond(HttpStatusCode.NotFound, "application/json", "{\"code\":\"NOT_FOUND\",\"message\":\"no\"}");
        using var neon = new NeonClient(SenderHarness.ApiKey, mock);

        await neon.Project.GetProjectAsync("p1");
        await Assert.ThrowsAsync<NeonNotFoundException>(() => neon.Project.GetProjectAsync("missing"));

        var measured = durations.GetMeasurementSnapshot();
        Assert.That(measured, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(durations.Instrument!.Unit, Is.EqualTo("s"));
            Assert.That(measured.Select(m => m.Value), Has.All.GreaterThanOrEqualTo(0));
            Assert.That(measured[0].Tags[NeonTelemetry.OperationIdAttribute], Is.EqualTo("getProject"));
            Assert.That(measured[0].Tags["http.response.status_code"], Is.EqualTo(200));
            Assert.That(measured[0].Tags.ContainsKey("error.type"), Is.False, "a success has no error.type");
            Assert.That(measured[1].Tags[NeonTelemetry.OperationIdAttribute], Is.EqualTo("getProject"));
            Assert.That(measured[1].Tags["http.response.status_code"], Is.EqualTo(404));
            Assert.That(measured[1].Tags["error.type"], Is.EqualTo("404"));
        });
    }

    [Test]
    public async Task A_call_that_fails_without_a_response_records_the_exception_type()
    {
        using var durations = Collect<double>(NeonTelemetry.OperationDurationMetric);
        using var harness = new SenderHarness(configure: o => o.Retry.MaxRetries = 0);
        harness.Mock.When(SenderHarness.Url("/projects")).Throw(Stubs.Refused());

        await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.GetAsync("/projects"));

        var measured = durations.GetMeasurementSnapshot().Single();
        Assert.That(measured.Tags["error.type"], Is.EqualTo("Neon.Api.NeonNetworkException"));
        Assert.That(measured.Tags.ContainsKey("http.response.status_code"), Is.False);
    }

    [Test]
    public async Task A_call_retried_twice_counts_two_retries_with_their_reason_as_the_log_does()
    {
        using var retries = Collect<long>(NeonTelemetry.RetriesMetric);
        using var durations = Collect<double>(NeonTelemetry.OperationDurationMetric);
        var logger = new FakeLogger();
        using var harness = new SenderHarness(configure: o => o.Logger = logger);
        int requests = 0;
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ =>
            ++requests <= 2 ? Stubs.Error(503, "SERVICE_UNAVAILABLE") : Stubs.Json(HttpStatusCode.OK, "{}"));

        await harness.GetAsync("/projects");

        var measured = retries.GetMeasurementSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(measured, Has.Count.EqualTo(2));
            Assert.That(measured.Sum(m => m.Value), Is.EqualTo(2));
            Assert.That(measured.Select(m => m.Tags[NeonTelemetry.RetryReasonAttribute]), Has.All.EqualTo("status_code"));
            Assert.That(measured.Select(m => m.Tags["http.response.status_code"]), Has.All.EqualTo(503));
            Assert.That(measured.Select(m => m.Tags[NeonTelemetry.OperationIdAttribute]), Has.All.EqualTo(SenderHarness.OperationId));
            Assert.That(logger.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Information && r.Message.Contains("status 503", StringComparison.Ordinal)), Is.EqualTo(2), "the log tells the same story");
            Assert.That(durations.LastMeasurement!.Value, Is.GreaterThan(0).And.EqualTo(harness.Clock.Total.TotalSeconds).Within(1e-9), "the call lasted its two retry delays, in virtual time");
        });
    }

    [Test]
    public async Task Dropped_connections_are_counted_as_network_failures()
    {
        using var retries = Collect<long>(NeonTelemetry.RetriesMetric);
        using var harness = new SenderHarness();
        int requests = 0;
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(_ =>
            ++requests <= 2 ? throw Stubs.Reset() : Stubs.Json(HttpStatusCode.OK, "{}"));
        FaultLedger.Inject(2);

        await harness.GetAsync("/projects");
        FaultLedger.Survive(2);

        var measured = retries.GetMeasurementSnapshot();
        Assert.That(measured, Has.Count.EqualTo(2));
        Assert.That(measured.Select(m => m.Tags[NeonTelemetry.RetryReasonAttribute]), Has.All.EqualTo("network_failure"));
        Assert.That(measured.Select(m => m.Tags.ContainsKey("http.response.status_code")), Has.All.False);
    }

    public static IEnumerable<TestCaseData> Reasons()
    {
        yield return new TestCaseData(429, null, "status_code").SetName("a retryable status");
        yield return new TestCaseData(null, Stubs.Reset(), "network_failure").SetName("a reset connection");
        yield return new TestCaseData(null, Stubs.Refused(), "network_failure").SetName("a refused connection");
        yield return new TestCaseData(null, new HttpRequestException("timed out", new SocketException((int)SocketError.TimedOut)), "timeout").SetName("a connection that timed out");
        yield return new TestCaseData(null, new HttpRequestException("slow", new TimeoutException()), "timeout").SetName("a timeout inside the transport");
    }

    [TestCaseSource(nameof(Reasons))]
    public void Retry_reasons_are_classified(int? status, Exception? failure, string reason) =>
        Assert.That(NeonTelemetry.RetryReason(status, failure), Is.EqualTo(reason));

    [Test]
    public async Task A_queued_mutation_records_how_long_it_waited_for_its_project()
    {
        using var waits = Collect<double>(NeonTelemetry.ProjectQueueWaitMetric);
        using var harness = new SenderHarness();
        int polls = 0;
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/branches")).Respond(_ =>
            Stubs.Json(HttpStatusCode.Created, "{\"branch\":{\"id\":\"b\"},\"operations\":[{\"id\":\"op1\",\"project_id\":\"p1\",\"status\":\"running\"}]}"));
        harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1/operations/op1")).Respond(_ =>
            Stubs.Json(HttpStatusCode.OK, $"{{\"operation\":{{\"id\":\"op1\",\"status\":\"{(++polls < 3 ? "running" : "finished")}\"}}}}"));
        harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1")).Respond(_ => Stubs.Json(HttpStatusCode.OK, "{}"));

        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");
        await harness.GetAsync("/projects/p1");
        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");

        var measured = waits.GetMeasurementSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(measured, Has.Count.EqualTo(2), "one per mutation of the project; reads are not queued");
            Assert.That(measured.Select(m => m.Tags[NeonTelemetry.OperationIdAttribute]), Has.All.EqualTo(SenderHarness.OperationId));
            Assert.That(measured[0].Value, Is.Zero, "nothing to wait for");
            Assert.That(measured[1].Value, Is.GreaterThan(0).And.EqualTo(harness.Clock.Total.TotalSeconds).Within(1e-9), "the poll delays it waited, in virtual time");
            Assert.That(polls, Is.EqualTo(3));
            Assert.That(waits.Instrument!.Unit, Is.EqualTo("s"));
        });
    }

    [Test]
    public async Task A_wait_for_operations_records_its_duration_on_the_waiters_clock()
    {
        using var waits = Collect<double>(NeonTelemetry.OperationWaitMetric);
        var options = VirtualWait(initialDelay: TimeSpan.FromSeconds(1), backoff: 2);
        var source = new ScriptedOperations("running", "running", "finished");

        await NeonOperationWaiter.WaitAsync([new NeonOperationState("op1", "p1", "create_branch", "running")], source, options);

        var measured = waits.GetMeasurementSnapshot().Single();
        Assert.That(measured.Value, Is.EqualTo(7.0), "1 s + 2 s + 4 s of virtual delays before the third poll saw it finished");
        Assert.That(measured.Tags, Is.Empty, "a successful wait has no error.type");
    }

    [Test]
    public async Task A_failed_or_timed_out_wait_records_its_error_type()
    {
        using var waits = Collect<double>(NeonTelemetry.OperationWaitMetric);
        var running = new NeonOperationState("op1", "p1", "create_branch", "running");

        var failing = VirtualWait(initialDelay: TimeSpan.FromSeconds(1), backoff: 1);
        await Assert.ThrowsAsync<NeonOperationFailedException>(() => NeonOperationWaiter.WaitAsync([running], new ScriptedOperations("failed"), failing));
        var slow = VirtualWait(initialDelay: TimeSpan.FromSeconds(1), backoff: 1, timeout: TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<NeonOperationTimeoutException>(() => NeonOperationWaiter.WaitAsync([running], new ScriptedOperations("running"), slow));

        var measured = waits.GetMeasurementSnapshot();
        Assert.That(measured, Has.Count.EqualTo(2));
        Assert.That(measured[0].Tags["error.type"], Is.EqualTo("Neon.Api.Operations.NeonOperationFailedException"));
        Assert.That(measured[0].Value, Is.EqualTo(1.0));
        Assert.That(measured[1].Tags["error.type"], Is.EqualTo("Neon.Api.Operations.NeonOperationTimeoutException"));
        Assert.That(measured[1].Value, Is.EqualTo(3.0));
    }

    /// <summary>Listens to one instrument of the client's meter, found by its public names.</summary>
    private static MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(meterScope: null, NeonTelemetry.MeterName, instrument);

    /// <summary>Wait options on a clock of their own that jumps to the end of each poll delay: nothing sleeps, durations are exact.</summary>
    private static NeonWaitOptions VirtualWait(TimeSpan initialDelay, double backoff, TimeSpan? timeout = null) => new()
    {
        InitialDelay = initialDelay,
        MaxDelay = TimeSpan.FromMinutes(1),
        BackoffFactor = backoff,
        Timeout = timeout ?? TimeSpan.FromMinutes(5),
        TimeProvider = new FastForwardTimeProvider(),
    };

    /// <summary>Answers each poll with the next status of a script (the last one repeats).</summary>
    private sealed class ScriptedOperations(params string[] statuses) : INeonOperationSource
    {
        private int _polls;

        public Task<NeonOperationState> GetOperationStateAsync(string projectId, string operationId, CancellationToken cancellationToken)
        {
            var status = statuses[Math.Min(_polls++, statuses.Length - 1)];
            return Task.FromResult(new NeonOperationState(operationId, projectId, "create_branch", status));
        }
    }
}
