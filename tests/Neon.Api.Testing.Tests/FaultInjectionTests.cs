using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests;

/// <summary>The knobs of <see cref="FakeNeonOptions"/> and the counters.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
public sealed class FaultInjectionTests : EmulatorTest
{
    public FaultInjectionTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task Every_request_is_429_with_retry_after_when_the_share_is_one()
    {
        Options.TooManyRequestsRate = 1;
        Options.RetryAfter = TimeSpan.FromSeconds(2.5);

        var response = await Api.CallAsync("listProjects", "projects");

        Assert.That(response.Status, Is.EqualTo(429));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That((string?)response.Body["code"], Is.EqualTo("RATE_LIMITED"));
    }

    [Test]
    public async Task Every_request_is_503_with_retry_after_when_the_share_is_one()
    {
        Options.ServiceUnavailableRate = 1;

        var response = await Api.CallAsync("createProject", "projects", new JsonObject { ["project"] = new JsonObject() });

        Assert.That(response.Status, Is.EqualTo(503));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(Neon.Counters.ResponsesWithStatus(System.Net.HttpStatusCode.ServiceUnavailable), Is.EqualTo(1));
    }

    [Test]
    public async Task Fault_shares_are_reproducible_with_the_same_seed()
    {
        async Task<int[]> Run(int seed)
        {
            var options = new FakeNeonOptions { Seed = seed, TooManyRequestsRate = 0.3, ServiceUnavailableRate = 0.3 };
            var neon = new FakeNeon(options);
            using var http = neon.CreateHttpClient();
            var statuses = new List<int>();
            for (var i = 0; i < 200; i++)
            {
                using var response = await http.GetAsync("regions");
                statuses.Add((int)response.StatusCode);
            }

            return statuses.ToArray();
        }

        var first = await Run(7);
        var again = await Run(7);
        var other = await Run(8);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first.Count(s => s == 429), Is.InRange(40, 80), "about 30% of 200");
        Assert.That(first.Count(s => s == 503), Is.InRange(25, 60), "about 30% of the remaining 70%");
        Assert.That(first.Count(s => s == 200), Is.InRange(70, 120));
    }

    [Test]
    public async Task The_next_n_mutations_are_423_when_forced()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        Options.ForceLockedMutations = 2;

        Assert.That((await Api.CallAsync("getProject", p)).Status, Is.EqualTo(200), "reads do not use up the count");
        Assert.That((await Api.CallAsync("createProjectBranch", $"{p}/branches", null)).Status, Is.EqualTo(423));
        Assert.That((await Api.CallAsync("createProject", "projects", new JsonObject { ["project"] = new JsonObject() })).Status, Is.EqualTo(423));
        Assert.That((await Api.CallAsync("createProjectBranch", $"{p}/branches", null)).Status, Is.EqualTo(201));
        Assert.That(Options.ForceLockedMutations, Is.Zero);
        Assert.That(Neon.Counters.ResponsesWithStatus(423), Is.EqualTo(2));
    }

    [Test]
    public async Task A_locked_project_answers_423_until_released()
    {
        var locked = Id(await CreateProjectAsync(), "project");
        var free = Id(await CreateProjectAsync(), "project");
        Options.LockedProjectIds.Add(locked);

        Assert.That((await Api.CallAsync("createProjectBranch", $"projects/{locked}/branches", null)).Status, Is.EqualTo(423));
        Assert.That((await Api.CallAsync("createProjectBranch", $"projects/{locked}/branches", null)).Status, Is.EqualTo(423));
        Assert.That((await Api.CallAsync("createProjectBranch", $"projects/{free}/branches", null)).Status, Is.EqualTo(201));

        Options.LockedProjectIds.Remove(locked);
        Assert.That((await Api.CallAsync("createProjectBranch", $"projects/{locked}/branches", null)).Status, Is.EqualTo(201));
    }

    [Test]
    public async Task Failing_operations_end_failed_with_an_error_and_leave_the_resource_unchanged()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        Options.FailNextOperations = 1;

        var branch = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject());
        var operation = $"{p}/operations/{Ids(branch, "operations")[0]}";
        Assert.That((string?)(await Api.ExpectAsync(200, "getProjectOperation", operation))["operation"]!["status"], Is.EqualTo("scheduling"));
        FinishOperations();

        var failed = (await Api.ExpectAsync(200, "getProjectOperation", operation))["operation"]!;
        Assert.That((string?)failed["status"], Is.EqualTo("failed"));
        Assert.That((string?)failed["error"], Does.Contain("create_branch"));
        Assert.That((int?)failed["failures_count"], Is.EqualTo(1));
        var state = await Api.ExpectAsync(200, "getProjectBranch", $"{p}/branches/{Id(branch, "branch")}");
        Assert.That((string?)state["branch"]!["current_state"], Is.EqualTo("init"));
        Assert.That(Options.FailNextOperations, Is.Zero);

        var next = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject());
        FinishOperations();
        Assert.That((string?)(await Api.ExpectAsync(200, "getProjectOperation", $"{p}/operations/{Ids(next, "operations")[0]}"))["operation"]!["status"], Is.EqualTo("finished"));
    }

    [Test]
    public async Task A_failure_rate_of_one_fails_every_operation()
    {
        Options.OperationFailureRate = 1;
        var created = await CreateProjectAsync();

        var operations = await Api.ExpectAsync(200, "listProjectOperations", $"projects/{Id(created, "project")}/operations");

        Assert.That(operations["operations"]!.AsArray().Select(o => (string?)o!["status"]), Has.All.EqualTo("failed"));
    }

    [Test]
    public async Task Counters_count_requests_and_responses_by_status()
    {
        await Api.CallAsync("getActiveRegions", "regions");
        await Api.CallAsync("getProject", "projects/nope");
        await Api.CallAsync("getProject", "projects/nope");

        Assert.That(Neon.Counters.RequestsReceived, Is.EqualTo(3));
        Assert.That(Neon.Counters.ResponsesByStatus, Is.EquivalentTo(new Dictionary<int, long> { [200] = 1, [404] = 2 }));
        Neon.Counters.Reset();
        Assert.That(Neon.Counters.RequestsReceived, Is.Zero);
    }

    [Test]
    public async Task Added_latency_delays_the_answer_and_honours_cancellation()
    {
        // Deterministic: the latency is far longer than the test, and the cancellation ends the wait.
        Options.Latency = TimeSpan.FromMinutes(10);
        using var cancellation = new CancellationTokenSource();
        var call = Api.Http.GetAsync("regions", cancellation.Token);
        Assert.That(call.IsCompleted, Is.False);

        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }
}
