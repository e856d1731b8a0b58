using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;
using Neon.Api.Pipeline;
using Neon.Api.Pipeline.Stages;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// The client's span per call, over real sockets so that HttpClient emits its own client span per attempt: kind,
/// name, parent and child, every tag, the error type, the exception event, the status, and no secret anywhere.
/// </summary>
[NonParallelizable]
public class TelemetrySpanTests
{
    private const string Key = SenderHarness.ApiKey;
    private const string ProjectBody = "{\"project\":{\"id\":\"p1\",\"name\":\"app\"}}";

    [Test]
    public async Task A_call_is_one_internal_span_named_after_its_operation_and_parent_of_HttpClients_client_span()
    {
        await using var server = new LoopbackServer(_ => Reply.Json(200, ProjectBody, ("X-Request-ID", "req-42")));
        using var spans = new SpanRecorder();
        using var neon = CreateClient(server.BaseAddress);

        await neon.Project.GetProjectAsync("p1");

        var call = spans.Calls.Single();
        var attempt = spans.Attempts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(call.OperationName, Is.EqualTo("getProject"));
            Assert.That(call.DisplayName, Is.EqualTo("getProject"));
            Assert.That(call.ParentSpanId, Is.EqualTo(spans.Root.SpanId), "the caller's activity is the parent");
            Assert.That(attempt.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(attempt.ParentSpanId, Is.EqualTo(call.SpanId), "HttpClient's client span is the child");
            Assert.That(call.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
            Assert.That(call.GetTagItem("server.port"), Is.EqualTo(server.Port));
            Assert.That(call.GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(call.GetTagItem("url.template"), Is.EqualTo("/api/v2/projects/{project_id}"));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(call.GetTagItem(NeonTelemetry.OperationIdAttribute), Is.EqualTo("getProject"));
            Assert.That(call.GetTagItem(NeonTelemetry.RequestIdAttribute), Is.EqualTo("req-42"));
            Assert.That(call.GetTagItem("http.request.resend_count"), Is.Null, "not retried");
            Assert.That(call.GetTagItem("error.type"), Is.Null);
            Assert.That(call.Events, Is.Empty);
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [Test]
    public async Task A_retried_call_is_one_span_over_a_client_span_per_attempt_with_its_resend_count()
    {
        int requests = 0;
        await using var server = new LoopbackServer(_ => Interlocked.Increment(ref requests) <= 2
            ? Reply.Json(503, "{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"try again\"}")
            : Reply.Json(200, ProjectBody));
        using var spans = new SpanRecorder();
        using var neon = CreateClient(server.BaseAddress);

        await neon.Project.GetProjectAsync("p1");

        var call = spans.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(spans.Attempts, Has.Count.EqualTo(3));
            Assert.That(spans.Attempts.Select(a => a.ParentSpanId), Has.All.EqualTo(call.SpanId));
            Assert.That(call.GetTagItem("http.request.resend_count"), Is.EqualTo(2));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.EqualTo(200), "the final status");
            Assert.That(call.GetTagItem("error.type"), Is.Null);
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [Test]
    public async Task A_404_ends_the_span_with_error_type_404_an_exception_event_and_status_error()
    {
        await using var server = new LoopbackServer(_ => Reply.Json(404, "{\"code\":\"NOT_FOUND\",\"message\":\"project not found\",\"request_id\":\"req-404\"}"));
        using var spans = new SpanRecorder();
        using var neon = CreateClient(server.BaseAddress);

        var error = await Assert.ThrowsAsync<NeonNotFoundException>(() => neon.Project.GetProjectAsync("missing"));

        var call = spans.Calls.Single();
        var exception = call.Events.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.GetTagItem("error.type"), Is.EqualTo("404"));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.EqualTo(404));
            Assert.That(call.GetTagItem(NeonTelemetry.RequestIdAttribute), Is.EqualTo("req-404"));
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(call.StatusDescription, Is.EqualTo(error!.Message));
            Assert.That(exception.Name, Is.EqualTo("exception"));
            Assert.That(exception.Tags.ToDictionary(t => t.Key, t => t.Value)["exception.type"], Is.EqualTo("Neon.Api.NeonNotFoundException"));
            Assert.That(exception.Tags.ToDictionary(t => t.Key, t => t.Value)["exception.message"], Is.EqualTo(error.Message));
            Assert.That(spans.Attempts.Single().ParentSpanId, Is.EqualTo(call.SpanId));
        });
    }

