using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// A snapshot of a branch at a point in time. It keeps a copy of the branch's data (databases, roles,
/// buckets, functions) in <see cref="Data"/>, a branch that belongs to no project listing, so that
/// restoring it gives a branch with the data the source had when the snapshot was taken.
/// </summary>
internal sealed class SnapshotModel
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string SourceBranchId { get; init; }

    public required string Lsn { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The data of the source branch when the snapshot was taken.</summary>
    public required BranchModel Data { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;

    /// <summary>The <c>Snapshot</c> schema.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["lsn"] = Lsn,
        };
        if (Timestamp is { } timestamp)
        {
            json["timestamp"] = Formats.Time(timestamp);
        }

        json["source_branch_id"] = SourceBranchId;
        json["created_at"] = Formats.Time(CreatedAt);
        if (ExpiresAt is { } expiresAt)
        {
            json["expires_at"] = Formats.Time(expiresAt);
        }

        json["manual"] = true; // taken through the API: the emulator's backup schedule takes none
        return json;
    }
}

/// <summary>A deleted branch that can be recovered until <see cref="RecoverableUntil"/>, with the endpoints it had.</summary>
internal sealed record DeletedBranch(BranchModel Branch, EndpointModel[] Endpoints, DateTimeOffset DeletedAt)
{
    /// <summary>How long Neon keeps a soft-deleted branch recoverable.</summary>
    public static readonly TimeSpan RecoveryWindow = TimeSpan.FromDays(7);

    public DateTimeOffset RecoverableUntil => DeletedAt + RecoveryWindow;

    /// <summary>The <c>BranchRecoveryInfo</c> schema.</summary>
    public JsonObject RecoveryJson() => new()
    {
        ["deleted_at"] = Formats.Time(DeletedAt),
        ["recoverable_until"] = Formats.Time(RecoverableUntil),
        ["deletion_method"] = "user",
    };
}
