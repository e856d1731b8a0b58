using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A database of a branch.</summary>
internal sealed class DatabaseModel
{
    public required long Id { get; init; }

    public required string BranchId { get; init; }

    public required string Name { get; set; }

    public required string OwnerName { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public DatabaseModel CopyTo(string branchId, long id, DateTimeOffset now) => new()
    {
        Id = id,
        BranchId = branchId,
        Name = Name,
        OwnerName = OwnerName,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["branch_id"] = BranchId,
        ["name"] = Name,
        ["owner_name"] = OwnerName,
        ["created_at"] = Formats.Time(CreatedAt),
        ["updated_at"] = Formats.Time(UpdatedAt),
    };
}
