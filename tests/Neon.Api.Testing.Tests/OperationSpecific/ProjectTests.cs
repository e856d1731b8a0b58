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
public sealed class ProjectTests : EmulatorTest
{
    public ProjectTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_new_project_has_a_default_branch_endpoint_database_and_owner_role()
    {
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject() });

        var projectId = Id(created, "project");
        Assert.That(projectId, Does.Match("^[a-z]+-[a-z]+-[0-9]{8}$"));
        Assert.That((string?)created["project"]!["name"], Is.EqualTo(projectId));
        Assert.That((string?)created["project"]!["region_id"], Is.EqualTo("aws-us-east-2"));
        Assert.That((string?)created["branch"]!["name"], Is.EqualTo("main"));
        Assert.That((bool?)created["branch"]!["default"], Is.True);
        Assert.That(Id(created, "branch"), Does.Match("^br-[a-z]+-[a-z]+-[a-z0-9]{8}$"));
        var endpoint = created["endpoints"]!.AsArray().Single()!;
        Assert.That((string?)endpoint["id"], Does.Match("^ep-[a-z]+-[a-z]+-[a-z0-9]{8}$"));
        Assert.That((string?)endpoint["type"], Is.EqualTo("read_write"));
        Assert.That((string?)endpoint["branch_id"], Is.EqualTo(Id(created, "branch")));
        Assert.That((string?)created["databases"]![0]!["name"], Is.EqualTo("neondb"));
        Assert.That((string?)created["databases"]![0]!["owner_name"], Is.EqualTo("neondb_owner"));
        Assert.That((string?)created["roles"]![0]!["name"], Is.EqualTo("neondb_owner"));
        var password = (string)created["roles"]![0]!["password"]!;
        Assert.That((string?)created["connection_uris"]![0]!["connection_uri"],
            Is.EqualTo($"postgresql://neondb_owner:{password}@{endpoint["host"]}/neondb?sslmode=require"));
        Assert.That(created["operations"]!.AsArray().Select(o => (string?)o!["action"]),
            Is.EquivalentTo(new[] { "create_timeline", "start_compute" }));
        Assert.That(created["operations"]!.AsArray().Select(o => (string?)o!["id"]),
            Has.All.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    }

    [Test]
    public async Task Create_honours_the_requested_names_region_and_version()
    {
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject
        {
            ["project"] = new JsonObject
            {
                ["name"] = "shop",
                ["region_id"] = "aws-eu-central-1",
                ["pg_version"] = 16,
                ["branch"] = new JsonObject { ["name"] = "prod", ["database_name"] = "shop", ["role_name"] = "shopper" },
            },
        });

        Assert.That((string?)created["project"]!["name"], Is.EqualTo("shop"));
        Assert.That((int?)created["project"]!["pg_version"], Is.EqualTo(16));
        Assert.That((string?)created["project"]!["proxy_host"], Is.EqualTo("eu-central-1.aws.neon.tech"));
        Assert.That((string?)created["branch"]!["name"], Is.EqualTo("prod"));
        Assert.That((string?)created["databases"]![0]!["owner_name"], Is.EqualTo("shopper"));
    }

    [Test]
    [OperationSpecific("recoverProject")]
    public async Task Update_delete_and_recover_a_project()
    {
        var created = await CreateProjectAsync("before");
        var p = $"projects/{Id(created, "project")}";

        var updated = await Api.ExpectAsync(200, "updateProject", p, new JsonObject { ["project"] = new JsonObject { ["name"] = "after" } });
        Assert.That((string?)updated["project"]!["name"], Is.EqualTo("after"));

        await Api.ExpectAsync(200, "deleteProject", p);
        Assert.That((await Api.CallAsync("getProject", p)).Status, Is.EqualTo(404));
        var live = await Api.ExpectAsync(200, "listProjects", "projects");
        Assert.That(live["projects"]!.AsArray(), Is.Empty);
        var deleted = await Api.ExpectAsync(200, "listProjects", "projects?recoverable=true");
        Assert.That(deleted["projects"]![0]!["deleted_at"], Is.Not.Null);

        var recovered = await Api.ExpectAsync(200, "recoverProject", $"{p}/recover");
        Assert.That((string?)recovered["branches"]![0]!["name"], Is.EqualTo("main"));
        await Api.ExpectAsync(200, "getProject", p);
        Assert.That((await Api.CallAsync("recoverProject", $"{p}/recover")).Status, Is.EqualTo(409));
    }

    [Test]
    public async Task Projects_named_unavailable_are_left_out_of_the_listing_and_reported()
    {
        var ids = new[]
        {
            Id(await CreateProjectAsync("slow-a"), "project"),
            Id(await CreateProjectAsync("slow-b"), "project"),
            Id(await CreateProjectAsync("slow-c"), "project"),
        };
        Neon.Options.UnavailableProjectIds.Add(ids[1]);

        var listed = await Api.ExpectAsync(200, "listProjects", "projects?timeout=100");
        Neon.Options.UnavailableProjectIds.Clear();
        var after = await Api.ExpectAsync(200, "listProjects", "projects");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(listed, "projects"), Is.EquivalentTo(new[] { ids[0], ids[2] }));
            Assert.That(listed["unavailable_project_ids"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { ids[1] }));
            Assert.That(Ids(after, "projects"), Is.EquivalentTo(ids));
            Assert.That(after["unavailable_project_ids"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task Connection_uri_defaults_to_the_default_branch_and_its_read_write_endpoint()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var host = (string)created["endpoints"]![0]!["host"]!;
        var endpointId = (string)created["endpoints"]![0]!["id"]!;

        var direct = await Api.ExpectAsync(200, "getConnectionURI", $"{p}/connection_uri?database_name=neondb&role_name=neondb_owner");
        var pooled = await Api.ExpectAsync(200, "getConnectionURI", $"{p}/connection_uri?database_name=neondb&role_name=neondb_owner&pooled=true");

        Assert.That((string?)direct["uri"], Does.Contain($"@{host}/neondb"));
        Assert.That((string?)pooled["uri"], Does.Contain($"@{endpointId}-pooler."));
        var missing = await Api.CallAsync("getConnectionURI", $"{p}/connection_uri?database_name=neondb");
        Assert.That(missing.Status, Is.EqualTo(400));
        Assert.That(missing.Message, Does.Contain("role_name"));
    }

    [Test]
    public async Task Regions_list_names_one_default()
    {
        var regions = await Api.ExpectAsync(200, "getActiveRegions", "regions");

        Assert.That(regions["regions"]!.AsArray().Count(r => (bool)r!["default"]!), Is.EqualTo(1));
        var bad = await Api.CallAsync("createProject", "projects", new JsonObject { ["project"] = new JsonObject { ["region_id"] = "mars-1" } });
        Assert.That(bad.Status, Is.EqualTo(400));
        Assert.That(bad.Message, Does.Contain("mars-1"));
    }

    [Test]
    public async Task Api_keys_can_be_created_used_listed_and_revoked()
    {
        var key = await Api.ExpectAsync(200, "createApiKey", "api_keys", new JsonObject { ["key_name"] = "ci" });
        var token = (string)key["key"]!;
        using var withKey = new SpecCheckedClient(Neon.CreateHttpClient(token));

        await withKey.ExpectAsync(200, "listProjects", "projects");
        var keys = await Api.ExpectAsync(200, "listApiKeys", "api_keys");
        Assert.That((string?)keys[0]!["name"], Is.EqualTo("ci"));
        Assert.That(keys[0]!["last_used_at"], Is.Not.Null);

        var revoked = await Api.ExpectAsync(200, "revokeApiKey", $"api_keys/{(long)key["id"]!}");
        Assert.That((bool?)revoked["revoked"], Is.True);
        Assert.That((await withKey.CallAsync("listProjects", "projects")).Status, Is.EqualTo(401));
        Assert.That((await Api.ExpectAsync(200, "listApiKeys", "api_keys")).AsArray(), Is.Empty);
        Assert.That((await Api.CallAsync("revokeApiKey", $"api_keys/{(long)key["id"]!}")).Status, Is.EqualTo(404));
    }
}
