using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;
using Neon.Api.Reliability.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Neon.Api.Operations;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>The project-lock queue: pure rules, ordering over MockHttp, and the 40-creates measurement.</summary>
public class ProjectLockTests
{
    private static readonly string[] ExpectedPending = ["p2/a", "p1/c"];
    private static readonly string[] ExpectedOrder = ["POST branches", "GET op1", "GET op1", "GET op1", "POST branches"];

    [TestCase(true, "projects/p1/branches", "p1")]
    [TestCase(true, "projects/p1", "p1")]
    [TestCase(true, "projects/p%201/endpoints/e1/start", "p 1")]
    [TestCase(false, "projects/p1/branches", null)]
    [TestCase(true, "projects", null)]
    [TestCase(true, "projects/auth/oauth_provider", null)]
    [TestCase(true, "api_keys", null)]
    public void Only_mutations_under_a_project_are_queued(bool isMutation, string path, string? expected) =>
        Assert.That(ProjectLockGate.MutatedProjectId(isMutation, path), Is.EqualTo(expected));

    [TestCase("finished", true)]
    [TestCase("skipped", true)]
    [TestCase("failed", true)]
    [TestCase("error", true)]
    [TestCase("cancelled", true)]
    [TestCase("running", false)]
    [TestCase("scheduling", false)]
    [TestCase("cancelling", false)]
    [TestCase("some_future_status", false)]
    public void Terminal_statuses_are_the_documented_ones(string status, bool terminal) =>
        Assert.That(ProjectLockGate.IsTerminal(status), Is.EqualTo(terminal));

    [Test]
    public void Pending_operations_are_read_from_the_model_a_mutation_returned()
    {
        var created = Neon.Api.Serialization.NeonJson.Deserialize<CreatedBranch>(
            "{\"branch\":{},\"operations\":[{\"id\":\"a\",\"project_id\":\"p2\",\"status\":\"running\"},{\"id\":\"b\",\"status\":\"finished\"},{\"id\":\"c\",\"status\":\"scheduling\"}]}");
        var pending = ProjectLockGate.PendingOperations(created, "p1");
        Assert.That(pending.Select(p => $"{p.ProjectId}/{p.OperationId}"), Is.EqualTo(ExpectedPending));
        Assert.That(ProjectLockGate.PendingOperations(new ProjectResponse(), "p1"), Is.Empty, "a model without operations");
        Assert.That(ProjectLockGate.PendingOperations(Neon.Api.Serialization.NeonJson.Deserialize<CreatedBranch>("{\"operations\":5}"), "p1"), Is.Empty, "operations that are not a list are kept raw, not queued on");
    }

