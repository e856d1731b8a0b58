using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Neon.Api.TestShared;
using Neon.Api.Workflows;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests.OperationSpecific;

/// <summary>
/// <see cref="NeonWorkflowExtensions.CreateBranchAndConnectAsync"/> and <see cref="NeonWorkflowExtensions.CreateEphemeralBranchAsync"/>
/// through the real client against the emulator, checked against the emulator's own state.
/// </summary>
[OperationSpecific("createProjectBranch", "getConnectionURI", "deleteProjectBranch", "getProjectBranch", "listProjectBranches", "getProjectBranchRolePassword")]
public sealed class BranchWorkflowTests
{
    private static readonly string[] MainOnly = ["main"];
    private static readonly string[] TestBranchNames = ["test-0", "test-1", "test-2"];

    [Test]
    public async Task A_branch_is_created_waited_for_and_returned_with_what_connects_to_it()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();

        var branch = await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { BranchName = "pr-7", Wait = WorkflowHarness.Wait });

        var state = (await neon.Client.Branch.GetProjectBranchAsync(projectId, branch.BranchId)).Branch;
        var endpoint = (await neon.Client.Endpoint.GetProjectEndpointAsync(projectId, branch.EndpointId)).Endpoint;
        var password = (await neon.Client.Branch.GetProjectBranchRolePasswordAsync(projectId, branch.BranchId, branch.Connection.Role)).Password;
        var direct = await neon.Client.Project.GetConnectionURIAsync(projectId, "neondb", "neondb_owner", branch.BranchId, branch.EndpointId);
        var pooled = await neon.Client.Project.GetConnectionURIAsync(projectId, "neondb", "neondb_owner", branch.BranchId, branch.EndpointId, pooled: true);
        var main = (await neon.BranchesAsync(projectId)).Single(b => b.Default);
        var info = branch.Connection;
        Assert.Multiple(() =>
        {
            Assert.That(state.Name, Is.EqualTo("pr-7"));
            Assert.That(state.ParentId, Is.EqualTo(main.Id), "the project's default branch is the parent by default");
            Assert.That(state.CurrentState, Is.EqualTo("ready"), "the create operations were waited for");
            Assert.That(endpoint.CurrentState, Is.EqualTo(EndpointState.Active));
            Assert.That(endpoint.BranchId, Is.EqualTo(branch.BranchId));
            Assert.That(branch.ExpiresAt, Is.Null);
            Assert.That(state.ExpiresAt, Is.Null, "no time to live, no expiration");
            Assert.That((info.Database, info.Role), Is.EqualTo(("neondb", "neondb_owner")), "the only database, as its owner");
            Assert.That(info.Password, Is.EqualTo(password));
            Assert.That(info.Host, Is.EqualTo(endpoint.Host));
            Assert.That(info.ConnectionUri, Is.EqualTo(direct.Uri));
            Assert.That(info.PooledConnectionUri, Is.EqualTo(pooled.Uri));
            Assert.That(info.PooledHost, Is.Not.EqualTo(info.Host).And.Contains("-pooler"));
            Assert.That(info.ConnectionString, Does.Contain($"Host={endpoint.Host}").And.Contains("Database=neondb").And.Contains("Username=neondb_owner").And.Contains("SSL Mode=Require"));
            Assert.That(info.PooledConnectionString, Does.Contain($"Host={info.PooledHost}"));
        });
    }

    [Test]
    public async Task A_branch_starts_from_the_parent_named_at_the_point_in_time_asked_for()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var dev = await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { BranchName = "dev", Wait = WorkflowHarness.Wait });
        var pointInTime = neon.Clock.GetUtcNow().AddMinutes(-1);

        var child = await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions
        {
            ParentBranchName = "dev",
            ParentTimestamp = pointInTime,
            EndpointType = EndpointType.ReadOnly,
            Wait = WorkflowHarness.Wait,
        });

        var state = (await neon.Client.Branch.GetProjectBranchAsync(projectId, child.BranchId)).Branch;
        var endpoint = (await neon.Client.Endpoint.GetProjectEndpointAsync(projectId, child.EndpointId)).Endpoint;
        Assert.Multiple(() =>
        {
            Assert.That(state.ParentId, Is.EqualTo(dev.BranchId), "the parent was found by name");
            Assert.That(state.ParentTimestamp, Is.EqualTo(pointInTime).Within(TimeSpan.FromSeconds(1)));
            Assert.That(endpoint.Type, Is.EqualTo(EndpointType.ReadOnly));
            Assert.That(child.Connection.Host, Is.EqualTo(endpoint.Host), "the URIs are those of the endpoint created with the branch");
        });
    }

    [Test]
    public async Task A_parent_name_that_no_branch_has_is_a_typed_error_and_creates_nothing()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();

        var error = await Assert.ThrowsAsync<NeonWorkflowException>(() => neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { ParentBranchName = "no-such-branch" }));

        Assert.That(error!.Message, Does.Contain("no branch named 'no-such-branch'").And.Contains("ParentBranchName"));
        Assert.That(neon.RequestsTo("POST", "/branches"), Is.Empty);
    }

    [Test]
    public async Task Several_databases_need_a_choice_and_a_failed_choice_leaves_no_branch_behind()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var main = (await neon.BranchesAsync(projectId)).Single();
        await neon.Client.Branch.CreateProjectBranchRoleAsync(projectId, main.Id, new RoleCreateRequest { Role = new RoleCreateRequestRole { Name = "app" } })
            .WaitForOperationsAsync(neon.Client, WorkflowHarness.Wait);
        await neon.Client.Branch.CreateProjectBranchDatabaseAsync(projectId, main.Id, new DatabaseCreateRequest { Database = new DatabaseCreateRequestDatabase { Name = "appdb", OwnerName = "app" } })
            .WaitForOperationsAsync(neon.Client, WorkflowHarness.Wait);

        var error = await Assert.ThrowsAsync<NeonWorkflowException>(() => neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { Wait = WorkflowHarness.Wait }));
        var afterFailure = await neon.BranchesAsync(projectId);
        var chosen = await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { DatabaseName = "appdb", Wait = WorkflowHarness.Wait });

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("2 databases").And.Contains("neondb").And.Contains("appdb").And.Contains("DatabaseName"));
            Assert.That(afterFailure.Select(b => b.Id), Is.EqualTo(new[] { main.Id }), "the branch created before the failure was deleted");
            Assert.That((chosen.Connection.Database, chosen.Connection.Role), Is.EqualTo(("appdb", "app")), "the chosen database, as its owner");
        });
    }

    [Test]
    public async Task An_ephemeral_branch_expires_at_the_clock_plus_its_time_to_live_and_is_deleted_when_disposed()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        DateTimeOffset? reported;
        string branchId;
        DateTimeOffset sentAt;

        await using (var branch = await neon.Client.CreateEphemeralBranchAsync(projectId, new NeonBranchOptions { TimeToLive = TimeSpan.FromMinutes(90), Wait = WorkflowHarness.Wait }))
        {
            sentAt = neon.Clock.GetUtcNow();
            branchId = branch.BranchId;
            reported = (await neon.Client.Branch.GetProjectBranchAsync(projectId, branchId)).Branch.ExpiresAt;
            Assert.That(branch.ExpiresAt, Is.EqualTo(reported), "the expiration sent is the one Neon reports");
            Assert.That(branch.IsDeleted, Is.False);
        }

        Assert.Multiple(() =>
        {
            // The clock moved while the create operations were waited for: the expiration was taken before that.
            Assert.That(reported!.Value - neon.Clock.Start, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(90)).And.LessThanOrEqualTo(sentAt - neon.Clock.Start + TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(1)));
            Assert.That(reported.Value.Ticks % TimeSpan.TicksPerSecond, Is.Zero, "Neon takes whole seconds");
        });
        await Assert.ThrowsAsync<NeonNotFoundException>(() => neon.Client.Branch.GetProjectBranchAsync(projectId, branchId), "disposed, so deleted");
    }

    [Test]
    public async Task Disposing_a_branch_that_is_already_gone_does_not_throw_and_a_second_delete_sends_nothing()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var branch = await neon.Client.CreateEphemeralBranchAsync(projectId, new NeonBranchOptions { Wait = WorkflowHarness.Wait });
        await neon.Client.Branch.DeleteProjectBranchAsync(projectId, branch.BranchId);

        await branch.DisposeAsync();
        var deletes = neon.RequestsTo("DELETE", branch.BranchId).Count();
        await branch.DeleteAsync();
        await branch.DisposeAsync();

        Assert.That(branch.IsDeleted, Is.True, "a 404 counts as deleted");
        Assert.That(neon.RequestsTo("DELETE", branch.BranchId).Count(), Is.EqualTo(deletes), "nothing sent once deleted");
        Assert.That(neon.Log.Entries.Where(e => e.Level >= LogLevel.Warning), Is.Empty);
    }

    [Test]
    public async Task A_deletion_Neon_refuses_throws_from_DeleteAsync_and_is_logged_not_thrown_on_dispose()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var branch = await neon.Client.CreateEphemeralBranchAsync(projectId, new NeonBranchOptions { Wait = WorkflowHarness.Wait });
        await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { ParentBranchId = branch.BranchId, Wait = WorkflowHarness.Wait });

        await Assert.ThrowsAsync<NeonConflictException>(() => branch.DeleteAsync(), "a branch with children cannot be deleted");
        await branch.DisposeAsync();

        var warning = neon.Log.Entries.Single(e => e.EventName == "NeonResourceNotDeleted");
        Assert.Multiple(() =>
        {
            Assert.That(branch.IsDeleted, Is.False);
            Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(warning.Message, Does.Contain(branch.BranchId).And.Contains("NeonConflictException").And.Contains("expires_at"));
            Assert.That(warning.Message, Does.Not.Contain(branch.Connection.Password));
        });
    }

    [Test]
    public async Task Branches_created_together_queue_behind_each_other_instead_of_drawing_423()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();

        var branches = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            neon.Client.CreateEphemeralBranchAsync(projectId, new NeonBranchOptions { BranchName = $"test-{i}", Wait = WorkflowHarness.Wait })));
        var names = (await neon.BranchesAsync(projectId)).Select(b => b.Name).ToList();
        foreach (var branch in branches)
        {
            await branch.DisposeAsync();
        }

        Assert.That(names, Is.SupersetOf(TestBranchNames));
        Assert.That(neon.Fake.Counters.ResponsesWithStatus(423), Is.Zero, "the project queue ordered the creates");
        Assert.That((await neon.BranchesAsync(projectId)).Select(b => b.Name), Is.EqualTo(MainOnly), "all three deleted");
    }

    [Test]
    public async Task Locked_and_unavailable_answers_are_retried_inside_the_workflow()
    {
        using var neon = new WorkflowHarness(configureClient: o => { o.Retry.MaxRetries = 12; o.Retry.MaxDelay = TimeSpan.FromSeconds(1); });
        var projectId = await neon.CreateProjectAsync();
        neon.Fake.Options.ForceLockedMutations = 2;
        neon.Fake.Options.ServiceUnavailableRate = 0.3;

        await using var branch = await neon.Client.CreateEphemeralBranchAsync(projectId, new NeonBranchOptions { BranchName = "flaky", Wait = WorkflowHarness.Wait });
        neon.Fake.Options.ServiceUnavailableRate = 0;

        Assert.That(neon.Fake.Counters.ResponsesWithStatus(423), Is.EqualTo(2));
        Assert.That(neon.Fake.Counters.ResponsesWithStatus(503), Is.GreaterThan(0));
        Assert.That((await neon.Client.Branch.GetProjectBranchAsync(projectId, branch.BranchId)).Branch.Name, Is.EqualTo("flaky"));
        Assert.That(neon.RequestsTo("POST", "/branches").Count(), Is.GreaterThanOrEqualTo(3), "the create was sent again after each 423");
        Assert.That((await neon.BranchesAsync(projectId)).Count(b => b.Name == "flaky"), Is.EqualTo(1), "one branch, however many attempts");
    }

    [Test]
    public async Task A_cancelled_token_sends_nothing()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var before = neon.Requests.Count;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(
            () => neon.Client.CreateEphemeralBranchAsync(projectId, cancellationToken: cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>().With.Property(nameof(OperationCanceledException.CancellationToken)).EqualTo(cancelled.Token));
        Assert.That(neon.Requests.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Cancelling_while_the_branch_is_waited_for_deletes_the_branch_and_throws()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        using var cancellation = new CancellationTokenSource();
        neon.BeforeSend = request =>
        {
            if (request.Method == System.Net.Http.HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/operations/", StringComparison.Ordinal))
            {
                cancellation.Cancel(); // the branch exists by now: its create operations are being polled
            }
        };

        Assert.That(
            () => neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { BranchName = "cancelled", Wait = WorkflowHarness.Wait }, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        neon.BeforeSend = null;

        Assert.That(neon.RequestsTo("POST", "/branches").Count(), Is.EqualTo(1));
        Assert.That(neon.RequestsTo("DELETE", "/branches/").Count(), Is.EqualTo(1), "the half-made branch was deleted");
        Assert.That((await neon.BranchesAsync(projectId)).Select(b => b.Name), Is.EqualTo(MainOnly));
    }
}
