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
    public async Task A_forced_423_becomes_NeonLockedException()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        neon.Neon.Options.ForceLockedMutations = 1;

        var error = await Assert.ThrowsAsync<NeonLockedException>(() => neon.Client.Branch.CreateProjectBranchAsync(projectId));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(423));
            Assert.That(error.ErrorCode, Is.EqualTo("LOCKED"));
            Assert.That(error.RequestId, Is.Not.Null.And.Not.Empty);
            Assert.That(neon.Neon.Counters.ResponsesWithStatus(423), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_mutation_while_an_operation_runs_gets_423_and_succeeds_once_it_finished()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        var branch = await neon.Client.Branch.CreateProjectBranchAsync(projectId);

        await Assert.ThrowsAsync<NeonLockedException>(() => neon.Client.Branch.CreateProjectBranchAsync(projectId));

        await branch.WaitForOperationsAsync(neon.Client, neon.WaitOptions());
        var second = await neon.Client.Branch.CreateProjectBranchAsync(projectId);
        Assert.That(second.Branch.Id, Is.Not.EqualTo(branch.Branch.Id));
    }
}
