using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Emulator.Tests;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.NeonctlTests.OperationSpecific;

/// <summary>
/// Neon's CLI, at the version pinned beside this project, runs everyday commands against the standalone emulator
/// started as its own process (one for the fixture, stopped with SIGTERM at the end). Each command must exit 0 and
/// print JSON that shows what the earlier commands of its test did. Each test works in a project of its own, so any
/// of them runs alone and in any order.
/// </summary>
public sealed class NeonctlConformanceTests : IDisposable
{
    private readonly string _apiKey = "neonctl-conformance-" + Guid.NewGuid().ToString("N");
    private EmulatorProcess _emulator = null!;
    private Neonctl _neonctl = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task Install_neonctl_and_start_the_emulator()
    {
        var cli = await NeonctlPackage.EnsureInstalledAsync();
        // Operations finish at once, so each command sees the previous one's work done and none waits on a lock.
        _emulator = EmulatorProcess.Start(["--port", "0", "--api-key", _apiKey, "--operation-duration", "0"]);
        var baseUri = await _emulator.WaitForBaseUriAsync();
        _neonctl = new Neonctl(cli, baseUri, _apiKey);
        _http = new HttpClient { BaseAddress = baseUri };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
    }

    [OneTimeTearDown]
    public async Task Stop_the_emulator()
    {
        if (_emulator is null)
        {
            return;
        }

        try
        {
            _emulator.Terminate();
            var exitCode = await _emulator.WaitForExitAsync();
            // EmulatorLifecycleTests checks the same as a test; here a failure shows on the fixture.
            Assert.That(exitCode, Is.Zero, () => $"the emulator's exit code on SIGTERM; its output:\n{string.Join('\n', _emulator.Seen)}\n{_emulator.Error}");
        }
        finally
        {
            await _emulator.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http?.Dispose();
        _neonctl?.Dispose();
    }

    [Test]
    [OperationSpecific("getCurrentUserInfo", "getCurrentUserOrganizations", "listProjects", "listSharedProjects")]
    public async Task Me_orgs_list_and_projects_list_describe_the_account()
    {
        var me = await _neonctl.JsonAsync("me");
        var orgs = await _neonctl.JsonArrayAsync("orgs", "list");
        var projects = await _neonctl.JsonAsync("projects", "list");
        // What the emulator itself says, read directly.
        var user = JsonNode.Parse(await _http.GetStringAsync("users/me"))!;
        var organizations = JsonNode.Parse(await _http.GetStringAsync("users/me/organizations"))!["organizations"]!.AsArray();

        Assert.That((string?)me["id"], Is.Not.Empty.And.EqualTo((string?)user["id"]), "me: id");
        Assert.That((string?)me["email"], Does.Contain("@").And.EqualTo((string?)user["email"]), "me: email");
        Assert.That(orgs, Is.Not.Empty, "orgs list");
        Assert.That(
            orgs.Select(o => ((string?)o["id"], (string?)o["name"])),
            Is.EqualTo(organizations.Select(o => ((string?)o!["id"], (string?)o["name"]))),
            "orgs list: ids and names");
        // neonctl prints the user's own projects and, from listSharedProjects, the ones shared with them.
        Assert.That(projects["projects"], Is.InstanceOf<JsonArray>(), $"projects list: {projects.ToJsonString()}");
        Assert.That(projects["shared_with_you"], Is.InstanceOf<JsonArray>(), $"projects list: {projects.ToJsonString()}");
    }

    [Test]
    [OperationSpecific("createProject", "getProject", "updateProject", "listProjects", "listSharedProjects", "deleteProject")]
    public async Task Projects_create_get_update_list_and_delete_round_trip()
    {
        var created = await _neonctl.JsonAsync("projects", "create", "--name", "conformance-projects");
        var id = (string)created["project"]!["id"]!;
        var fetched = await _neonctl.JsonAsync("projects", "get", id);
        var updated = await _neonctl.JsonAsync("projects", "update", id, "--name", "conformance-renamed");
        var fetchedAfterUpdate = await _neonctl.JsonAsync("projects", "get", id);
        var listed = await ProjectIdsAsync();
        var deleted = await _neonctl.JsonAsync("projects", "delete", id);
        var listedAfterDelete = await ProjectIdsAsync();

        Assert.That((string?)created["project"]!["name"], Is.EqualTo("conformance-projects"), "projects create");
        Assert.That(created["connection_uris"]!.AsArray().Select(u => (string?)u!["connection_uri"]), Has.Some.StartsWith("postgresql://"), "projects create: connection URI");
        Assert.That(((string?)fetched["id"], (string?)fetched["name"]), Is.EqualTo((id, "conformance-projects")), "projects get");
        Assert.That(((string?)updated["id"], (string?)updated["name"]), Is.EqualTo((id, "conformance-renamed")), "projects update");
        Assert.That((string?)fetchedAfterUpdate["name"], Is.EqualTo("conformance-renamed"), "projects get after update");
        Assert.That(listed, Does.Contain(id), "projects list");
        Assert.That((string?)deleted["id"], Is.EqualTo(id), "projects delete");
        Assert.That(listedAfterDelete, Does.Not.Contain(id), "projects list after delete");
    }

    [Test]
    [OperationSpecific("getProject")]
    public async Task Projects_get_of_an_unknown_id_exits_non_zero_with_the_emulators_message()
    {
        const string unknown = "unknown-project-12345678";
        using var direct = await _http.GetAsync($"projects/{unknown}");
        var emulatorMessage = (string?)JsonNode.Parse(await direct.Content.ReadAsStringAsync())?["message"];

        var result = await _neonctl.RunAsync("projects", "get", unknown);

        Assert.That((int)direct.StatusCode, Is.EqualTo(404), "the emulator's own answer");
        Assert.That(emulatorMessage, Is.Not.Empty, "the emulator's own answer carries a message");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Describe);
        Assert.That(result.Error, Does.Contain(emulatorMessage), result.Describe);
    }

