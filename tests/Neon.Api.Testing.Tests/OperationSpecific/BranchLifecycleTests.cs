using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>
/// Branch deletion and recovery, resets from the parent, what a child branch inherits, and the order in which
/// the operations of one request run.
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class BranchLifecycleTests : ProjectTest
{
    public BranchLifecycleTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    [OperationSpecific("deleteProjectBranch", "listProjectBranches", "recoverProjectBranch")]
    public async Task A_deleted_branch_is_listed_with_include_deleted_and_recovers_with_its_endpoints_idle()
    {
        var dev = await CreateBranchAsync("dev", withEndpoint: true);
        var endpointId = Ids(await Api.ExpectAsync(200, "listProjectBranchEndpoints", $"{P}/branches/{dev}/endpoints"), "endpoints").Single();
        await Api.ExpectAsync(200, "deleteProjectBranch", $"{P}/branches/{dev}");
        FinishOperations();

        Assert.That(Ids(await Api.ExpectAsync(200, "listProjectBranches", $"{P}/branches"), "branches"), Does.Not.Contain(dev));
        var withDeleted = await Api.ExpectAsync(200, "listProjectBranches", $"{P}/branches?include_deleted=true");
        var listed = withDeleted["branches"]!.AsArray().Single(b => (string?)b!["id"] == dev)!;
        Assert.That((string?)listed["recovery"]!["deletion_method"], Is.EqualTo("user"));
        Assert.That(At(listed["recovery"]!["recoverable_until"]) - At(listed["recovery"]!["deleted_at"]),
            Is.EqualTo(TimeSpan.FromDays(7)));
        Assert.That(withDeleted["branches"]!.AsArray().Single(b => (string?)b!["id"] == Main)!["recovery"], Is.Null);
        Assert.That((await Api.CallAsync("deleteProjectBranch", $"{P}/branches/{dev}")).Status, Is.EqualTo(204), "already deleted");

        var recovered = await Api.ExpectAsync(200, "recoverProjectBranch", $"{P}/branches/{dev}/recover");

        Assert.That((string?)recovered["branch"]!["name"], Is.EqualTo("dev"));
        Assert.That(recovered["endpoints"]!.AsArray().Select(e => ((string?)e!["id"], (string?)e["current_state"])), Is.EqualTo(new[] { (endpointId, "idle") }));
        Assert.That((await Api.CallAsync("getProjectBranch", $"{P}/branches/{dev}")).Status, Is.EqualTo(200));
        Assert.That((await Api.CallAsync("getProjectEndpoint", $"{P}/endpoints/{endpointId}")).Status, Is.EqualTo(200));
        var again = await Api.CallAsync("recoverProjectBranch", $"{P}/branches/{dev}/recover");
        Assert.That(again.Status, Is.EqualTo(404));
        Assert.That(again.Message, Does.Contain("is not deleted"));
    }

    [Test]
    [OperationSpecific("deleteProjectBranch", "listProjectBranches", "recoverProjectBranch")]
    public async Task A_hard_deleted_branch_is_gone_and_a_soft_deleted_one_only_for_seven_days()
    {
        var hard = await CreateBranchAsync("hard");
        var soft = await CreateBranchAsync("soft");
        await Api.ExpectAsync(200, "deleteProjectBranch", $"{P}/branches/{hard}?hard_delete=true");
        FinishOperations();
        await Api.ExpectAsync(200, "deleteProjectBranch", $"{P}/branches/{soft}");
        FinishOperations();

        Assert.That(Ids(await Api.ExpectAsync(200, "listProjectBranches", $"{P}/branches?include_deleted=true"), "branches"), Does.Contain(soft).And.Not.Contain(hard));
        Assert.That((await Api.CallAsync("recoverProjectBranch", $"{P}/branches/{hard}/recover")).Status, Is.EqualTo(404));

        Clock.Advance(TimeSpan.FromDays(7));

        Assert.That(Ids(await Api.ExpectAsync(200, "listProjectBranches", $"{P}/branches?include_deleted=true"), "branches"), Does.Not.Contain(soft));
        Assert.That((await Api.CallAsync("recoverProjectBranch", $"{P}/branches/{soft}/recover")).Status, Is.EqualTo(404));
    }

    [Test]
    [OperationSpecific("deleteProjectBranch", "recoverProjectBranch")]
    public async Task Recovery_needs_the_name_free_and_the_parent_live()
    {
        var parent = await CreateBranchAsync("parent");
        var child = await CreateBranchAsync("child", parent);
        await Api.ExpectAsync(200, "deleteProjectBranch", $"{P}/branches/{child}");
        FinishOperations();
        await Api.ExpectAsync(200, "deleteProjectBranch", $"{P}/branches/{parent}");
        FinishOperations();

        var orphan = await Api.CallAsync("recoverProjectBranch", $"{P}/branches/{child}/recover");
        Assert.That(orphan.Status, Is.EqualTo(409));
        Assert.That(orphan.Message, Does.Contain(parent));

        await CreateBranchAsync("parent");
        var taken = await Api.CallAsync("recoverProjectBranch", $"{P}/branches/{parent}/recover");
        Assert.That(taken.Status, Is.EqualTo(409));
        Assert.That(taken.Message, Does.Contain("\"parent\" already exists"));
    }

    [Test]
    public async Task A_reset_from_the_parent_moves_parent_lsn_and_parent_timestamp_to_the_parents_current_point()
    {
        var dev = await Api.ExpectAsync(201, "createProjectBranch", $"{P}/branches", new JsonObject { ["branch"] = new JsonObject { ["name"] = "dev" } });
        var createdLsn = (string)dev["branch"]!["parent_lsn"]!;
        var createdAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromHours(1));
        var resetAt = Clock.GetUtcNow();

        var reset = await Api.ExpectAsync(200, "restoreProjectBranch", $"{P}/branches/{Id(dev, "branch")}/restore", new JsonObject { ["source_branch_id"] = Main });
        FinishOperations();

        var branch = (await Api.ExpectAsync(200, "getProjectBranch", $"{P}/branches/{Id(dev, "branch")}"))["branch"]!;
        Assert.That(At(dev["branch"]!["parent_timestamp"]), Is.EqualTo(createdAt));
        Assert.That(At(branch["parent_timestamp"]), Is.EqualTo(resetAt));
        Assert.That(At(branch["last_reset_at"]), Is.EqualTo(resetAt));
        Assert.That(Lsn((string)branch["parent_lsn"]!), Is.GreaterThan(Lsn(createdLsn)));
        Assert.That((string?)reset["branch"]!["parent_lsn"], Is.EqualTo((string?)branch["parent_lsn"]));
    }

    [Test]
    [OperationSpecific("createProjectBranchBucket", "listProjectBranchBuckets", "getProjectBranchBucketObject")]
    public async Task A_child_branch_inherits_its_parents_buckets_and_objects_as_they_are_at_creation()
    {
        var m = $"{P}/branches/{Main}";
        await Api.ExpectAsync(201, "createProjectBranchBucket", $"{m}/buckets", new JsonObject { ["name"] = "files", ["access_level"] = "public_read" });
        Neon.PutBucketObject(P["projects/".Length..], Main, "files", "a.txt", [1, 2]);

        var child = await CreateBranchAsync("child");
        Neon.PutBucketObject(P["projects/".Length..], Main, "files", "a.txt", [9]);
        await Api.ExpectAsync(201, "createProjectBranchBucket", $"{m}/buckets", new JsonObject { ["name"] = "later" });

        var c = $"{P}/branches/{child}";
        var buckets = await Api.ExpectAsync(200, "listProjectBranchBuckets", $"{c}/buckets");
        Assert.That(buckets["buckets"]!.AsArray().Select(b => ((string?)b!["name"], (string?)b["access_level"])), Is.EqualTo(new[] { ("files", "public_read") }));
        var download = await Api.CallAsync("getProjectBranchBucketObject", $"{c}/buckets/files/objects/a.txt/download");
        Assert.That(download.Bytes, Is.EqualTo(new byte[] { 1, 2 }), "the child keeps the object as it was when it was created");
    }

    [Test]
    public async Task The_operations_of_one_request_run_one_after_another()
    {
        var created = await Api.ExpectAsync(201, "createProjectBranch", $"{P}/branches", new JsonObject
        {
            ["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_write" }),
        });
        var ids = Ids(created, "operations");
        Assert.That(created["operations"]!.AsArray().Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "create_branch", "start_compute" }));

        Assert.That(await StatusesAsync(ids), Is.EqualTo(new[] { "scheduling", "scheduling" }));
        Clock.Advance(OperationDuration / 2);
        Assert.That(await StatusesAsync(ids), Is.EqualTo(new[] { "running", "scheduling" }), "start_compute waits for create_branch");
        Clock.Advance(OperationDuration / 2);
        Assert.That(await StatusesAsync(ids), Is.EqualTo(new[] { "finished", "scheduling" }));
        Clock.Advance(OperationDuration / 2);
        Assert.That(await StatusesAsync(ids), Is.EqualTo(new[] { "finished", "running" }));
        var endpoint = await Api.ExpectAsync(200, "getProjectEndpoint", $"{P}/endpoints/{Ids(created, "endpoints")[0]}");
        Assert.That((string?)endpoint["endpoint"]!["current_state"], Is.EqualTo("init"));
        Clock.Advance(OperationDuration / 2);
        Assert.That(await StatusesAsync(ids), Is.EqualTo(new[] { "finished", "finished" }));

        var listed = await Api.ExpectAsync(200, "listProjectOperations", $"{P}/operations?limit=2");
        Assert.That(listed["operations"]!.AsArray().Select(o => ((string?)o!["id"], (string?)o["status"])),
            Is.EqualTo(new[] { (ids[1], "finished"), (ids[0], "finished") }));
        var first = await Api.ExpectAsync(200, "getProjectOperation", $"{P}/operations/{ids[0]}");
        var second = await Api.ExpectAsync(200, "getProjectOperation", $"{P}/operations/{ids[1]}");
        Assert.That(Time(second, "updated_at") - Time(first, "updated_at"), Is.EqualTo(OperationDuration), "the second ended one duration after the first");
        Assert.That(Time(second, "created_at"), Is.EqualTo(Time(first, "created_at")));
        Assert.That((int?)second["operation"]!["total_duration_ms"], Is.EqualTo((int)OperationDuration.TotalMilliseconds));
    }

    private async Task<string[]> StatusesAsync(string[] operationIds)
    {
        var statuses = new string[operationIds.Length];
        for (var i = 0; i < operationIds.Length; i++)
        {
            statuses[i] = (string)(await Api.ExpectAsync(200, "getProjectOperation", $"{P}/operations/{operationIds[i]}"))["operation"]!["status"]!;
        }

        return statuses;
    }

    private async Task<string> CreateBranchAsync(string name, string? parent = null, bool withEndpoint = false)
    {
        var request = new JsonObject { ["branch"] = new JsonObject { ["name"] = name, ["parent_id"] = parent ?? Main } };
        if (withEndpoint)
        {
            request["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_write" });
        }

        var created = await Api.ExpectAsync(201, "createProjectBranch", $"{P}/branches", request);
        FinishOperations();
        return Id(created, "branch");
    }

    private static DateTimeOffset Time(JsonNode operation, string field) => At(operation["operation"]![field]);

    private static DateTimeOffset At(JsonNode? value) => DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture);

    private static ulong Lsn(string lsn)
    {
        var parts = lsn.Split('/');
        return (Convert.ToUInt64(parts[0], 16) << 32) | Convert.ToUInt64(parts[1], 16);
    }
}
