using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Snapshots keep a branch's data at a point in time; restoring gives it back as a branch.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("createSnapshot", "listSnapshots", "updateSnapshot", "deleteSnapshot", "restoreSnapshot", "finalizeRestoreBranch", "getSnapshotSchedule", "setSnapshotSchedule")]
public sealed class SnapshotTests : ProjectTest
{
    public SnapshotTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_snapshot_is_listed_renamed_and_deleted()
    {
        var taken = await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot?name=nightly");
        var snapshot = taken["snapshot"]!;
        Assert.That((string?)snapshot["id"], Does.Match("^snap-[a-z]+-[a-z]+-[a-z0-9]{8}$"));
        Assert.That((string?)snapshot["source_branch_id"], Is.EqualTo(Main));
        Assert.That((bool?)snapshot["manual"], Is.True);
        Assert.That(taken["operations"]!.AsArray(), Has.Count.EqualTo(1));
        FinishOperations();
        var s = $"{P}/snapshots/{(string?)snapshot["id"]}";

        await Api.ExpectAsync(200, "updateSnapshot", s, new JsonObject { ["snapshot"] = new JsonObject { ["name"] = "kept" } });
        var listed = await Api.ExpectAsync(200, "listSnapshots", $"{P}/snapshots");
        Assert.That(listed["snapshots"]!.AsArray().Select(x => (string?)x!["name"]), Is.EqualTo(new[] { "kept" }));

        var deleted = await Api.CallAsync("deleteSnapshot", s);
        Assert.That(deleted.Status, Is.EqualTo(202));
        Assert.That((await Api.ExpectAsync(200, "listSnapshots", $"{P}/snapshots"))["snapshots"]!.AsArray(), Is.Empty);
        Assert.That((await Api.CallAsync("updateSnapshot", s, new JsonObject { ["snapshot"] = new JsonObject() })).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task A_snapshot_at_a_timestamp_must_be_in_the_restore_window_and_records_that_point()
    {
        var start = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromHours(2));
        var at = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var taken = await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot?timestamp={at}");
        FinishOperations();
        var head = await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot", null);
        FinishOperations();

        Assert.That((string?)taken["snapshot"]!["timestamp"], Is.EqualTo(at));
        Assert.That((string?)taken["snapshot"]!["lsn"], Is.Not.EqualTo((string?)head["snapshot"]!["lsn"]), "an earlier point has an earlier LSN");
        var future = await Api.CallAsync("createSnapshot", $"{B}/snapshot?timestamp=2099-01-01T00:00:00Z");
        Assert.That(future.Status, Is.EqualTo(400));
        Assert.That(future.Message, Does.Contain("restore window"));
        var both = await Api.CallAsync("createSnapshot", $"{B}/snapshot?timestamp={at}&lsn=0/1000000");
        Assert.That(both.Message, Does.Contain("at most one of 'lsn' and 'timestamp'"));
        var badLsn = await Api.CallAsync("createSnapshot", $"{B}/snapshot?lsn=yesterday");
        Assert.That((badLsn.Status, badLsn.Message), Is.EqualTo((400, "'lsn' must be an LSN such as 0/1DE2850, got 'yesterday'")));
    }

    [Test]
    public async Task A_snapshot_past_its_expiry_is_gone()
    {
        await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot?expires_at=2026-01-02T00:00:00Z");
        Assert.That((await Api.ExpectAsync(200, "listSnapshots", $"{P}/snapshots"))["snapshots"]!.AsArray(), Has.Count.EqualTo(1));

        Clock.Advance(TimeSpan.FromDays(1));

        Assert.That((await Api.ExpectAsync(200, "listSnapshots", $"{P}/snapshots"))["snapshots"]!.AsArray(), Is.Empty);
        Assert.That((await Api.CallAsync("createSnapshot", $"{B}/snapshot?expires_at=2026-01-01T00:00:00Z")).Status, Is.EqualTo(400), "already past");
    }

    [Test]
    public async Task Restoring_gives_a_new_branch_with_the_data_of_the_snapshot()
    {
        var snapshot = Id(await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot"), "snapshot");
        FinishOperations();
        await Api.ExpectAsync(201, "createProjectBranchRole", $"{B}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "later" } });
        FinishOperations();

        var restored = await Api.ExpectAsync(200, "restoreSnapshot", $"{P}/snapshots/{snapshot}/restore", new JsonObject { ["name"] = "preview" });
        FinishOperations();

        var branch = restored["branch"]!;
        Assert.That(((string?)branch["name"], (string?)branch["restore_status"], (string?)branch["restored_from"]), Is.EqualTo(("preview", "restored", snapshot)));
        Assert.That(restored["endpoints"]!.AsArray(), Is.Empty, "not finalized: the computes stay where they are");
        var roles = await Api.ExpectAsync(200, "listProjectBranchRoles", $"{P}/branches/{Id(restored, "branch")}/roles");
        Assert.That(roles["roles"]!.AsArray().Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "neondb_owner" }));
        var main = await Api.ExpectAsync(200, "getProjectBranch", B);
        Assert.That(((string?)main["branch"]!["name"], (bool?)main["branch"]!["default"]), Is.EqualTo(("main", true)));
    }

    [Test]
    public async Task Finalizing_a_restore_puts_the_restored_branch_in_the_place_of_the_original()
    {
        var endpoint = Ids(await Api.ExpectAsync(200, "listProjectBranchEndpoints", $"{B}/endpoints"), "endpoints").Single();
        var snapshot = Id(await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot"), "snapshot");
        FinishOperations();
        var restored = Id(await Api.ExpectAsync(200, "restoreSnapshot", $"{P}/snapshots/{snapshot}/restore", null), "branch");
        FinishOperations();

        var finalized = await Api.ExpectAsync(200, "finalizeRestoreBranch", $"{P}/branches/{restored}/finalize_restore", new JsonObject { ["name"] = "main-before" });
        Assert.That(finalized["operations"]!.AsArray().Select(o => ((string?)o!["action"], (string?)o["endpoint_id"])), Is.EqualTo(new[] { ("start_compute", endpoint) }));
        FinishOperations();

        var now = (await Api.ExpectAsync(200, "getProjectBranch", $"{P}/branches/{restored}"))["branch"]!;
        Assert.That(((string?)now["name"], (bool?)now["default"], (string?)now["restore_status"], (string?)now["restored_as"]), Is.EqualTo(("main", true, "finalized", Main)));
        var old = (await Api.ExpectAsync(200, "getProjectBranch", B))["branch"]!;
        Assert.That(((string?)old["name"], (bool?)old["default"]), Is.EqualTo(("main-before", false)));
        var moved = await Api.ExpectAsync(200, "getProjectEndpoint", $"{P}/endpoints/{endpoint}");
        Assert.That(((string?)moved["endpoint"]!["branch_id"], (string?)moved["endpoint"]!["current_state"]), Is.EqualTo((restored, "active")));

        var twice = await Api.CallAsync("finalizeRestoreBranch", $"{P}/branches/{restored}/finalize_restore");
        Assert.That(twice.Status, Is.EqualTo(409));
        var notRestored = await Api.CallAsync("finalizeRestoreBranch", $"{B}/finalize_restore");
        Assert.That((notRestored.Status, notRestored.Message), Is.EqualTo((400, $"branch {Main} was not restored from a snapshot: only restoreSnapshot with finalize_restore false makes a branch to finalize")));
    }

    [Test]
    public async Task Restoring_with_finalize_restore_finalizes_at_once()
    {
        var snapshot = Id(await Api.ExpectAsync(200, "createSnapshot", $"{B}/snapshot"), "snapshot");
        FinishOperations();

        var restored = await Api.ExpectAsync(200, "restoreSnapshot", $"{P}/snapshots/{snapshot}/restore", new JsonObject { ["finalize_restore"] = true });

        Assert.That(((string?)restored["branch"]!["name"], (string?)restored["branch"]!["restore_status"]), Is.EqualTo(("main", "finalized")));
        Assert.That(restored["endpoints"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(restored["operations"]!.AsArray().Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "create_branch", "start_compute" }));
    }

    [Test]
    public async Task The_backup_schedule_is_stored_and_validated_per_frequency()
    {
        Assert.That((await Api.ExpectAsync(200, "getSnapshotSchedule", $"{B}/backup_schedule"))["schedule"]!.AsArray(), Is.Empty);
        var schedule = new JsonArray(
            new JsonObject { ["frequency"] = "weekly", ["day"] = 7, ["hour"] = 2 },
            new JsonObject { ["frequency"] = "hourly", ["retention_seconds"] = 86400 });

        await Api.ExpectAsync(200, "setSnapshotSchedule", $"{B}/backup_schedule", new JsonObject { ["schedule"] = schedule.DeepClone() });

        Assert.That(JsonNode.DeepEquals((await Api.ExpectAsync(200, "getSnapshotSchedule", $"{B}/backup_schedule"))["schedule"], schedule), Is.True);
        foreach (var (item, message) in new[]
        {
            (new JsonObject { ["frequency"] = "weekly", ["day"] = 8 }, "field 'schedule[0].day' must be between 1 and 7, got 8"),
            (new JsonObject { ["frequency"] = "hourly", ["hour"] = 1 }, "'hour' does not apply to a hourly schedule"),
            (new JsonObject { ["frequency"] = "daily", ["retention_seconds"] = 60 }, "field 'schedule[0].retention_seconds' must be between 3600"),
            (new JsonObject { ["hour"] = 1 }, "missing required field 'schedule[0].frequency'"),
        })
        {
            var refused = await Api.CallAsync("setSnapshotSchedule", $"{B}/backup_schedule", new JsonObject { ["schedule"] = new JsonArray(item) });
            Assert.That(refused.Status, Is.EqualTo(400), refused.ToString());
            Assert.That(refused.Message, Does.StartWith(message));
        }
    }
}
