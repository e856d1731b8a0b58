using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>
/// The routes of snapshots, branch schema and recovery, functions, the Data API, credentials, storage and the AI
/// gateway, driven through <see cref="SpecCheckedClient"/>: every answer, errors included, validates against the
/// spec's schema for its status. <see cref="ImplementedRouteTests"/> leaves these operations to this fixture.
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific(
    "createSnapshot", "listSnapshots", "updateSnapshot", "deleteSnapshot", "restoreSnapshot", "finalizeRestoreBranch",
    "getSnapshotSchedule", "setSnapshotSchedule", "getProjectBranchSchema", "getProjectBranchSchemaComparison", "recoverProjectBranch",
    "listProjectBranchFunctions", "getProjectBranchFunction", "updateProjectBranchFunction", "deleteProjectBranchFunction",
    "createProjectBranchFunctionDeployment", "createProjectBranchDataAPI", "getProjectBranchDataAPI", "updateProjectBranchDataAPI",
    "deleteProjectBranchDataAPI", "createCredential", "listCredentials", "revokeCredential", "getProjectBranchStorage",
    "getProjectBranchAiGateway", "createProjectBranchAnonymized", "getAnonymizedBranchStatus", "startAnonymization", "getMaskingRules",
    "updateMaskingRules")]
public sealed class BranchFeatureRouteTests : EmulatorTest
{
    /// <summary>The operations this fixture drives (the ones <see cref="ImplementedRouteTests"/> leaves out).</summary>
    internal static readonly string[] Operations =
    [
        "createSnapshot", "listSnapshots", "updateSnapshot", "deleteSnapshot", "restoreSnapshot", "finalizeRestoreBranch",
        "getSnapshotSchedule", "setSnapshotSchedule", "getProjectBranchSchema", "getProjectBranchSchemaComparison", "recoverProjectBranch",
        "listProjectBranchFunctions", "getProjectBranchFunction", "updateProjectBranchFunction", "deleteProjectBranchFunction",
        "createProjectBranchFunctionDeployment", "createProjectBranchDataAPI", "getProjectBranchDataAPI", "updateProjectBranchDataAPI",
        "deleteProjectBranchDataAPI", "createCredential", "listCredentials", "revokeCredential", "getProjectBranchStorage",
        "getProjectBranchAiGateway", "createProjectBranchAnonymized", "getAnonymizedBranchStatus", "startAnonymization", "getMaskingRules",
        "updateMaskingRules",
    ];

    /// <summary>The smallest ZIP archive: an empty end-of-central-directory record.</summary>
    internal static readonly byte[] EmptyZip = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public BranchFeatureRouteTests(Transport transport)
        : base(transport)
    {
    }

    /// <summary>A multipart deployment request, as Neon's clients send it.</summary>
    internal static Action<HttpRequestMessage> Deployment(byte[]? zip = null, string? runtime = null, string? environment = null) => request =>
    {
        var form = new MultipartFormDataContent();
        if (zip is not null)
        {
            var file = new ByteArrayContent(zip);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(file, "zip", "bundle.zip");
        }

        if (runtime is not null)
        {
            form.Add(new StringContent(runtime), "runtime");
        }

        if (environment is not null)
        {
            form.Add(new StringContent(environment), "environment");
        }

        request.Content = form;
    };

    /// <summary>A masking rule for a column of <c>public.users</c> in <c>neondb</c>.</summary>
    internal static JsonObject MaskingRule(string column, string? function)
    {
        var rule = new JsonObject { ["database_name"] = "neondb", ["schema_name"] = "public", ["table_name"] = "users", ["column_name"] = column };
        if (function is not null)
        {
            rule["masking_function"] = function;
        }

        return rule;
    }

    [Test]
    public async Task Every_branch_feature_route_answers_with_bodies_the_spec_allows()
    {
        var created = await CreateProjectAsync("features");
        var p = $"projects/{Id(created, "project")}";
        var main = Id(created, "branch");
        var b = $"{p}/branches/{main}";

        // snapshots and the backup schedule
        var snapshot = await Api.ExpectAsync(200, "createSnapshot", $"{b}/snapshot?name=before");
        FinishOperations();
        var s = $"{p}/snapshots/{Id(snapshot, "snapshot")}";
        await Api.ExpectAsync(400, "createSnapshot", $"{b}/snapshot?lsn=0/1&timestamp=2026-01-01T00:00:00Z");
        await Api.ExpectAsync(200, "listSnapshots", $"{p}/snapshots");
        await Api.ExpectAsync(200, "updateSnapshot", s, new JsonObject { ["snapshot"] = new JsonObject { ["name"] = "renamed" } });
        var restored = await Api.ExpectAsync(200, "restoreSnapshot", $"{s}/restore", new JsonObject { ["name"] = "restored" });
        FinishOperations();
        await Api.ExpectAsync(400, "finalizeRestoreBranch", $"{b}/finalize_restore");
        await Api.ExpectAsync(200, "finalizeRestoreBranch", $"{p}/branches/{Id(restored, "branch")}/finalize_restore", new JsonObject { ["name"] = "old-main" });
        FinishOperations();
        await Api.ExpectAsync(404, "deleteSnapshot", $"{p}/snapshots/snap-unknown");
        await Api.ExpectAsync(202, "deleteSnapshot", s);
        FinishOperations();
        await Api.ExpectAsync(200, "setSnapshotSchedule", $"{b}/backup_schedule", new JsonObject
        {
            ["schedule"] = new JsonArray(new JsonObject { ["frequency"] = "daily", ["hour"] = 3, ["retention_seconds"] = 604800 }),
        });
        await Api.ExpectAsync(400, "setSnapshotSchedule", $"{b}/backup_schedule", new JsonObject
        {
            ["schedule"] = new JsonArray(new JsonObject { ["frequency"] = "often" }),
        });
        await Api.ExpectAsync(200, "getSnapshotSchedule", $"{b}/backup_schedule");

        // schema, comparison, recovery
        var child = await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject { ["branch"] = new JsonObject { ["name"] = "child" } });
        FinishOperations();
        var c = $"{p}/branches/{Id(child, "branch")}";
        await Api.ExpectAsync(200, "getProjectBranchSchema", $"{c}/schema?db_name=neondb");
        await Api.ExpectAsync(200, "getProjectBranchSchema", $"{c}/schema?db_name=neondb&format=json");
        await Api.ExpectAsync(404, "getProjectBranchSchema", $"{c}/schema?db_name=nothere");
        await Api.ExpectAsync(400, "getProjectBranchSchema", $"{c}/schema");
        await Api.ExpectAsync(200, "getProjectBranchSchemaComparison", $"{c}/compare_schema?db_name=neondb");
        await Api.ExpectAsync(200, "deleteProjectBranch", c);
        FinishOperations();
        await Api.ExpectAsync(200, "recoverProjectBranch", $"{c}/recover");
        await Api.ExpectAsync(404, "recoverProjectBranch", $"{c}/recover");

