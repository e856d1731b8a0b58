using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Project access: shares and shared projects, JWKS URLs, transfer requests, preload libraries.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class ProjectAccessTests : AccountTest
{
    public ProjectAccessTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    [OperationSpecific("grantPermissionToProject", "listProjectPermissions", "revokePermissionFromProject", "listSharedProjects")]
    public async Task A_share_is_listed_until_revoked_and_shares_to_the_user_make_shared_projects()
    {
        var shared = await CreateProjectInAsync(null, "shared-with-me");
        var other = await CreateProjectInAsync(null, "shared-with-ann");
        var p = $"projects/{shared}";

        var grantedAt = Clock.GetUtcNow();
        var toMe = await Api.ExpectAsync(200, "grantPermissionToProject", $"{p}/permissions", new JsonObject { ["email"] = "fake.user@example.com" });
        await Api.ExpectAsync(200, "grantPermissionToProject", $"{p}/permissions", new JsonObject { ["email"] = "ann@example.com" });
        await Api.ExpectAsync(200, "grantPermissionToProject", $"projects/{other}/permissions", new JsonObject { ["email"] = "ann@example.com" });
        var listed = await Api.ExpectAsync(200, "listProjectPermissions", $"{p}/permissions");
        var sharedBefore = await Api.ExpectAsync(200, "listSharedProjects", "projects/shared");
        var revoked = await Api.ExpectAsync(200, "revokePermissionFromProject", $"{p}/permissions/{(string)toMe["id"]!}");
        var again = await Api.CallAsync("revokePermissionFromProject", $"{p}/permissions/{(string)toMe["id"]!}");
        var listedAfter = await Api.ExpectAsync(200, "listProjectPermissions", $"{p}/permissions");
        var sharedAfter = await Api.ExpectAsync(200, "listSharedProjects", "projects/shared");

        Assert.That(DateTimeOffset.Parse((string)toMe["granted_at"]!, CultureInfo.InvariantCulture), Is.EqualTo(grantedAt));
        Assert.That(listed["project_permissions"]!.AsArray().Select(x => (string?)x!["granted_to_email"]), Is.EqualTo(new[] { "fake.user@example.com", "ann@example.com" }));
        Assert.That(Ids(sharedBefore, "projects"), Is.EqualTo(new[] { shared }), "only projects shared with the current user's email");
        Assert.That((string?)revoked["revoked_at"], Is.Not.Null);
        Assert.That(again.Status, Is.EqualTo(404), again.ToString());
        Assert.That(listedAfter["project_permissions"]!.AsArray().Select(x => (string?)x!["granted_to_email"]), Is.EqualTo(new[] { "ann@example.com" }));
        Assert.That(Ids(sharedAfter, "projects"), Is.Empty);
    }

    [TestCase("""{"email":"ann@example.com"}""", 409, "ann@example.com")]
    [TestCase("""{"email":"ann"}""", 400, "'email'")]
    [TestCase("""{}""", 400, "'email'")]
    [OperationSpecific("grantPermissionToProject")]
    public async Task A_duplicate_or_malformed_share_is_refused(string body, int status, string named)
    {
        var p = $"projects/{await CreateProjectInAsync(null, "p")}";
        await Api.ExpectAsync(200, "grantPermissionToProject", $"{p}/permissions", new JsonObject { ["email"] = "ann@example.com" });

        var response = await Api.CallAsync("grantPermissionToProject", $"{p}/permissions", rawBody: body);

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Message, Does.Contain(named));
    }

    [Test]
    [OperationSpecific("listSharedProjects")]
    public async Task Shared_projects_page_by_cursor()
    {
        var ids = new string[5];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await CreateProjectInAsync(null, $"s{i}");
            await Api.ExpectAsync(200, "grantPermissionToProject", $"projects/{ids[i]}/permissions", new JsonObject { ["email"] = "fake.user@example.com" });
        }

        var first = await Api.ExpectAsync(200, "listSharedProjects", "projects/shared?limit=3");
        var second = await Api.ExpectAsync(200, "listSharedProjects", $"projects/shared?limit=3&cursor={(string)first["pagination"]!["cursor"]!}");

        Assert.That(Ids(first, "projects").Concat(Ids(second, "projects")), Is.EqualTo(ids));
        Assert.That(Ids(second, "projects"), Has.Length.EqualTo(2), "a short page ends the listing");
    }

    [Test]
    [OperationSpecific("addProjectJWKS", "getProjectJWKS", "deleteProjectJWKS")]
    public async Task A_jwks_url_reconfigures_the_read_write_computes_and_is_listed_until_deleted()
    {
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject() });
        FinishOperations();
        var p = $"projects/{Id(created, "project")}";
        var endpoint = Ids(created, "endpoints").Single();
        var body = new JsonObject { ["jwks_url"] = "https://example.clerk.accounts.dev/.well-known/jwks.json", ["provider_name"] = "clerk", ["role_names"] = new JsonArray("authenticated") };

        var added = await Api.ExpectAsync(201, "addProjectJWKS", $"{p}/jwks", body);
        var whileRunning = await Api.CallAsync("addProjectJWKS", $"{p}/jwks", body.DeepClone());
        FinishOperations();
        var duplicate = await Api.CallAsync("addProjectJWKS", $"{p}/jwks", body.DeepClone());
        var listed = await Api.ExpectAsync(200, "getProjectJWKS", $"{p}/jwks");
        var id = (string)added["jwks"]!["id"]!;
        await Api.ExpectAsync(200, "deleteProjectJWKS", $"{p}/jwks/{id}");
        var gone = await Api.CallAsync("deleteProjectJWKS", $"{p}/jwks/{id}");
        var empty = await Api.ExpectAsync(200, "getProjectJWKS", $"{p}/jwks");

        var operation = added["operations"]!.AsArray().Single()!;
        Assert.That((string?)operation["action"], Is.EqualTo("apply_config"));
        Assert.That((string?)operation["endpoint_id"], Is.EqualTo(endpoint));
        Assert.That(whileRunning.Status, Is.EqualTo(423), "the project is locked while its operation runs: " + whileRunning);
        Assert.That(duplicate.Status, Is.EqualTo(409), duplicate.ToString());
        Assert.That(listed["jwks"]!.AsArray().Select(j => (string?)j!["id"]), Is.EqualTo(new[] { id }));
        Assert.That(listed["jwks"]![0]!["role_names"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "authenticated" }));
        Assert.That(gone.Status, Is.EqualTo(404), gone.ToString());
        Assert.That(empty["jwks"]!.AsArray(), Is.Empty);
    }

    [TestCase("""{"jwks_url":"http://example.com/jwks.json","provider_name":"x"}""", 400, "jwks_url")]
    [TestCase("""{"jwks_url":"https://example.com/jwks.json"}""", 400, "provider_name")]
    [TestCase("""{"jwks_url":"https://example.com/jwks.json","provider_name":"x","branch_id":"br-none-00000000"}""", 404, "br-none-00000000")]
    [TestCase("""{"jwks_url":"https://example.com/jwks.json","provider_name":"x","role_names":["a","b","c","d","e","f","g","h","i","j","k"]}""", 400, "role_names")]
    [OperationSpecific("addProjectJWKS")]
    public async Task A_bad_jwks_request_is_refused_naming_the_field(string body, int status, string named)
    {
        var p = $"projects/{await CreateProjectInAsync(null, "p")}";

        var response = await Api.CallAsync("addProjectJWKS", $"{p}/jwks", rawBody: body);

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Message, Does.Contain(named));
    }

    [Test]
    [OperationSpecific("createProjectTransferRequest", "acceptProjectTransferRequest")]
    public async Task An_accepted_transfer_request_moves_the_project_once()
    {
        var other = Neon.AddOrganization("Team B");
        var project = await CreateProjectInAsync(null, "moving");
        var p = $"projects/{project}";

        var request = await Api.ExpectAsync(201, "createProjectTransferRequest", $"{p}/transfer_requests", new JsonObject());
        var accepted = await Api.CallAsync("acceptProjectTransferRequest", $"{p}/transfer_requests/{(string)request["id"]!}", new JsonObject { ["org_id"] = other });
        var twice = await Api.CallAsync("acceptProjectTransferRequest", $"{p}/transfer_requests/{(string)request["id"]!}", new JsonObject { ["org_id"] = other });
        var unknown = await Api.CallAsync("acceptProjectTransferRequest", $"{p}/transfer_requests/{Guid.Empty}", new JsonObject());

        Assert.That((string?)request["project_id"], Is.EqualTo(project));
        Assert.That(DateTimeOffset.Parse((string)request["expires_at"]!, CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse((string)request["created_at"]!, CultureInfo.InvariantCulture), Is.EqualTo(TimeSpan.FromDays(1)), "a day by default");
        Assert.That(accepted.Status, Is.EqualTo(204), accepted.ToString());
        Assert.That(await ProjectsOfAsync(other), Is.EqualTo(new[] { project }));
        Assert.That(twice.Status, Is.EqualTo(409), twice.ToString());
        Assert.That(unknown.Status, Is.EqualTo(404), unknown.ToString());
    }

    [Test]
    [OperationSpecific("createProjectTransferRequest", "acceptProjectTransferRequest", "createOrgApiKey")]
    public async Task A_transfer_request_expires_and_without_org_id_goes_to_the_key_s_account()
    {
        var org = await DefaultOrgAsync();
        var project = await CreateProjectInAsync(null, "moving");
        var p = $"projects/{project}";
        var key = await Api.ExpectAsync(200, "createOrgApiKey", $"organizations/{org}/api_keys", new JsonObject { ["key_name"] = "k" });
        using var asOrg = new SpecCheckedClient(Neon.CreateHttpClient((string)key["key"]!));

        var shortLived = await Api.ExpectAsync(201, "createProjectTransferRequest", $"{p}/transfer_requests", new JsonObject { ["ttl_seconds"] = 60 });
        var valid = await Api.ExpectAsync(201, "createProjectTransferRequest", $"{p}/transfer_requests", new JsonObject { ["ttl_seconds"] = 3600 });
        Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await asOrg.CallAsync("acceptProjectTransferRequest", $"{p}/transfer_requests/{(string)shortLived["id"]!}", new JsonObject());
        await asOrg.ExpectAsync(204, "acceptProjectTransferRequest", $"{p}/transfer_requests/{(string)valid["id"]!}", new JsonObject());
        var badTtl = await Api.CallAsync("createProjectTransferRequest", $"{p}/transfer_requests", new JsonObject { ["ttl_seconds"] = 0 });

        Assert.That(expired.Status, Is.EqualTo(410), expired.ToString());
        Assert.That(expired.Message, Does.Contain("expired"));
        Assert.That(await ProjectsOfAsync(org), Is.EqualTo(new[] { project }), "accepted with an organization key and no org_id: into the key's organization");
        Assert.That(badTtl.Status, Is.EqualTo(400), badTtl.ToString());
        Assert.That(badTtl.Message, Does.Contain("ttl_seconds"));
    }

    [Test]
    [OperationSpecific("getAvailablePreloadLibraries")]
    public async Task Preload_libraries_follow_the_postgres_version()
    {
        var old = await CreateProjectInAsync(null, "pg14", pgVersion: 14);
        var current = await CreateProjectInAsync(null, "pg17", pgVersion: 17);

        var forOld = await Api.ExpectAsync(200, "getAvailablePreloadLibraries", $"projects/{old}/available_preload_libraries");
        var forCurrent = await Api.ExpectAsync(200, "getAvailablePreloadLibraries", $"projects/{current}/available_preload_libraries");
        var unknown = await Api.CallAsync("getAvailablePreloadLibraries", "projects/none-00000000/available_preload_libraries");

        string[] Names(JsonNode body) => body["libraries"]!.AsArray().Select(l => (string)l!["library_name"]!).ToArray();
        Assert.That(Names(forOld), Is.SubsetOf(Names(forCurrent)));
        Assert.That(Names(forCurrent), Has.Length.GreaterThan(Names(forOld).Length), "newer versions offer more libraries");
        Assert.That(forCurrent["libraries"]!.AsArray().Where(l => (bool)l!["is_default"]!).Select(l => (string?)l!["library_name"]), Does.Contain("pg_stat_statements"));
        Assert.That(unknown.Status, Is.EqualTo(404), unknown.ToString());
    }
}
