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

    /// <summary>Orders branches of a project by creation.</summary>
    public required long Sequence { get; init; }

    public Dictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    public List<DatabaseModel> Databases { get; } = [];

    public List<RoleModel> Roles { get; } = [];

    /// <summary>Object-storage buckets by name (not inherited by child branches in the emulator).</summary>
    public SortedDictionary<string, BucketModel> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>A value Neon reports as the branch's LSN; derived from the sequence so it is stable.</summary>
    public string Lsn => $"0/{0x1000000 + (Sequence * 0x100):X}";

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
