using System.Threading.Tasks;
using Neon.Api.TestShared;
using Neon.Api.Workflows;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>The client's workflow helpers on real PostgreSQL: their connection strings open, and reset replaces the data.</summary>
[OperationSpecific("createProject", "createProjectBranch", "getConnectionURI", "restoreProjectBranch", "deleteProjectBranch")]
public sealed class WorkflowHelperTests : PostgresFixture
{
    [Test]
    public async Task A_branch_per_test_connects_through_the_helpers_connection_string_and_resets_from_its_parent()
    {
        var project = await Neon.Client.CreateProjectAndConnectAsync(waitOptions: PostgresNeon.Wait);
        var parent = project.Connection;
        Assert.That(parent.Port, Is.Not.Null, "the emulator's URI carries the local server's port");
        await PostgresNeon.ExecuteAsync(parent.ConnectionString, "create table items (name text primary key); insert into items values ('seed')");

        string childUri;
        await using (var ephemeral = await Neon.Client.CreateEphemeralBranchAsync(project.ProjectId, new NeonBranchOptions { Wait = PostgresNeon.Wait }))
        {
            var child = ephemeral.Connection;
            childUri = child.ConnectionUri;
            Assert.That(await PostgresNeon.ScalarAsync<string>(child.ConnectionString, "select string_agg(name, ',') from items"), Is.EqualTo("seed"));
            await PostgresNeon.ExecuteAsync(child.ConnectionString, "insert into items values ('test-write')");

            await Neon.Client.ResetBranchFromParentAsync(project.ProjectId, ephemeral.BranchId, waitOptions: PostgresNeon.Wait);

            Assert.That(await PostgresNeon.ScalarAsync<string>(child.ConnectionString, "select string_agg(name, ',') from items"), Is.EqualTo("seed"), "reset drops the test's write");
        }

        await PostgresNeon.AssertRefusedAsync(childUri, "the ephemeral branch, deleted on dispose, serves nothing");
    }
}