    [Test]
    [OperationSpecific(
        "createProject", "listProjectBranches", "createProjectBranch", "getProjectBranch", "updateProjectBranch",
        "setDefaultProjectBranch", "restoreProjectBranch", "deleteProjectBranch", "listProjectOperations")]
    public async Task Branches_create_get_rename_set_default_reset_and_delete_and_operations_list_shows_their_work()
    {
        var projectId = await CreateProjectAsync("conformance-branches");
        var initial = await _neonctl.JsonArrayAsync("branches", "list", "--project-id", projectId);
        Assert.That(initial, Has.Count.EqualTo(1), "branches list of a new project");
        var main = initial[0];
        var mainName = (string)main["name"]!;

        var created = await _neonctl.JsonAsync("branches", "create", "--project-id", projectId, "--name", "feature");
        var branchId = (string)created["branch"]!["id"]!;
        var fetched = await _neonctl.JsonAsync("branches", "get", "feature", "--project-id", projectId);
        var renamed = await _neonctl.JsonAsync("branches", "rename", "feature", "feature-renamed", "--project-id", projectId);
        var fetchedByNewName = await _neonctl.JsonAsync("branches", "get", "feature-renamed", "--project-id", projectId);
        var madeDefault = await _neonctl.JsonAsync("branches", "set-default", "feature-renamed", "--project-id", projectId);
        var defaults = DefaultBranchIds(await _neonctl.JsonArrayAsync("branches", "list", "--project-id", projectId));
        var reset = await _neonctl.JsonAsync("branches", "reset", "feature-renamed", "--parent", "--project-id", projectId);
        var fetchedAfterReset = await _neonctl.JsonAsync("branches", "get", branchId, "--project-id", projectId);
        await _neonctl.JsonAsync("branches", "set-default", mainName, "--project-id", projectId);
        var operations = await _neonctl.JsonArrayAsync("operations", "list", "--project-id", projectId);
        var deleted = await _neonctl.JsonAsync("branches", "delete", branchId, "--project-id", projectId);
        var remaining = await _neonctl.JsonArrayAsync("branches", "list", "--project-id", projectId);

        Assert.That((bool?)main["default"], Is.True, "branches list: the project's first branch is its default");
        Assert.That((string?)created["branch"]!["name"], Is.EqualTo("feature"), "branches create");
        Assert.That((string?)created["branch"]!["parent_id"], Is.EqualTo((string?)main["id"]), "branches create: parent");
        Assert.That(((string?)fetched["id"], (string?)fetched["name"]), Is.EqualTo((branchId, "feature")), "branches get");
        Assert.That(((string?)renamed["id"], (string?)renamed["name"]), Is.EqualTo((branchId, "feature-renamed")), "branches rename");
        Assert.That((string?)fetchedByNewName["id"], Is.EqualTo(branchId), "branches get by the new name");
        Assert.That(((string?)madeDefault["id"], (bool?)madeDefault["default"]), Is.EqualTo((branchId, (bool?)true)), "branches set-default");
        Assert.That(defaults, Is.EqualTo(new[] { branchId }), "branches list after set-default: the only default branch");
        Assert.That((string?)reset["id"], Is.EqualTo(branchId), "branches reset --parent");
        Assert.That((string?)fetchedAfterReset["last_reset_at"], Is.Not.Empty, "branches get after reset: last_reset_at");
        Assert.That(operations.Select(o => (string?)o["project_id"]), Is.All.EqualTo(projectId), "operations list: project");
        Assert.That(
            operations.Where(o => (string?)o["branch_id"] == branchId).Select(o => (string?)o["action"]),
            Does.Contain("create_branch"),
            "operations list: the branch creation");
        Assert.That(operations.Select(o => (string?)o["status"]), Is.All.EqualTo("finished"), "operations list: status");
        Assert.That((string?)deleted["id"], Is.EqualTo(branchId), "branches delete");
        Assert.That(remaining.Select(b => (string?)b["id"]), Is.EqualTo(new[] { (string?)main["id"] }), "branches list after delete");
        Assert.That(DefaultBranchIds(remaining), Is.EqualTo(new[] { (string?)main["id"] }), "branches list after set-default back");
    }

