using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class BranchTests : EmulatorTest
{
    public BranchTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_branch_copies_its_parents_databases_and_roles_and_can_get_an_endpoint()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";

        var branch = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject
        {
            ["branch"] = new JsonObject { ["name"] = "preview" },
            ["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_write" }),
        });

        Assert.That((string?)branch["branch"]!["parent_id"], Is.EqualTo(Id(created, "branch")));
        Assert.That((bool?)branch["branch"]!["default"], Is.False);
        Assert.That(branch["databases"]!.AsArray().Select(d => (string?)d!["name"]), Is.EqualTo(new[] { "neondb" }));
        Assert.That(branch["roles"]!.AsArray().Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "neondb_owner" }));
        Assert.That((string?)branch["endpoints"]![0]!["branch_id"], Is.EqualTo(Id(branch, "branch")));
        Assert.That(branch["connection_uris"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(branch["operations"]!.AsArray().Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "create_branch", "start_compute" }));
    }

    [Test]
    public async Task Set_as_default_moves_the_default_flag()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var branch = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", null);
        FinishOperations();

        await Api.ExpectAsync(200, "setDefaultProjectBranch", $"{p}/branches/{Id(branch, "branch")}/set_as_default");

        var list = await Api.ExpectAsync(200, "listProjectBranches", $"{p}/branches");
        Assert.That(list["branches"]!.AsArray().Where(b => (bool)b!["default"]!).Select(b => (string?)b!["id"]),
            Is.EqualTo(new[] { Id(branch, "branch") }));
        var refused = await Api.CallAsync("deleteProjectBranch", $"{p}/branches/{Id(branch, "branch")}");
        Assert.That(refused.Status, Is.EqualTo(409));
        Assert.That(refused.Message, Does.Contain("default branch"));
    }

    [Test]
    public async Task Restore_copies_the_source_and_preserves_the_old_state_under_a_name()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var main = Id(created, "branch");
        var dev = Id(await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", null), "branch");
        FinishOperations();
        await Api.ExpectAsync(201, "createProjectBranchRole", $"{p}/branches/{dev}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "temp" } });
        FinishOperations();

        var restored = await Api.ExpectAsync(200, "restoreProjectBranch", $"{p}/branches/{dev}/restore", new JsonObject
        {
            ["source_branch_id"] = main,
            ["preserve_under_name"] = "dev-old",
        });
        Assert.That((string?)restored["branch"]!["current_state"], Is.EqualTo("resetting"));
        Assert.That(restored["branch"]!["last_reset_at"], Is.Not.Null);
        FinishOperations();

        var roles = await Api.ExpectAsync(200, "listProjectBranchRoles", $"{p}/branches/{dev}/roles");
        Assert.That(roles["roles"]!.AsArray().Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "neondb_owner" }));
        var all = await Api.ExpectAsync(200, "listProjectBranches", $"{p}/branches?search=dev-old");
        var preserved = Ids(all, "branches").Single();
        var preservedRoles = await Api.ExpectAsync(200, "listProjectBranchRoles", $"{p}/branches/{preserved}/roles");
        Assert.That(preservedRoles["roles"]!.AsArray().Select(r => (string?)r!["name"]), Is.EquivalentTo(new[] { "neondb_owner", "temp" }));
        var onto = await Api.CallAsync("restoreProjectBranch", $"{p}/branches/{dev}/restore", new JsonObject { ["source_branch_id"] = dev });
        Assert.That(onto.Status, Is.EqualTo(400));
        Assert.That(onto.Message, Does.Contain("source_lsn"));
    }

    [Test]
    public async Task A_branch_with_children_cannot_be_deleted_and_deleting_removes_its_endpoints()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var parent = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject
        {
            ["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_only" }),
        });
        FinishOperations();
        var child = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject
        {
            ["branch"] = new JsonObject { ["parent_id"] = Id(parent, "branch") },
        });
        FinishOperations();

        var refused = await Api.CallAsync("deleteProjectBranch", $"{p}/branches/{Id(parent, "branch")}");
        Assert.That(refused.Status, Is.EqualTo(409));
        await Api.ExpectAsync(200, "deleteProjectBranch", $"{p}/branches/{Id(child, "branch")}");
        FinishOperations();
        var deleted = await Api.ExpectAsync(200, "deleteProjectBranch", $"{p}/branches/{Id(parent, "branch")}");

        Assert.That(deleted["operations"]!.AsArray().Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "suspend_compute", "delete_timeline" }));
        var endpoints = await Api.ExpectAsync(200, "listProjectEndpoints", $"{p}/endpoints");
        Assert.That(endpoints["endpoints"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That((await Api.CallAsync("getProjectBranch", $"{p}/branches/{Id(parent, "branch")}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Role_passwords_can_be_revealed_and_reset()
    {
        var created = await CreateProjectAsync();
        var b = $"projects/{Id(created, "project")}/branches/{Id(created, "branch")}";
        var original = (string)created["roles"]![0]!["password"]!;

        var revealed = await Api.ExpectAsync(200, "getProjectBranchRolePassword", $"{b}/roles/neondb_owner/reveal_password");
        Assert.That((string?)revealed["password"], Is.EqualTo(original));

        var reset = await Api.ExpectAsync(200, "resetProjectBranchRolePassword", $"{b}/roles/neondb_owner/reset_password");
        var changed = (string)reset["role"]!["password"]!;
        Assert.That(changed, Is.Not.EqualTo(original));
        FinishOperations();
        revealed = await Api.ExpectAsync(200, "getProjectBranchRolePassword", $"{b}/roles/neondb_owner/reveal_password");
        Assert.That((string?)revealed["password"], Is.EqualTo(changed));
        var role = await Api.ExpectAsync(200, "getProjectBranchRole", $"{b}/roles/neondb_owner");
        Assert.That(role["role"]!["password"], Is.Null, "get does not return the password");
    }

    [Test]
    public async Task Databases_can_be_renamed_and_given_a_new_owner()
    {
        var created = await CreateProjectAsync();
        var b = $"projects/{Id(created, "project")}/branches/{Id(created, "branch")}";
        await Api.ExpectAsync(201, "createProjectBranchRole", $"{b}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "app" } });
        FinishOperations();

        var updated = await Api.ExpectAsync(200, "updateProjectBranchDatabase", $"{b}/databases/neondb", new JsonObject
        {
            ["database"] = new JsonObject { ["name"] = "maindb", ["owner_name"] = "app" },
        });
        FinishOperations();

        Assert.That((string?)updated["database"]!["owner_name"], Is.EqualTo("app"));
        Assert.That((await Api.CallAsync("getProjectBranchDatabase", $"{b}/databases/neondb")).Status, Is.EqualTo(404));
        Assert.That((await Api.CallAsync("getProjectBranchDatabase", $"{b}/databases/maindb")).Status, Is.EqualTo(200));
    }
}