    [Test]
    public async Task A_second_mutation_waits_for_the_first_ones_operation_before_it_is_sent()
    {
        using var harness = new SenderHarness();
        var log = new ConcurrentQueue<string>();
        int polls = 0;
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/branches")).Respond(_ =>
        {
            log.Enqueue("POST branches");
            return Stubs.Json(HttpStatusCode.Created, "{\"branch\":{\"id\":\"b\"},\"operations\":[{\"id\":\"op1\",\"project_id\":\"p1\",\"status\":\"running\"}]}");
        });
        harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1/operations/op1")).Respond(_ =>
        {
            log.Enqueue("GET op1");
            return Stubs.Json(HttpStatusCode.OK, $"{{\"operation\":{{\"id\":\"op1\",\"status\":\"{(++polls < 3 ? "running" : "finished")}\"}}}}");
        });

        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");
        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");

        Assert.That(log, Is.EqualTo(ExpectedOrder));
        Assert.That(harness.Clock.Requested, Is.EqualTo(new[] { NeonOperationWaiter.NextDelay(0, NeonWaitOptions.Default), NeonOperationWaiter.NextDelay(1, NeonWaitOptions.Default) }), "polled at once, then on WaitForOperationsAsync's schedule");
        Assert.That(harness.Client.Pipeline.Sender.Gate.PendingCount("p1"), Is.EqualTo(1), "the second call's own operation is now outstanding");
    }

    [Test]
    public async Task Operations_seen_final_through_waiting_are_not_polled_again_by_the_queue()
    {
        using var harness = new SenderHarness();
        var created = 0;
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/branches")).Respond(_ =>
            Stubs.Json(HttpStatusCode.Created, $"{{\"branch\":{{\"id\":\"b{++created}\"}},\"operations\":[{{\"id\":\"op{created}\",\"project_id\":\"p1\",\"action\":\"create_branch\",\"status\":\"running\"}}]}}"));
        var waits = 0;
        var poll = harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1/operations/op1")).Respond(_ =>
            Stubs.Json(HttpStatusCode.OK, $"{{\"operation\":{{\"id\":\"op1\",\"project_id\":\"p1\",\"action\":\"create_branch\",\"status\":\"{(++waits < 2 ? "running" : "finished")}\"}}}}"));
        var client = harness.Client;

        await client.Branch.CreateProjectBranchAsync("p1", new CreateProjectBranchRequest())
            .WaitForOperationsAsync(client);
        var pollsWhileWaiting = harness.Mock.GetMatchCount(poll);
        await client.Branch.CreateProjectBranchAsync("p1", new CreateProjectBranchRequest());

        Assert.That(pollsWhileWaiting, Is.EqualTo(2), "waiting polled until the operation finished");
        Assert.That(harness.Mock.GetMatchCount(poll), Is.EqualTo(2), "the queue knew op1 had finished and did not ask again");
        Assert.That(harness.Client.Pipeline.Sender.Gate.PendingCount("p1"), Is.EqualTo(1), "only the second create's operation is outstanding");
    }

    [Test]
    public async Task With_the_queue_off_no_operation_is_polled()
    {
        using var harness = new SenderHarness(configure: o => o.QueueProjectMutations = false);
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/branches")).Respond(_ => Stubs.Json(HttpStatusCode.Created, "{\"operations\":[{\"id\":\"op1\",\"status\":\"running\"}]}"));
        var poll = harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1/operations/op1")).Respond(HttpStatusCode.OK);

        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");
        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");

        Assert.That(harness.Mock.GetMatchCount(poll), Is.Zero);
    }

    [Test]
    public async Task Reads_and_other_projects_are_not_held_by_a_busy_project()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/branches")).Respond(_ => Stubs.Json(HttpStatusCode.Created, "{\"operations\":[{\"id\":\"op1\",\"status\":\"running\"}]}"));
        var poll = harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1/operations/op1")).Respond(_ => Stubs.Json(HttpStatusCode.OK, "{\"operation\":{\"status\":\"running\"}}"));
        harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1")).Respond(_ => Stubs.Json(HttpStatusCode.OK, "{\"project\":{}}"));
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p2/branches")).Respond(_ => Stubs.Json(HttpStatusCode.Created, "{\"branch\":{}}"));

        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");
        await harness.GetAsync("/projects/p1");
        await harness.SendAsync(HttpMethod.Post, "/projects/p2/branches", "{}");

        Assert.That(harness.Mock.GetMatchCount(poll), Is.Zero);
    }

    [Test]
    public async Task A_call_queued_past_its_deadline_says_so_and_frees_the_queue()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(HttpMethod.Post, SenderHarness.Url("/projects/p1/branches")).Respond(_ => Stubs.Json(HttpStatusCode.Created, "{\"operations\":[{\"id\":\"op1\",\"status\":\"running\"}]}"));
        harness.Mock.When(HttpMethod.Get, SenderHarness.Url("/projects/p1/operations/op1")).Respond(_ => Stubs.Json(HttpStatusCode.OK, "{\"operation\":{\"status\":\"running\"}}"));
        await harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}");

        var error = await FaultLedger.FaultAsync<NeonTimeoutException>(() => harness.SendAsync(HttpMethod.Post, "/projects/p1/branches", "{}", timeout: TimeSpan.FromMilliseconds(100)));

        Assert.That(error.Attempts, Is.Zero);
        Assert.That(error.Message, Does.Contain("queued behind the operations of project p1"));
        Assert.That(harness.Client.Pipeline.Sender.Gate.PendingCount("p1"), Is.EqualTo(1));
    }

    [Test]
    public async Task Forty_concurrent_database_creates_in_one_project_with_and_without_the_queue()
    {
        (int requests, int locked, int succeeded, int polls) queued = await MeasureAsync(queue: true);
        (int requests, int locked, int succeeded, int polls) racing = await MeasureAsync(queue: false);

        string report =
            $"40 concurrent database creates in one project (own lock-emulating fake, operations of 1 s, time scaled 25x): " +
            $"queue on: {queued.requests} requests ({queued.polls} operation polls), {queued.locked} x 423, {queued.succeeded}/40 created; " +
            $"queue off: {racing.requests} requests, {racing.locked} x 423, {racing.succeeded}/40 created (the rest failed with 423 after 5 attempts).";
        TestContext.Progress.WriteLine(report);
        FaultLedger.Note(report);

        Assert.That(queued.locked, Is.Zero, "queued mutations never race the project's own operations");
        Assert.That(queued.succeeded, Is.EqualTo(40));
    }

    private static async Task<(int Requests, int Locked, int Succeeded, int Polls)> MeasureAsync(bool queue)
    {
        // One fake second is 40 ms here; every client delay is scaled the same way, so the race is realistic.
        const int Scale = 25;
        var fake = new LockingFakeNeon(TimeSpan.FromMilliseconds(1000 / Scale));
        var options = new NeonClientOptions
        {
            QueueProjectMutations = queue,
            TimeProvider = new ScaledTimeProvider(Scale),
            Timeout = TimeSpan.FromMinutes(2),
        };
        using var neon = new NeonClient(SenderHarness.ApiKey, fake, options);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var request = new NeonRequest("POST", "/projects/{project_id}/branches/{branch_id}/databases", "createProjectBranchDatabase");
            request.SetPathParameter("project_id", "calm-sun-123", "projectId");
            request.SetPathParameter("branch_id", "br-main", "branchId");
            request.SetJsonBody(new JObject { ["database"] = new JObject { ["name"] = $"db{i}", ["owner_name"] = "neondb_owner" } });
            try
            {
                await neon.Pipeline.SendAsync<DatabaseOperations>(request, default);
                return true;
            }
            catch (NeonLockedException)
            {
                return false;
            }
        }));
        return (fake.Requests, fake.Locked, outcomes.Count(ok => ok), fake.Polls);
    }
}
