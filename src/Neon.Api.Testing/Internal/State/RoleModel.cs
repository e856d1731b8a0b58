using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A Postgres role of a branch.</summary>
internal sealed class RoleModel
{
    public required string BranchId { get; init; }

    public required string Name { get; init; }

    /// <summary>Null for roles created with <c>no_login</c>.</summary>
    public string? Password { get; set; }

    public bool Protected { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The role; the password only where Neon returns it (on create and reset).</summary>
    public JsonObject ToJson(bool withPassword)
    {
        var json = new JsonObject
        {
            ["branch_id"] = BranchId,
            ["name"] = Name,
        };
        if (withPassword && Password is not null)
        {
            json["password"] = Password;
        }

        json["protected"] = Protected;
        json["authentication_method"] = Password is null ? "no_login" : "password";
        json["created_at"] = Formats.Time(CreatedAt);
        json["updated_at"] = Formats.Time(UpdatedAt);
        return json;
    }

    public RoleModel CopyTo(string branchId, DateTimeOffset now) => new()
    {
        BranchId = branchId,
        Name = Name,
        Password = Password,
        Protected = Protected,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
