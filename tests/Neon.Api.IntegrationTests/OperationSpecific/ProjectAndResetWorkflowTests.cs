using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using Neon.Api.Workflows;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests.OperationSpecific;

/// <summary>
/// <see cref="NeonWorkflowExtensions.ResetBranchFromParentAsync"/> and <see cref="NeonWorkflowExtensions.CreateProjectAndConnectAsync"/>
/// through the real client against the emulator, checked against the emulator's own state.
/// </summary>
[OperationSpecific("restoreProjectBranch", "createProject", "createProjectBranch", "getProjectBranch", "getConnectionURI", "createProjectBranchDatabase", "listProjectBranchDatabases", "listProjectOperations")]
public sealed class ProjectAndResetWorkflowTests
{
    private static readonly string[] ExpectedAfterPreservingReset = ["main", "dev", "dev-before-reset"];

    [Test]
    public async Task Resetting_a_branch_gives_it_its_parents_current_state_and_waits()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var main = (await neon.BranchesAsync(projectId)).Single();
        var dev = await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { BranchName = "dev", Wait = WorkflowHarness.Wait });
        await neon.Client.Branch.CreateProjectBranchDatabaseAsync(projectId, main.Id, new DatabaseCreateRequest { Database = new DatabaseCreateRequestDatabase { Name = "added_later", OwnerName = "neondb_owner" } })
            .WaitForOperationsAsync(neon.Client, WorkflowHarness.Wait);
        var before = (await neon.Client.Branch.ListProjectBranchDatabasesAsync(projectId, dev.BranchId)).Databases.Select(d => d.Name).ToList();
        var resetAt = neon.Clock.GetUtcNow();

        var reset = await neon.Client.ResetBranchFromParentAsync(projectId, dev.BranchId, waitOptions: WorkflowHarness.Wait);

        var after = (await neon.Client.Branch.ListProjectBranchDatabasesAsync(projectId, dev.BranchId)).Databases.Select(d => d.Name).ToList();
        var state = (await neon.Client.Branch.GetProjectBranchAsync(projectId, dev.BranchId)).Branch;
        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Not.Contain("added_later"), "the branch was made before the parent changed");
            Assert.That(after, Does.Contain("added_later"), "the reset copied the parent's current state");
            Assert.That(reset.Branch.Id, Is.EqualTo(dev.BranchId), "the same branch, reset in place");
            Assert.That(state.LastResetAt, Is.EqualTo(resetAt).Within(TimeSpan.FromSeconds(1)), "Neon reports when it was reset");
            Assert.That(state.CurrentState, Is.EqualTo("ready"), "the reset's operations were waited for");
            Assert.That(neon.RequestsTo("POST", $"/branches/{dev.BranchId}/restore").Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_reset_can_keep_the_previous_state_under_a_name()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var dev = await neon.Client.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions { BranchName = "dev", Wait = WorkflowHarness.Wait });

        await neon.Client.ResetBranchFromParentAsync(projectId, dev.BranchId, preserveUnderName: "dev-before-reset", waitOptions: WorkflowHarness.Wait);

        Assert.That((await neon.BranchesAsync(projectId)).Select(b => b.Name), Is.EquivalentTo(ExpectedAfterPreservingReset));
    }

    [Test]
    public async Task A_root_branch_has_no_parent_to_reset_from()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();
        var main = (await neon.BranchesAsync(projectId)).Single();

        var error = await Assert.ThrowsAsync<NeonWorkflowException>(() => neon.Client.ResetBranchFromParentAsync(projectId, main.Id));

        Assert.That(error!.Message, Does.Contain(main.Id).And.Contains("no parent"));
        Assert.That(neon.RequestsTo("POST", "/restore"), Is.Empty);
    }

    [Test]
    public async Task An_unknown_branch_is_the_clients_not_found_error()
    {
        using var neon = new WorkflowHarness();
        var projectId = await neon.CreateProjectAsync();

        var error = await Assert.ThrowsAsync<NeonNotFoundException>(() => neon.Client.ResetBranchFromParentAsync(projectId, "br-no-such-branch"));

        Assert.That(error!.OperationId, Is.EqualTo("getProjectBranch"));
    }

    [Test]
    public async Task A_project_is_created_waited_for_and_returned_with_what_connects_to_it()
    {
        using var neon = new WorkflowHarness();

        var project = await neon.Client.CreateProjectAndConnectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "app", Branch = new ProjectCreateRequestProjectBranch { DatabaseName = "shop", RoleName = "shop_owner" } } },
            WorkflowHarness.Wait);
        var uriRequests = neon.RequestsTo("GET", "/connection_uri").Count();

        var operations = (await neon.Client.Operation.ListProjectOperationsAsync(project.ProjectId)).Operations;
        var direct = await neon.Client.Project.GetConnectionURIAsync(project.ProjectId, "shop", "shop_owner", project.BranchId, project.EndpointId);
        var endpoint = (await neon.Client.Endpoint.GetProjectEndpointAsync(project.ProjectId, project.EndpointId)).Endpoint;
        Assert.Multiple(() =>
        {
            Assert.That(operations.Select(o => o.Status.ToString()), Is.All.EqualTo("finished"), "the project's operations were waited for");
            Assert.That((project.Connection.Database, project.Connection.Role), Is.EqualTo(("shop", "shop_owner")));
            Assert.That(project.Connection.ConnectionUri, Is.EqualTo(direct.Uri));
            Assert.That(project.Connection.Host, Is.EqualTo(endpoint.Host));
            Assert.That(uriRequests, Is.Zero, "the create response's connection_uris were enough");
        });
    }

    [Test]
    public async Task A_project_that_fails_to_become_ready_is_deleted_and_the_failure_surfaces()
    {
        using var neon = new WorkflowHarness(o => o.FailNextOperations = 1);

        var error = await Assert.ThrowsAsync<Operations.NeonOperationFailedException>(() => neon.Client.CreateProjectAndConnectAsync(waitOptions: WorkflowHarness.Wait));

        var projects = (await neon.Client.Project.ListProjectsAsync()).Projects;
        Assert.That(error!.Status, Is.EqualTo("failed"));
        Assert.That(neon.RequestsTo("DELETE", "/projects/").Count(), Is.EqualTo(1));
        Assert.That(projects, Is.Empty, "the half-made project was deleted");
    }

    [Test]
    public async Task Cancelling_the_project_wait_deletes_the_project()
    {
        using var neon = new WorkflowHarness();
        using var cancellation = new CancellationTokenSource();
        neon.BeforeSend = request =>
        {
            if (request.RequestUri!.AbsolutePath.Contains("/operations/", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        };

        Assert.That(() => neon.Client.CreateProjectAndConnectAsync(null, WorkflowHarness.Wait, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        neon.BeforeSend = null;

        Assert.That((await neon.Client.Project.ListProjectsAsync()).Projects, Is.Empty);
    }
}