    [Test]
    [OperationSpecific(
        "createProject", "listProjectBranches", "listProjectBranchRoles", "createProjectBranchRole",
        "listProjectBranchDatabases", "createProjectBranchDatabase", "deleteProjectBranchDatabase",
        "deleteProjectBranchRole", "getProjectBranchRolePassword", "listProjectBranchEndpoints")]
    public async Task Roles_and_databases_list_create_delete_and_connection_string_names_them()
    {
        var projectId = await CreateProjectAsync("conformance-databases");
        string[] onMain = ["--project-id", projectId, "--branch", await DefaultBranchNameAsync(projectId)];

        var rolesBefore = Names(await _neonctl.JsonArrayAsync(["roles", "list", .. onMain]));
        var databasesBefore = Names(await _neonctl.JsonArrayAsync(["databases", "list", .. onMain]));
        var role = await _neonctl.JsonAsync(["roles", "create", "--name", "app_user", .. onMain]);
        var database = await _neonctl.JsonAsync(["databases", "create", "--name", "appdb", "--owner-name", "app_user", .. onMain]);
        var rolesAfterCreate = Names(await _neonctl.JsonArrayAsync(["roles", "list", .. onMain]));
        var databasesAfterCreate = Names(await _neonctl.JsonArrayAsync(["databases", "list", .. onMain]));
        var connectionString = await _neonctl.SucceedAsync(
            ["connection-string", onMain[3], "--project-id", projectId, "--role-name", "app_user", "--database-name", "appdb"]);
        var deletedDatabase = await _neonctl.JsonAsync(["databases", "delete", "appdb", .. onMain]);
        var deletedRole = await _neonctl.JsonAsync(["roles", "delete", "app_user", .. onMain]);
        var rolesAfterDelete = Names(await _neonctl.JsonArrayAsync(["roles", "list", .. onMain]));
        var databasesAfterDelete = Names(await _neonctl.JsonArrayAsync(["databases", "list", .. onMain]));

        Assert.That(rolesBefore, Is.Not.Empty.And.Not.Contain("app_user"), "roles list of a new project");
        Assert.That(databasesBefore, Is.Not.Empty.And.Not.Contain("appdb"), "databases list of a new project");
        Assert.That((string?)role["name"], Is.EqualTo("app_user"), "roles create");
        Assert.That(((string?)database["name"], (string?)database["owner_name"]), Is.EqualTo(("appdb", "app_user")), "databases create");
        Assert.That(rolesAfterCreate, Is.EquivalentTo(rolesBefore.Append("app_user")), "roles list after create");
        Assert.That(databasesAfterCreate, Is.EquivalentTo(databasesBefore.Append("appdb")), "databases list after create");
        Assert.That(Uri.TryCreate(connectionString, UriKind.Absolute, out var uri), Is.True, $"connection-string printed a URI: {connectionString}");
        Assert.That(uri!.Scheme, Is.EqualTo("postgresql"), "connection-string: scheme");
        Assert.That(uri.UserInfo.Split(':')[0], Is.EqualTo("app_user"), "connection-string: role");
        Assert.That(uri.AbsolutePath, Is.EqualTo("/appdb"), "connection-string: database");
        Assert.That((string?)deletedDatabase["name"], Is.EqualTo("appdb"), "databases delete");
        Assert.That((string?)deletedRole["name"], Is.EqualTo("app_user"), "roles delete");
        Assert.That(rolesAfterDelete, Is.EquivalentTo(rolesBefore), "roles list after delete");
        Assert.That(databasesAfterDelete, Is.EquivalentTo(databasesBefore), "databases list after delete");
    }

