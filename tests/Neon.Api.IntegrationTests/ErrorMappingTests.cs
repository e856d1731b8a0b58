using Neon.Api.Operations;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests;

/// <summary>Error statuses from the emulator, over HTTP, become the client's exception types.</summary>
public sealed class ErrorMappingTests
{
    [Test]
    public async Task A_404_becomes_NeonNotFoundException_with_the_code_and_request_id()
    {
        await using var neon = await LoopbackNeon.StartAsync();

        var error = await Assert.ThrowsAsync<NeonNotFoundException>(() => neon.Client.Project.GetProjectAsync("no-such-project-00000000"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(404));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(error.ErrorCode, Is.EqualTo("NOT_FOUND"));
            Assert.That(error.RequestId, Is.Not.Null.And.Not.Empty);
            Assert.That(error.OperationId, Is.EqualTo("getProject"));
            Assert.That(error.Message, Does.Contain("404").And.Contain(error.RequestId!));
        });
    }

    [Test]
    public async Task A_forced_423_is_retried_and_the_call_succeeds()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        var createdBefore = neon.Neon.Counters.ResponsesWithStatus(201);
        neon.Neon.Options.ForceLockedMutations = 1;

        var branch = await neon.Client.Branch.CreateProjectBranchAsync(projectId);

        Assert.That(branch.Branch.Id, Is.Not.Empty);
        Assert.That(neon.Neon.Counters.ResponsesWithStatus(423), Is.EqualTo(1), "the first attempt was locked");
        Assert.That(neon.Neon.Counters.ResponsesWithStatus(201) - createdBefore, Is.EqualTo(1), "the retry created the branch once");
    }

    [Test]
    public async Task With_retries_off_a_423_becomes_NeonLockedException()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        using var raw = neon.CreateClient(options => options.Retry.MaxRetries = 0);
        neon.Neon.Options.ForceLockedMutations = 1;

        var error = await Assert.ThrowsAsync<NeonLockedException>(() => raw.Branch.CreateProjectBranchAsync(projectId));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(423));
            Assert.That(error.ErrorCode, Is.EqualTo("LOCKED"));
            Assert.That(error.RequestId, Is.Not.Null.And.Not.Empty);
            Assert.That(neon.Neon.Counters.ResponsesWithStatus(423), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_mutation_while_an_operation_runs_is_queued_behind_it_and_draws_no_423()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        var first = await neon.Client.Branch.CreateProjectBranchAsync(projectId);

        // The first branch's operations still run (the emulator's clock only moves when the client waits).
        var second = await neon.Client.Branch.CreateProjectBranchAsync(projectId);

        Assert.That(second.Branch.Id, Is.Not.EqualTo(first.Branch.Id));
        Assert.That(neon.Neon.Counters.ResponsesWithStatus(423), Is.Zero);
    }

    [Test]
    public async Task Without_the_queue_and_retries_a_mutation_during_an_operation_gets_423()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        using var raw = neon.CreateClient(options =>
        {
            options.Retry.MaxRetries = 0;
            options.QueueProjectMutations = false;
        });
        var branch = await raw.Branch.CreateProjectBranchAsync(projectId);

        await Assert.ThrowsAsync<NeonLockedException>(() => raw.Branch.CreateProjectBranchAsync(projectId));

        await branch.WaitForOperationsAsync(raw, LoopbackNeon.WaitOptions());
        var second = await raw.Branch.CreateProjectBranchAsync(projectId);
        Assert.That(second.Branch.Id, Is.Not.EqualTo(branch.Branch.Id));
    }
}