    [Test]
    public async Task A_network_failure_ends_the_span_with_the_exception_type_as_error_type()
    {
        using var spans = new SpanRecorder();
        using var neon = CreateClient(new Uri($"http://127.0.0.1:{LoopbackServer.UnusedPort()}/api/v2/"), maxRetries: 1);

        var error = await Assert.ThrowsAsync<NeonNetworkException>(() => neon.Project.GetProjectAsync("p1"));

        var call = spans.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.GetTagItem("error.type"), Is.EqualTo("Neon.Api.NeonNetworkException"));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.Null, "no response came");
            Assert.That(call.GetTagItem("http.request.resend_count"), Is.EqualTo(1));
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(call.Events.Single().Tags.ToDictionary(t => t.Key, t => t.Value)["exception.type"], Is.EqualTo("Neon.Api.NeonNetworkException"));
            Assert.That(call.Events.Single().Tags.ToDictionary(t => t.Key, t => t.Value)["exception.message"], Is.EqualTo(error!.Message));
            Assert.That(spans.Attempts, Has.Count.EqualTo(2), "a client span per refused attempt");
            Assert.That(spans.Attempts.Select(a => a.ParentSpanId), Has.All.EqualTo(call.SpanId));
        });
    }

    [Test]
    public async Task No_tag_event_or_status_carries_the_api_key_or_a_role_password()
    {
        const string password = "npg_Sup3rS3cretPassw0rd";
        using var mock = new MockHttpMessageHandler();
        mock.When("*/projects/p1").Respond(HttpStatusCode.BadRequest, "application/json", $"{{\"code\":\"BAD_REQUEST\",\"message\":\"bad header Authorization: Bearer {Key} ({Key})\"}}");
        mock.When("*/reveal_password").Respond("application/json", $"{{\"password\": {{\"value\": \"{password}\"}}}}");
        using var spans = new SpanRecorder();
        using var neon = new NeonClient(Key, mock, new NeonClientOptions { ValueMismatchHandling = NeonValueMismatchHandling.Fail });

        await Assert.CatchAsync<NeonApiException>(() => neon.Project.GetProjectAsync("p1"));
        await Assert.CatchAsync<NeonResponseFormatException>(() => neon.Branch.GetProjectBranchRolePasswordAsync("p1", "br-1", "app"));

        var texts = spans.RecordedTexts().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(spans.Calls, Has.Count.EqualTo(2));
            Assert.That(spans.Calls.Select(c => c.Events.Count()), Has.All.EqualTo(1), "an exception event each");
            Assert.That(texts, Has.None.Contains(Key));
            Assert.That(texts, Has.None.Contains(password));
            Assert.That(texts, Has.Some.Contains("Bearer [redacted]"), "the echoed key is masked, the rest of the message kept");
        });
    }

    [Test]
    public void Without_a_listener_the_stage_hands_the_call_on_without_an_async_step()
    {
        Assert.That(NeonTelemetry.ObservesCalls, Is.False, "no listener is left over from another test");
        var rest = new TaskCompletionSource().Task;
        var stage = new TracingStage(SenderHarness.BaseAddress, new SecretRedactor(Key));
        var call = new NeonCall(new NeonRequest("GET", "/projects", "listProjects"), TimeProvider.System, Timeout.InfiniteTimeSpan, bufferSuccessBody: true, readSuccess: null, CancellationToken.None);

        Assert.That(stage.ProcessAsync(call, new StageChain([new FixedStage(rest)], 0)), Is.SameAs(rest));
    }

    private static NeonClient CreateClient(Uri baseAddress, int maxRetries = 2) => new(Key, new NeonClientOptions
    {
        BaseUri = baseAddress,
        Retry = new NeonRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.Zero }, // retries without waiting
    });

    /// <summary>The rest of the path, as one stage that returns a given task.</summary>
    private sealed class FixedStage(Task result) : NeonStage
    {
        public override Task ProcessAsync(NeonCall call, StageChain next) => result;
    }
}
