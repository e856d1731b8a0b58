using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Neon.Api.Pipeline;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>The send path's stages in their order, and stages of the user's own, per call and per attempt.</summary>
public class PipelinePolicyTests
{
    private static readonly string[] ExpectedStages =
    [
        "TracingStage", "UserPolicyStage", "ErrorMappingStage", "DeadlineStage", "ProjectQueueStage", "ResponseReadingStage",
        "RetryStage", "AttemptMessageStage", "UserPolicyStage", "TransportStage",
    ];

    private static readonly string[] TwoHeaders = ["platform", "platform"];

    private static readonly string[] RetriedCall =
    [
        "call before (attempt 0, no request)",
        "attempt before (attempt 1, GET)", "attempt after 503",
        "attempt before (attempt 2, GET)", "attempt after 200",
        "call after 200",
    ];

    private static readonly string[] FailedCall = ["call before (attempt 0, no request)", "call after 404"];

    [Test]
    public void The_stages_run_in_the_documented_order()
    {
        using var harness = new SenderHarness(configure: o => o
            .AddPolicy(new RecordingPolicy("call", []), NeonPipelinePosition.PerCall)
            .AddPolicy(new RecordingPolicy("attempt", []), NeonPipelinePosition.PerAttempt));

        Assert.That(harness.Client.Pipeline.Sender.StageNames, Is.EqualTo(ExpectedStages));
    }

    [Test]
    public async Task A_per_attempt_policy_sees_every_attempt_and_can_add_a_header()
    {
        var log = new List<string>();
        using var harness = new SenderHarness(configure: o => o
            .AddPolicy(new RecordingPolicy("call", log), NeonPipelinePosition.PerCall)
            .AddPolicy(new HeaderPolicy("X-Team", "platform"), NeonPipelinePosition.PerAttempt)
            .AddPolicy(new RecordingPolicy("attempt", log), NeonPipelinePosition.PerAttempt));
        var calls = 0;
        var headers = new List<string>();
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(request =>
        {
            headers.Add(string.Join(",", request.Headers.GetValues("X-Team")));
            return ++calls == 1 ? Stubs.Error(503, "busy") : Stubs.Json(HttpStatusCode.OK, "{}");
        });

        await harness.GetAsync("/projects");

        Assert.That(headers, Is.EqualTo(TwoHeaders), "the header is on every attempt");
        Assert.That(log, Is.EqualTo(RetriedCall));
    }

    [Test]
    public async Task A_per_call_policy_sees_the_final_status_before_it_becomes_an_exception()
    {
        var log = new List<string>();
        using var harness = new SenderHarness(configure: o => o.AddPolicy(new RecordingPolicy("call", log)));
        harness.Mock.When(SenderHarness.Url("/projects/nope")).Respond(_ => Stubs.Error(404, "not found"));

        await FaultLedger.FaultAsync<NeonNotFoundException>(() => harness.GetAsync("/projects/nope"));

        Assert.That(log, Is.EqualTo(FailedCall));
    }

    [Test]
    public void Options_copy_their_policies_so_later_additions_do_not_reach_a_client()
    {
        var options = new NeonClientOptions();
        using var harness = new SenderHarness(configure: o => o.AddPolicy(new RecordingPolicy("call", [])));
        var before = harness.Client.Pipeline.Sender.StageNames.Count;

        harness.Options.AddPolicy(new RecordingPolicy("late", []));

        Assert.That(harness.Client.Pipeline.Sender.StageNames, Has.Count.EqualTo(before));
        Assert.Throws<ArgumentNullException>(() => options.AddPolicy(null!));
    }

    private sealed class RecordingPolicy(string name, List<string> log) : NeonPipelinePolicy
    {
        public override async Task ProcessAsync(NeonPipelineMessage message, Func<Task> proceed)
        {
            log.Add($"{name} before (attempt {message.Attempt}, {(message.Request is null ? "no request" : message.Request.Method.Method)})");
            try
            {
                await proceed();
            }
            finally
            {
                log.Add($"{name} after {message.StatusCode}");
            }
        }
    }

    private sealed class HeaderPolicy(string header, string value) : NeonPipelinePolicy
    {
        public override Task ProcessAsync(NeonPipelineMessage message, Func<Task> proceed)
        {
            message.Request!.Headers.TryAddWithoutValidation(header, value);
            return proceed();
        }
    }
}