        // functions
        var deployed = await Api.CallAsync("createProjectBranchFunctionDeployment", $"{b}/functions/hello/deployments", configure: Deployment(EmptyZip, "nodejs24", """{"GREETING":"hi"}"""));
        Assert.That(deployed.Status, Is.EqualTo(201), deployed.ToString());
        Assert.That((await Api.CallAsync("createProjectBranchFunctionDeployment", $"{b}/functions/other/deployments", configure: Deployment(runtime: "nodejs24"))).Status, Is.EqualTo(400));
        await Api.ExpectAsync(200, "listProjectBranchFunctions", $"{b}/functions?limit=10");
        await Api.ExpectAsync(200, "getProjectBranchFunction", $"{b}/functions/hello");
        await Api.ExpectAsync(200, "updateProjectBranchFunction", $"{b}/functions/hello", new JsonObject { ["name"] = "Hello" });
        await Api.ExpectAsync(204, "deleteProjectBranchFunction", $"{b}/functions/hello");
        await Api.ExpectAsync(404, "getProjectBranchFunction", $"{b}/functions/hello");

        // Data API
        var d = $"{b}/data-api/neondb";
        await Api.ExpectAsync(201, "createProjectBranchDataAPI", d, new JsonObject { ["settings"] = new JsonObject { ["db_max_rows"] = 100 } });
        await Api.ExpectAsync(409, "createProjectBranchDataAPI", d, new JsonObject());
        await Api.ExpectAsync(200, "getProjectBranchDataAPI", d);
        await Api.ExpectAsync(201, "updateProjectBranchDataAPI", d, new JsonObject { ["settings"] = new JsonObject { ["server_timing_enabled"] = true } });
        await Api.ExpectAsync(200, "deleteProjectBranchDataAPI", d);
        await Api.ExpectAsync(404, "getProjectBranchDataAPI", d);

        // credentials
        var credential = await Api.ExpectAsync(201, "createCredential", $"{b}/credentials", new JsonObject
        {
            ["name"] = "ci",
            ["scopes"] = new JsonArray("storage:read", "functions:invoke"),
            ["principal_type"] = "user",
        });
        await Api.ExpectAsync(400, "createCredential", $"{b}/credentials", new JsonObject { ["scopes"] = new JsonArray(), ["principal_type"] = "user" });
        await Api.ExpectAsync(200, "listCredentials", $"{b}/credentials");
        await Api.ExpectAsync(204, "revokeCredential", $"{b}/credentials/{(string?)credential["token_id"]}");
        await Api.ExpectAsync(404, "revokeCredential", $"{b}/credentials/nak_live_unknown");

        // storage and AI gateway
        await Api.ExpectAsync(200, "getProjectBranchStorage", $"{b}/storage");
        await Api.ExpectAsync(404, "getProjectBranchStorage", $"{p}/branches/br-unknown/storage");
        await Api.ExpectAsync(200, "getProjectBranchAiGateway", $"{b}/ai_gateway");
        await Api.ExpectAsync(404, "getProjectBranchAiGateway", $"{p}/branches/br-unknown/ai_gateway");

        // anonymized branches
        var anonymized = await Api.ExpectAsync(201, "createProjectBranchAnonymized", $"{p}/branch_anonymized", new JsonObject
        {
            ["branch_create"] = new JsonObject
            {
                ["branch"] = new JsonObject { ["name"] = "masked" },
                ["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_write" }),
            },
            ["masking_rules"] = new JsonArray(MaskingRule("email", "anon.fake_email()")),
        });
        FinishOperations();
        var a = $"{p}/branches/{Id(anonymized, "branch")}";
        await Api.ExpectAsync(200, "getMaskingRules", $"{a}/masking_rules");
        await Api.ExpectAsync(200, "updateMaskingRules", $"{a}/masking_rules", new JsonObject { ["masking_rules"] = new JsonArray(MaskingRule("name", null)) });
        await Api.ExpectAsync(400, "updateMaskingRules", $"{a}/masking_rules", new JsonObject { ["masking_rules"] = new JsonArray(new JsonObject()) });
        await Api.ExpectAsync(200, "startAnonymization", $"{a}/anonymize");
        await Api.ExpectAsync(409, "startAnonymization", $"{a}/anonymize");
        await Api.ExpectAsync(200, "getAnonymizedBranchStatus", $"{a}/anonymized_status");
        await Api.ExpectAsync(400, "getAnonymizedBranchStatus", $"{b}/anonymized_status");

        Assert.That(Api.CoveredHere, Is.SupersetOf(Operations));
    }
}
