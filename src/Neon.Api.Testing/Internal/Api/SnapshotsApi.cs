using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Snapshots of branches (the <c>Snapshot</c> tag): take one at a point in time, list, rename, delete, restore
/// into a new branch (optionally finalized: it takes the place of the branch it restores), and the backup schedule.
/// </summary>
internal static class SnapshotsApi
{
    private const string Restored = "restored";

    private static readonly string[] Frequencies = ["hourly", "daily", "weekly", "monthly", "yearly"];

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("createSnapshot", "POST /projects/{project_id}/branches/{branch_id}/snapshot", Create);
        handlers.Add("listSnapshots", "GET /projects/{project_id}/snapshots", List);
        handlers.AddUnlocked("updateSnapshot", "PATCH /projects/{project_id}/snapshots/{snapshot_id}", Update);
        handlers.Add("deleteSnapshot", "DELETE /projects/{project_id}/snapshots/{snapshot_id}", Delete);
        handlers.Add("restoreSnapshot", "POST /projects/{project_id}/snapshots/{snapshot_id}/restore", Restore);
        handlers.Add("finalizeRestoreBranch", "POST /projects/{project_id}/branches/{branch_id}/finalize_restore", FinalizeRestore);
        handlers.Add("getSnapshotSchedule", "GET /projects/{project_id}/branches/{branch_id}/backup_schedule", GetSchedule);
        handlers.AddUnlocked("setSnapshotSchedule", "PUT /projects/{project_id}/branches/{branch_id}/backup_schedule", SetSchedule);
    }

    private static ApiResult Create(RequestContext context)
    {
        var (state, now) = (context.State, context.Now);
        var project = context.Project();
        var branch = context.Branch(project);
        var query = context.Query;
        var (lsn, timestamp) = PointInTime.Resolve(project, branch, query, now);
        var expiresAt = query.DateTime("expires_at");
        if (expiresAt <= now)
        {
            throw ApiError.BadRequest($"query parameter 'expires_at' must be in the future, got {Formats.Time(expiresAt.Value)}");
        }

        var id = state.Ids.SnapshotId();
        var name = query.String("name") ?? $"{branch.Name} {Formats.Time(timestamp ?? now)}";
        var data = new BranchModel
        {
            Id = id,
            ProjectId = project.Id,
            Name = name,
            State = new ResourceState("ready", now),
            CreatedAt = now,
            UpdatedAt = now,
            Sequence = state.NextSequence(),
        };
        Provisioning.CopyData(state, branch, data, now);
        var snapshot = new SnapshotModel
        {
            Id = id,
            Name = name,
            SourceBranchId = branch.Id,
            Lsn = lsn,
            Timestamp = timestamp,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Data = data,
        };
        project.Features.Snapshots.Add(snapshot);
        var operation = state.StartOperation(project, "create_timeline", now, branch.Id);
        return ApiResult.Ok(Json.WithOperations("snapshot", snapshot.ToJson(), [operation], now));
    }

    private static ApiResult List(RequestContext context)
    {
        var project = context.Project();
        return ApiResult.Ok(new JsonObject
        {
            ["snapshots"] = Json.Array(Live(project, context.Now).OrderByDescending(s => s.Data.Sequence).Select(s => s.ToJson())),
        });
    }

    private static ApiResult Update(RequestContext context)
    {
        var snapshot = RequireSnapshot(context.Project(), context);
        var name = context.Body().RequiredObject("snapshot").OptionalString("name", 1, 256);
        snapshot.Name = name ?? snapshot.Name;
        return ApiResult.Ok(new JsonObject { ["snapshot"] = snapshot.ToJson() });
    }

    private static ApiResult Delete(RequestContext context)
    {
        var project = context.Project();
        var snapshot = RequireSnapshot(project, context);
        project.Features.Snapshots.Remove(snapshot);
        var operation = context.State.StartOperation(project, "delete_timeline", context.Now, snapshot.SourceBranchId);
        return new ApiResult(HttpStatusCode.Accepted, new JsonObject { ["operations"] = Json.Operations([operation], context.Now) });
    }

    private static ApiResult Restore(RequestContext context)
    {
        var (state, now) = (context.State, context.Now);
        var project = context.Project();
        var snapshot = RequireSnapshot(project, context);
        var body = context.Body(required: false);
        var name = body.OptionalString("name", 1, 256) ?? context.Query.String("name");
        var targetId = body.OptionalString("target_branch_id");
        var finalize = body.OptionalBool("finalize_restore") ?? false;
        var target = project.Branches.FirstOrDefault(b => b.Id == (targetId ?? snapshot.SourceBranchId))
            ?? throw ApiError.NotFound(targetId is null
                ? $"branch {snapshot.SourceBranchId} the snapshot was taken from no longer exists: set 'target_branch_id'"
                : $"branch {targetId} not found");

        var (branch, operation) = Provisioning.CreateBranch(state, project, name, "create_branch", now);
        Provisioning.CopyData(state, snapshot.Data, branch, now);
        branch.RestoreStatus = Restored;
        branch.RestoredFrom = snapshot.Id;
        branch.RestoreTargetId = target.Id;
        var operations = new List<OperationModel> { operation };
        var endpoints = finalize ? Finalize(context, project, branch, target, null, operations) : [];
        return ApiResult.Ok(new JsonObject
        {
            ["branch"] = branch.ToJson(now),
            ["endpoints"] = Json.Array(endpoints.Select(e => e.ToJson(now))),
            ["operations"] = Json.Operations(operations, now),
        });
    }

    private static ApiResult FinalizeRestore(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var body = context.Body(required: false);
        var name = body.OptionalString("name", 1, 256);
        if (branch.RestoreStatus != Restored)
        {
            throw branch.RestoreStatus is null
                ? ApiError.BadRequest($"branch {branch.Id} was not restored from a snapshot: only restoreSnapshot with finalize_restore false makes a branch to finalize")
                : ApiError.Conflict($"the restore of branch {branch.Id} is already finalized");
        }

        var target = project.Branches.FirstOrDefault(b => b.Id == branch.RestoreTargetId)
            ?? throw ApiError.Conflict($"branch {branch.RestoreTargetId} that the restore replaces no longer exists");
        var operations = new List<OperationModel>();
        Finalize(context, project, branch, target, name, operations);
        return ApiResult.Ok(new JsonObject { ["operations"] = Json.Operations(operations, context.Now) });
    }

    /// <summary>
    /// The restored branch takes the place of <paramref name="target"/>: its name, its default flag and its
    /// computes (restarted); the target is renamed to <paramref name="oldName"/> or a generated name.
    /// </summary>
    private static List<EndpointModel> Finalize(
        RequestContext context, ProjectModel project, BranchModel restored, BranchModel target, string? oldName, List<OperationModel> operations)
    {
        var now = context.Now;
        var renamed = oldName ?? $"{target.Name}_old_{now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
        Provisioning.RequireUniqueBranchName(project, renamed, target);
        var name = target.Name;
        target.Name = renamed;
        restored.Name = name;
        (restored.IsDefault, target.IsDefault) = (target.IsDefault, false);
        restored.RestoreStatus = "finalized";
        restored.RestoredAs = target.Id;
        restored.UpdatedAt = target.UpdatedAt = now;
        var endpoints = project.Endpoints.Where(e => e.BranchId == target.Id).ToList();
        foreach (var endpoint in endpoints)
        {
            endpoint.BranchId = restored.Id;
            endpoint.UpdatedAt = now;
            if (endpoint.State.Current(now) != EndpointModel.Idle)
            {
                var restart = context.State.StartOperation(project, "start_compute", now, restored.Id, endpoint.Id);
                endpoint.State.MoveTo(EndpointModel.Active, restart, now);
                operations.Add(restart);
            }
        }

        return endpoints;
    }

    private static ApiResult GetSchedule(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject { ["schedule"] = branch.SnapshotSchedule.DeepClone() });
    }

    private static ApiResult SetSchedule(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        var body = context.Body();
        if (!body.Has("schedule"))
        {
            throw ApiError.BadRequest("missing required field 'schedule'");
        }

        branch.SnapshotSchedule = Json.Array(body.OptionalObjectArray("schedule").Select(ScheduleItem));
        return ApiResult.Ok(new JsonObject());
    }

    /// <summary>A validated <c>BackupScheduleItem</c>: fields that do not apply to the frequency are refused.</summary>
    private static JsonObject ScheduleItem(BodyObject item)
    {
        var frequency = item.OptionalEnum("frequency", Frequencies) ?? item.RequiredString("frequency");
        var json = new JsonObject { ["frequency"] = frequency };
        var fields = new (string Name, long Min, long Max, bool Applies)[]
        {
            ("hour", 0, 23, frequency != "hourly"),
            ("day", 1, frequency == "weekly" ? 7 : 31, frequency is "weekly" or "monthly" or "yearly"),
            ("month", 1, 12, frequency == "yearly"),
            ("retention_seconds", 3600, long.MaxValue, true),
        };
        foreach (var (name, min, max, applies) in fields)
        {
            if (item.OptionalInteger(name, min, max) is not { } value)
            {
                continue;
            }

            json[name] = applies
                ? value
                : throw ApiError.BadRequest($"'{name}' does not apply to a {frequency} schedule");
        }

        return json;
    }

    private static IEnumerable<SnapshotModel> Live(ProjectModel project, DateTimeOffset now)
    {
        project.Features.Snapshots.RemoveAll(s => s.IsExpired(now));
        return project.Features.Snapshots;
    }

    private static SnapshotModel RequireSnapshot(ProjectModel project, RequestContext context)
    {
        var id = context.Path("snapshot_id");
        return Live(project, context.Now).FirstOrDefault(s => s.Id == id) ?? throw ApiError.NotFound($"snapshot {id} not found");
    }
}
