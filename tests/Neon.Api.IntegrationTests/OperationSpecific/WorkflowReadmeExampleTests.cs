using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using Neon.Api.Workflows;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests.OperationSpecific;

/// <summary>The examples of README.md ("Branch per test: workflow helpers"), compiled and run against the emulator.</summary>
[OperationSpecific("createProjectBranch", "deleteProjectBranch", "restoreProjectBranch", "createProject", "listProjectBranches")]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class WorkflowReadmeExampleTests : IDisposable
{
    private readonly WorkflowHarness _harness = new();
    private NeonClient neon = null!;
    private string projectId = null!;

    [SetUp]
    public async Task SetUp()
    {
        neon = _harness.Client;
        projectId = await _harness.CreateProjectAsync();
    }

    public void Dispose() => _harness.Dispose();

    [Test]
    public async Task Branch_and_connect_reset_and_project_examples_run()
    {
        var output = new StringWriter();

        // --- README: Branch per test: workflow helpers (Console replaced by output) ---
        var preview = await neon.CreateBranchAndConnectAsync(projectId, new NeonBranchOptions
        {
            BranchName = "preview/pr-42",
            ParentBranchName = "main",                        // or ParentBranchId; default: the project's default branch
            ParentTimestamp = DateTimeOffset.UtcNow.AddHours(-1), // the parent as it was an hour ago (or ParentLsn)
            TimeToLive = TimeSpan.FromDays(7),                // Neon deletes the branch after a week (expires_at)
        });
        output.WriteLine($"{preview.BranchName} ({preview.BranchId}): {preview.Connection.MaskedConnectionUri}");
        var connectionString = preview.Connection.PooledConnectionString; // for Npgsql: new NpgsqlConnection(connectionString)
        // --- end ---

        // --- README: reset and project ---
        await neon.ResetBranchFromParentAsync(projectId, preview.BranchId); // preserveUnderName: "before-reset" keeps the old state

        var project = await neon.CreateProjectAndConnectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "demo" } });
        output.WriteLine($"{project.ProjectId}: {project.Connection}"); // the password shows as ****
        // --- end ---

        var state = (await neon.Branch.GetProjectBranchAsync(projectId, preview.BranchId)).Branch;
        Assert.Multiple(() =>
        {
            Assert.That(output.ToString(), Does.StartWith($"preview/pr-42 ({preview.BranchId}): postgresql://neondb_owner:****@{preview.Connection.Host}/neondb"));
            Assert.That(output.ToString(), Does.Contain($"{project.ProjectId}: NeonConnectionInfo {{ Host = {project.Connection.Host}").And.Not.Contains(project.Connection.Password));
            Assert.That(connectionString, Does.Contain($"Host={preview.Connection.PooledHost}"));
            Assert.That(state.ExpiresAt, Is.EqualTo(preview.ExpiresAt).And.Not.Null);
            Assert.That(state.LastResetAt, Is.Not.Null, "reset");
        });
    }

    // --- README: Branch per test ---
    [Test]
    public async Task Each_test_gets_its_own_database()
    {
        await using var branch = await neon.CreateEphemeralBranchAsync(projectId, new() { TimeToLive = TimeSpan.FromHours(1) });

        // Connect with branch.Connection.ConnectionString (Npgsql) or branch.Connection.ConnectionUri (psql, DATABASE_URL).
        Assert.That(branch.Connection.Database, Is.EqualTo("neondb"));
    }
    // --- end ---

    [Test]
    public async Task The_branch_per_test_example_leaves_no_branch_behind()
    {
        await Each_test_gets_its_own_database();

        Assert.That((await _harness.BranchesAsync(projectId)).Select(b => b.Name), Is.EqualTo(MainOnly));
        Assert.That(_harness.RequestsTo("DELETE", "/branches/").Count(), Is.EqualTo(1));
    }

    private static readonly string[] MainOnly = ["main"];
}
