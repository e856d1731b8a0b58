using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
using RichardSzalay.MockHttp;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.Behaviour;

/// <summary>The generated WaitForOperationsAsync extensions, through the real client and MockHttp, with a fake clock.</summary>
[TestFixture]
public sealed class WaitingBehaviourTests
{
    private NeonApiMock _api = null!;
    private FakeTime _time = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new NeonApiMock();
        _time = _api.Time;
    }

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task Waits_until_every_operation_finished_and_returns_the_original_response()
    {
        _api.Expect(HttpMethod.Post, "projects/p-1/branches", Json.CreatedBranch(Json.Operation("op-1", "running"), Json.Operation("op-2", "finished")));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", "running"));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", "finished"));

        var created = await _api.Client.Branch.CreateProjectBranchAsync("p-1").WaitForOperationsAsync(_api.Client, FakeTime.Options());

        Assert.Multiple(() =>
        {
            Assert.That(created.Branch.Id, Is.EqualTo("br-1"));
            Assert.That(_api.Requests, Has.Count.EqualTo(3));
            Assert.That(_time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(375) }));
        });
        _api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Waiting_uses_the_clock_the_options_name_over_the_clients()
    {
        _api.Expect(HttpMethod.Post, "projects/p-1/branches", Json.CreatedBranch(Json.Operation("op-1", "running")));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", "finished"));
        var other = new FakeTime();
        var options = FakeTime.Options();
        options.TimeProvider = other;

        await _api.Client.Branch.CreateProjectBranchAsync("p-1").WaitForOperationsAsync(_api.Client.Operation, options);

        Assert.That(other.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(250) }));
        Assert.That(_time.Delays, Is.Empty, "the client's clock was not used");
    }

    [TestCase("failed")]
    [TestCase("error")]
    [TestCase("cancelled")]
    public async Task A_failure_status_raises_an_exception_naming_the_operation(string status)
    {
        _api.Expect(HttpMethod.Post, "projects/p-1/branches", Json.CreatedBranch(Json.Operation("op-1", "running")));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", status, "disk full"));

        var failure = await Assert.ThrowsAsync<NeonOperationFailedException>(
            () => _api.Client.Branch.CreateProjectBranchAsync("p-1").WaitForOperationsAsync(_api.Client.Operation, FakeTime.Options()));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.OperationId, Is.EqualTo("op-1"));
            Assert.That(failure.Action, Is.EqualTo("create_branch"));
            Assert.That(failure.Status, Is.EqualTo(status));
            Assert.That(failure.Error, Is.EqualTo("disk full"));
            Assert.That(failure.Message, Does.Contain("op-1").And.Contain("create_branch").And.Contain(status).And.Contain("disk full"));
            Assert.That(failure, Is.InstanceOf<NeonException>());
        });
    }

    [Test]
    public async Task An_unknown_status_keeps_polling_until_a_final_one()
    {
        _api.Expect(HttpMethod.Post, "projects/p-1/branches", Json.CreatedBranch(Json.Operation("op-1", "scheduling")));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", "paused_by_newer_server"));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", "skipped"));

        await _api.Client.Branch.CreateProjectBranchAsync("p-1").WaitForOperationsAsync(_api.Client, FakeTime.Options());

        Assert.That(_api.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_deadline_raises_a_timeout_listing_the_unfinished_operations()
    {
        _api.Handler.When(HttpMethod.Get, NeonApiMock.Base + "projects/p-1/operations/op-1").Respond("application/json", Json.OperationResponse("op-1", "running"));
        var created = await ParseCreated(Json.Operation("op-1", "running"), Json.Operation("op-2", "finished"));

        var timeout = await Assert.ThrowsAsync<NeonOperationTimeoutException>(
            () => created.WaitForOperationsAsync(_api.Client, FakeTime.Options(TimeSpan.FromSeconds(30))));

        Assert.Multiple(() =>
        {
            Assert.That(timeout!.UnfinishedOperations.Select(o => o.Id), Is.EqualTo(new[] { "op-1" }));
            Assert.That(timeout.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(timeout.Message, Does.Contain("op-1 (create_branch, running)"));
            Assert.That(_time.Now, Is.EqualTo(TimeSpan.FromSeconds(30)), "the last delay is cut to the deadline");
            Assert.That(_time.Delays.Max(), Is.EqualTo(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public async Task Cancellation_stops_the_waiting()
    {
        _api.Handler.When(HttpMethod.Get, NeonApiMock.Base + "projects/p-1/operations/op-1").Respond("application/json", Json.OperationResponse("op-1", "running"));
        var created = await ParseCreated(Json.Operation("op-1", "running"));
        using var cts = new CancellationTokenSource();
        _time.OnDelay = count =>
        {
            if (count == 3)
            {
                cts.Cancel();
            }
        };

        await Assert.CatchAsync<OperationCanceledException>(() => created.WaitForOperationsAsync(_api.Client, FakeTime.Options(), cts.Token));

        Assert.That(_time.Delays, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_already_final_list_makes_no_request()
    {
        var created = await ParseCreated(Json.Operation("op-1", "finished"), Json.Operation("op-2", "skipped"));

        var same = await created.WaitForOperationsAsync(_api.Client, FakeTime.Options());

        Assert.Multiple(() =>
        {
            Assert.That(same, Is.SameAs(created));
            Assert.That(_api.Requests, Is.Empty);
            Assert.That(_time.Delays, Is.Empty);
        });
    }

    [Test]
    public async Task An_already_failed_operation_raises_without_a_request()
    {
        var created = await ParseCreated(Json.Operation("op-1", "finished"), Json.Operation("op-2", "failed", "boom"));

        var failure = await Assert.ThrowsAsync<NeonOperationFailedException>(() => created.WaitForOperationsAsync(_api.Client, FakeTime.Options()));

        Assert.That(failure!.OperationId, Is.EqualTo("op-2"));
        Assert.That(_api.Requests, Is.Empty);
    }

    [Test]
    public async Task Several_operations_are_polled_each_round_until_all_are_final()
    {
        var created = await ParseCreated(Json.Operation("op-1", "running"), Json.Operation("op-2", "running"), Json.Operation("op-3", "scheduling"));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-1", Json.OperationResponse("op-1", "finished"));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-2", Json.OperationResponse("op-2", "running"));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-3", Json.OperationResponse("op-3", "finished"));
        _api.Expect(HttpMethod.Get, "projects/p-1/operations/op-2", Json.OperationResponse("op-2", "finished"));

        await created.WaitForOperationsAsync(_api.Client, FakeTime.Options());

        Assert.That(_api.Requests.Select(u => u.AbsolutePath.Split('/').Last()), Is.EquivalentTo(new[] { "op-1", "op-2", "op-3", "op-2" }));
        Assert.That(_time.Delays, Has.Count.EqualTo(2));
    }

    private async Task<CreatedBranch> ParseCreated(params string[] operations)
    {
        // The creating call itself, answered once; the waiting is what these tests exercise.
        _api.Handler.Expect(HttpMethod.Post, NeonApiMock.Base + "projects/p-1/branches").Respond("application/json", Json.CreatedBranch(operations));
        return await _api.Client.Branch.CreateProjectBranchAsync("p-1");
    }
}