    [Test]
    [OperationSpecific("createProject", "getProject", "updateProject")]
    public async Task Ip_allow_add_list_and_remove_round_trip_through_the_projects_allowed_ips()
    {
        var projectId = await CreateProjectAsync("conformance-ip-allow");

        var added = await _neonctl.JsonAsync("ip-allow", "add", "192.0.2.1", "203.0.113.0/24", "--project-id", projectId);
        var listed = await _neonctl.JsonAsync("ip-allow", "list", "--project-id", projectId);
        var storedAfterAdd = await AllowedIpsAsync(projectId);
        var removed = await _neonctl.JsonAsync("ip-allow", "remove", "192.0.2.1", "--project-id", projectId);
        var listedAfterRemove = await _neonctl.JsonAsync("ip-allow", "list", "--project-id", projectId);
        var storedAfterRemove = await AllowedIpsAsync(projectId);

        string[] both = ["192.0.2.1", "203.0.113.0/24"];
        string[] rest = ["203.0.113.0/24"];
        Assert.That(IpAddresses(added), Is.EquivalentTo(both), "ip-allow add");
        Assert.That(IpAddresses(listed), Is.EquivalentTo(both), "ip-allow list");
        Assert.That(storedAfterAdd, Is.EquivalentTo(both), "the project's settings.allowed_ips after add");
        Assert.That(IpAddresses(removed), Is.EquivalentTo(rest), "ip-allow remove");
        Assert.That(IpAddresses(listedAfterRemove), Is.EquivalentTo(rest), "ip-allow list after remove");
        Assert.That(storedAfterRemove, Is.EquivalentTo(rest), "the project's settings.allowed_ips after remove");
    }

    private static List<string?> Names(IEnumerable<JsonNode> items) => items.Select(i => (string?)i["name"]).ToList();

    private static string?[] DefaultBranchIds(IEnumerable<JsonNode> branches) =>
        branches.Where(b => (bool?)b["default"] == true).Select(b => (string?)b["id"]).ToArray();

    private static IEnumerable<string?> IpAddresses(JsonNode ipAllow) =>
        ipAllow["IP_addresses"]?.AsArray().Select(ip => (string?)ip) ?? throw new AssertionException($"no IP_addresses in {ipAllow.ToJsonString()}");

    private async Task<string> CreateProjectAsync(string name) =>
        (string)(await _neonctl.JsonAsync("projects", "create", "--name", name))["project"]!["id"]!;

    private async Task<string> DefaultBranchNameAsync(string projectId) =>
        (string)(await _neonctl.JsonArrayAsync("branches", "list", "--project-id", projectId)).Single(b => (bool?)b["default"] == true)["name"]!;

    private async Task<List<string?>> ProjectIdsAsync()
    {
        var listed = await _neonctl.JsonAsync("projects", "list");
        return listed["projects"]!.AsArray().Select(p => (string?)p!["id"]).ToList();
    }

    /// <summary>The project's settings as the emulator holds them, read directly (not through neonctl).</summary>
    private async Task<IEnumerable<string?>> AllowedIpsAsync(string projectId)
    {
        var project = JsonNode.Parse(await _http.GetStringAsync($"projects/{projectId}"))!;
        return project["project"]!["settings"]?["allowed_ips"]?["ips"]?.AsArray().Select(ip => (string?)ip) ?? [];
    }
}
