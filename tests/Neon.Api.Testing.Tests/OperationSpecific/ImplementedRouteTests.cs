using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>
/// Every route the emulator implements, driven with realistic requests: each answer's body validates against the
/// spec's response schema for its status (checked by <see cref="SpecCheckedClient"/> on every call).
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class ImplementedRouteTests : EmulatorTest
{
    /// <summary>The bucket operations, driven by their own test (older specs lack them).</summary>
    private static readonly string[] BucketOperations =
    [
        "createProjectBranchBucket", "listProjectBranchBuckets", "deleteProjectBranchBucket", "listProjectBranchBucketObjects",
        "getProjectBranchBucketObject", "deleteProjectBranchBucketObject", "deleteProjectBranchBucketObjectsByPrefix",
    ];

    public ImplementedRouteTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public void The_validator_rejects_bodies_the_spec_does_not_allow()
    {
        // Guards the fidelity check itself: a validator that accepts anything would prove nothing.
        Assert.That(SpecContract.Validate("getProject", 200, "{}"), Is.Not.Empty);
        Assert.That(SpecContract.Validate("getProjectOperation", 200, """{"operation":{"id":"x"}}"""), Is.Not.Empty);
        Assert.That(SpecContract.Validate("listProjects", 200, """{"projects":[],"applications":{},"integrations":{},"pagination":{}}"""), Is.Not.Empty);
        Assert.That(SpecContract.Validate("getProject", 404, """{"message":"m"}"""), Is.Not.Empty);
        Assert.That(SpecContract.Validate("getProject", 404, """{"code":"NOT_FOUND","message":"m"}"""), Is.Empty);
    }

    [Test]
    public async Task Every_implemented_route_answers_with_bodies_the_spec_allows()
    {
        // createProject, getProject, listProjects, updateProject, getConnectionURI
        var created = await CreateProjectAsync("fidelity");
        var projectId = Id(created, "project");
        var main = Id(created, "branch");
        var p = $"projects/{projectId}";
        await Api.ExpectAsync(200, "getProject", p);
        await Api.ExpectAsync(200, "listProjects", "projects?limit=5&search=fidel");
        await Api.ExpectAsync(200, "updateProject", p, new JsonObject { ["project"] = new JsonObject { ["name"] = "renamed" } });
        await Api.ExpectAsync(200, "getConnectionURI", $"{p}/connection_uri?database_name=neondb&role_name=neondb_owner&pooled=true");

        // operations
        var operations = await Api.ExpectAsync(200, "listProjectOperations", $"{p}/operations?limit=1");
        await Api.ExpectAsync(200, "getProjectOperation", $"{p}/operations/{Ids(operations, "operations")[0]}");

        // branches
        var branch = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject
        {
            ["branch"] = new JsonObject { ["name"] = "dev", ["parent_id"] = main },
            ["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_write" }),
            ["annotation_value"] = new JsonObject { ["purpose"] = "fidelity" },
        });
        FinishOperations();
        var dev = Id(branch, "branch");
        var b = $"{p}/branches/{dev}";
        await Api.ExpectAsync(200, "listProjectBranches", $"{p}/branches?limit=1&sort_by=name&sort_order=asc");
        await Api.ExpectAsync(200, "countProjectBranches", $"{p}/branches/count");
        await Api.ExpectAsync(200, "getProjectBranch", b);
        await Api.ExpectAsync(200, "updateProjectBranch", b, new JsonObject { ["branch"] = new JsonObject { ["protected"] = true } });
        await Api.ExpectAsync(200, "listProjectBranchEndpoints", $"{b}/endpoints");

        // endpoints
        var endpoint = await Api.ExpectAsync(201, "createProjectEndpoint", $"{p}/endpoints", new JsonObject
        {
            ["endpoint"] = new JsonObject { ["branch_id"] = dev, ["type"] = "read_only", ["autoscaling_limit_max_cu"] = 1 },
        });
        FinishOperations();
        var e = $"{p}/endpoints/{Id(endpoint, "endpoint")}";
        await Api.ExpectAsync(200, "listProjectEndpoints", $"{p}/endpoints");
        await Api.ExpectAsync(200, "getProjectEndpoint", e);
        await Api.ExpectAsync(200, "updateProjectEndpoint", e, new JsonObject { ["endpoint"] = new JsonObject { ["suspend_timeout_seconds"] = 300 } });
        FinishOperations();
        foreach (var action in new[] { "suspend", "start", "restart" })
        {
            await Api.ExpectAsync(200, $"{action}ProjectEndpoint", $"{e}/{action}");
            FinishOperations();
        }

        await Api.ExpectAsync(200, "deleteProjectEndpoint", e);
        FinishOperations();

        // databases and roles
        var role = await Api.ExpectAsync(201, "createProjectBranchRole", $"{b}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "app" } });
        FinishOperations();
        Assert.That((string?)role["role"]!["password"], Does.StartWith("npg_"));
        await Api.ExpectAsync(200, "listProjectBranchRoles", $"{b}/roles");
        await Api.ExpectAsync(200, "getProjectBranchRole", $"{b}/roles/app");
        await Api.ExpectAsync(200, "getProjectBranchRolePassword", $"{b}/roles/app/reveal_password");
        await Api.ExpectAsync(200, "resetProjectBranchRolePassword", $"{b}/roles/app/reset_password");
        FinishOperations();
        await Api.ExpectAsync(201, "createProjectBranchDatabase", $"{b}/databases", new JsonObject
        {
            ["database"] = new JsonObject { ["name"] = "appdb", ["owner_name"] = "app" },
        });
        FinishOperations();
        await Api.ExpectAsync(200, "listProjectBranchDatabases", $"{b}/databases");
        await Api.ExpectAsync(200, "getProjectBranchDatabase", $"{b}/databases/appdb");
        await Api.ExpectAsync(200, "updateProjectBranchDatabase", $"{b}/databases/appdb", new JsonObject
        {
            ["database"] = new JsonObject { ["name"] = "appdb2" },
        });
        FinishOperations();
        await Api.ExpectAsync(200, "deleteProjectBranchDatabase", $"{b}/databases/appdb2");
        FinishOperations();
        await Api.ExpectAsync(200, "deleteProjectBranchRole", $"{b}/roles/app");
        FinishOperations();

        // restore, default, delete
        await Api.ExpectAsync(200, "restoreProjectBranch", $"{b}/restore", new JsonObject
        {
            ["source_branch_id"] = main,
            ["preserve_under_name"] = "dev-before-restore",
        });
        FinishOperations();
        await Api.ExpectAsync(200, "setDefaultProjectBranch", $"{b}/set_as_default");
        await Api.ExpectAsync(200, "setDefaultProjectBranch", $"{p}/branches/{main}/set_as_default");
        await Api.ExpectAsync(200, "deleteProjectBranch", b);
        FinishOperations();

        // delete and recover the project (older specs lack recoverProject: driven where the spec has it)
        await Api.ExpectAsync(200, "deleteProject", p);
        if (VendoredSpec.Has("recoverProject"))
        {
            await Api.ExpectAsync(200, "listProjects", "projects?recoverable=true");
            await Api.ExpectAsync(200, "recoverProject", $"{p}/recover");
        }

        // account level
        var key = await Api.ExpectAsync(200, "createApiKey", "api_keys", new JsonObject { ["key_name"] = "ci" });
        await Api.ExpectAsync(200, "listApiKeys", "api_keys");
        await Api.ExpectAsync(200, "revokeApiKey", $"api_keys/{(long)key["id"]!}");
        await Api.ExpectAsync(200, "getActiveRegions", "regions");

        Assert.That(
            Neon.ImplementedOperationIds.Except(Api.CoveredHere).Except(BucketOperations).Except(AccountRouteTests.Operations).Except(BranchFeatureRouteTests.Operations),
            Is.Empty,
            "implemented operations no test here drives");
    }

    [Test]
    [OperationSpecific("createProjectBranchBucket", "listProjectBranchBuckets", "deleteProjectBranchBucket", "listProjectBranchBucketObjects", "getProjectBranchBucketObject", "deleteProjectBranchBucketObject", "deleteProjectBranchBucketObjectsByPrefix")]
    public async Task Every_bucket_route_answers_with_bodies_the_spec_allows()
    {
        var created = await CreateProjectAsync("fidelity");
        var projectId = Id(created, "project");
        var dev = Id(created, "branch");
        var b = $"projects/{projectId}/branches/{dev}";

        // buckets and objects (objects are seeded: Neon uploads through presigned URLs)
        await Api.ExpectAsync(201, "createProjectBranchBucket", $"{b}/buckets", new JsonObject { ["name"] = "files", ["access_level"] = "public_read" });
        await Api.ExpectAsync(200, "listProjectBranchBuckets", $"{b}/buckets");
        Neon.PutBucketObject(projectId, dev, "files", "docs/a.txt", [1, 2, 3]);
        Neon.PutBucketObject(projectId, dev, "files", "docs/b.txt", [4]);
        Neon.PutBucketObject(projectId, dev, "files", "top.txt", [5]);
        await Api.ExpectAsync(200, "listProjectBranchBucketObjects", $"{b}/buckets/files/objects?limit=1");
        await Api.ExpectAsync(200, "listProjectBranchBucketObjects", $"{b}/buckets/files/objects?delimiter=/");
        var download = await Api.CallAsync("getProjectBranchBucketObject", $"{b}/buckets/files/objects/docs%2Fa.txt/download");
        Assert.That(download.Bytes, Is.EqualTo(new byte[] { 1, 2, 3 }), download.ToString());
        await Api.ExpectAsync(204, "deleteProjectBranchBucketObject", $"{b}/buckets/files/objects/top.txt");
        await Api.ExpectAsync(200, "deleteProjectBranchBucketObjectsByPrefix", $"{b}/buckets/files/objects-by-prefix?prefix=docs/");
        await Api.ExpectAsync(204, "deleteProjectBranchBucket", $"{b}/buckets/files");

        Assert.That(Api.CoveredHere, Is.SupersetOf(BucketOperations));
    }
}
