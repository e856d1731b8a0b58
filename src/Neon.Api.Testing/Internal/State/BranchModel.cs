using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A branch with its databases and roles.</summary>
internal sealed class BranchModel
{
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string? ParentId { get; set; }

    public string? ParentLsn { get; set; }

    public DateTimeOffset? ParentTimestamp { get; set; }

    public required string Name { get; set; }

    public required ResourceState State { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public bool IsDefault { get; set; }

    public bool Protected { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastResetAt { get; set; }

    public string InitSource { get; init; } = "parent-data";

    /// <summary><c>restored</c> or <c>finalized</c> for a branch restored from a snapshot, else null.</summary>
    public string? RestoreStatus { get; set; }

    /// <summary>The snapshot a restored branch was made from.</summary>
    public string? RestoredFrom { get; set; }

    /// <summary>The branch a restore from a snapshot replaces when finalized.</summary>
    public string? RestoreTargetId { get; set; }

    /// <summary>The branch a finalized restore replaced.</summary>
    public string? RestoredAs { get; set; }

    /// <summary>Orders branches of a project by creation.</summary>
    public required long Sequence { get; init; }

    public Dictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    public List<DatabaseModel> Databases { get; } = [];

    public List<RoleModel> Roles { get; } = [];

    /// <summary>Object-storage buckets by name (copied, with their objects, to child branches).</summary>
    public SortedDictionary<string, BucketModel> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>Functions by slug (child branches inherit them).</summary>
    public SortedDictionary<string, FunctionModel> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Data APIs by database name.</summary>
    public SortedDictionary<string, DataApiModel> DataApis { get; } = new(StringComparer.Ordinal);

    /// <summary>Scoped credentials, revoked ones included, in issue order.</summary>
    public List<CredentialModel> Credentials { get; } = [];

    /// <summary>The anonymization of an anonymized branch; null for other branches.</summary>
    public AnonymizationModel? Anonymization { get; set; }

    /// <summary>The backup schedule (<c>BackupScheduleItem</c> objects as set).</summary>
    public JsonArray SnapshotSchedule { get; set; } = [];

    /// <summary>
    /// The branch's current LSN: a start derived from the sequence, moving on by 0x100 a second as if the
    /// branch were written to, so that later points in time have later LSNs.
    /// </summary>
    public string Lsn(DateTimeOffset now) =>
        $"0/{0x1000000 + (Sequence * 0x10000) + ((long)Math.Max(0, (now - CreatedAt).TotalSeconds) * 0x100):X}";

    public JsonObject ToJson(DateTimeOffset now)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["project_id"] = ProjectId,
        };
        if (ParentId is not null)
        {
            json["parent_id"] = ParentId;
            json["parent_lsn"] = ParentLsn;
            if (ParentTimestamp is { } parentTimestamp)
            {
                json["parent_timestamp"] = Formats.Time(parentTimestamp);
            }
        }

        json["name"] = Name;
        json["current_state"] = State.Current(now);
        if (State.Pending(now) is { } pending)
        {
            json["pending_state"] = pending;
        }

        json["state_changed_at"] = Formats.Time(State.ChangedAt(now));
        json["logical_size"] = 30 * 1024 * 1024;
        json["creation_source"] = "console";
        json["primary"] = IsDefault;
        json["default"] = IsDefault;
        json["protected"] = Protected;
        json["cpu_used_sec"] = 0;
        json["compute_time_seconds"] = 0;
        json["active_time_seconds"] = 0;
        json["written_data_bytes"] = 0;
        json["data_transfer_bytes"] = 0;
        json["created_at"] = Formats.Time(CreatedAt);
        json["updated_at"] = Formats.Time(UpdatedAt);
        if (ExpiresAt is { } expiresAt)
        {
            json["expires_at"] = Formats.Time(expiresAt);
        }

        if (LastResetAt is { } lastResetAt)
        {
            json["last_reset_at"] = Formats.Time(lastResetAt);
        }

        json["init_source"] = InitSource;
        if (RestoreStatus is not null)
        {
            json["restore_status"] = RestoreStatus;
            json["restored_from"] = RestoredFrom;
        }

        if (RestoredAs is not null)
        {
            json["restored_as"] = RestoredAs;
        }

        return json;
    }

    /// <summary>The <c>AnnotationData</c> of this branch (an empty value when it has none).</summary>
    public JsonObject AnnotationJson()
    {
        var value = new JsonObject();
        foreach (var pair in Annotations)
        {
            value[pair.Key] = pair.Value;
        }

        return new JsonObject
        {
            ["object"] = new JsonObject { ["type"] = "console/branch", ["id"] = Id },
            ["value"] = value,
            ["created_at"] = Formats.Time(CreatedAt),
            ["updated_at"] = Formats.Time(UpdatedAt),
        };
    }
}
