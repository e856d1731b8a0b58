using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>
/// The whole branch workflow on real PostgreSQL, through NeonClient and Npgsql: the URIs the API returns connect as the
/// role to the database it names; a child starts with its parent's rows; writes stay on their side; reset from the
/// parent replaces the child's data; a deleted branch's server is gone.
/// </summary>
[OperationSpecific("createProject", "createProjectBranch", "getConnectionURI", "restoreProjectBranch", "deleteProjectBranch")]
public sealed class BranchWorkflowTests : PostgresFixture
{
    [Test]
    public async Task The_returned_uri_connects_as_the_reported_role_to_the_reported_database()
    {
        var created = await Neon.Client.Project.CreateProjectAsync(new ProjectCreateRequest
        {
            Project = new ProjectCreateRequestProject
            {
                Name = "names",
                Branch = new ProjectCreateRequestProjectBranch { RoleName = "app_owner", DatabaseName = "appdb" },
            },
        }).WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        var details = created.ConnectionUris[0];

        Assert.That(details.ConnectionUri, Does.StartWith("postgresql://app_owner:").And.Contain("@127.0.0.1:"));
        Assert.That(details.ConnectionParameters.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(created.Endpoints[0].Host, Is.EqualTo("127.0.0.1"));
        Assert.That(await PostgresNeon.ScalarAsync<string>(details.ConnectionUri, "select current_user"), Is.EqualTo("app_owner"));
        Assert.That(await PostgresNeon.ScalarAsync<string>(details.ConnectionUri, "select current_database()"), Is.EqualTo("appdb"));
        Assert.That(await PostgresNeon.ScalarAsync<string>(details.ConnectionUri, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"),
            Is.EqualTo("app_owner"), "the database is owned by the role the API reports as its owner");

        var wrongPassword = details.ConnectionUri.Replace(created.Roles[0].Password!, "not-the-password", System.StringComparison.Ordinal);
        await PostgresNeon.AssertRejectedAsync(wrongPassword, "28P01", "a wrong password is refused: the server checks the one the API reported");

        var pooled = await Neon.Client.Project.GetConnectionURIAsync(created.Project.Id, "appdb", "app_owner", pooled: true);
        Assert.That(await PostgresNeon.ScalarAsync<string>(pooled.Uri, "select current_user"), Is.EqualTo("app_owner"), "the pooled URI reaches the same server");
    }

    [Test]
    public async Task A_child_copies_its_parent_writes_stay_apart_reset_replaces_and_delete_removes()
    {
        var (projectId, mainId, parentUri) = await Neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(parentUri, "create table items (name text primary key); insert into items values ('a'), ('b')");

        var (childId, _, childUri) = await Neon.CreateChildAsync(projectId, mainId);
        Assert.That(childUri, Is.Not.EqualTo(parentUri), "the child has its own server");
        Assert.That(await PostgresNeon.ItemsAsync(childUri), Is.EqualTo("a, b"), "the child starts with the parent's rows");
        Assert.That(await PostgresNeon.ScalarAsync<string>(childUri, "select current_database()"), Is.EqualTo("neondb"));

        await PostgresNeon.ExecuteAsync(childUri, "insert into items values ('child-only')");
        await PostgresNeon.ExecuteAsync(parentUri, "insert into items values ('parent-only')");
        Assert.That(await PostgresNeon.ItemsAsync(parentUri), Is.EqualTo("a, b, parent-only"), "the child's write is not in the parent");
        Assert.That(await PostgresNeon.ItemsAsync(childUri), Is.EqualTo("a, b, child-only"), "the parent's later write is not in the child");

        await Neon.Client.Branch.RestoreProjectBranchAsync(projectId, childId, new BranchRestoreRequest { SourceBranchId = mainId })
            .WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        Assert.That(await PostgresNeon.ItemsAsync(childUri), Is.EqualTo("a, b, parent-only"),
            "reset from the parent replaces the child's data with the parent's current data, on the same URI");

        await Neon.Client.Branch.DeleteProjectBranchAsync(projectId, childId).WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        await PostgresNeon.AssertRefusedAsync(childUri, "the deleted branch's server is gone");
        Assert.That(await PostgresNeon.ItemsAsync(parentUri), Is.EqualTo("a, b, parent-only"), "the parent is untouched");
    }

    [Test]
    public async Task A_grandchild_copies_the_child_and_not_the_root()
    {
        var (projectId, mainId, parentUri) = await Neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(parentUri, "create table items (name text primary key); insert into items values ('root')");
        var (childId, _, childUri) = await Neon.CreateChildAsync(projectId, mainId);
        await PostgresNeon.ExecuteAsync(childUri, "insert into items values ('child')");

        var (_, _, grandchildUri) = await Neon.CreateChildAsync(projectId, childId);

        Assert.That(await PostgresNeon.ItemsAsync(grandchildUri), Is.EqualTo("child, root"));
    }

    [Test]
    public async Task Deleting_the_project_stops_its_servers()
    {
        var (projectId, mainId, parentUri) = await Neon.CreateProjectAsync();
        var (_, _, childUri) = await Neon.CreateChildAsync(projectId, mainId);

        await Neon.Client.Project.DeleteProjectAsync(projectId);

        await PostgresNeon.AssertRefusedAsync(parentUri, "the deleted project's default branch");
        await PostgresNeon.AssertRefusedAsync(childUri, "the deleted project's child branch");
    }
}
