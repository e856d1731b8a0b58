using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>An API key created through <c>POST /api_keys</c>, or an organization's through <c>POST /organizations/{org_id}/api_keys</c>.</summary>
internal sealed class ApiKeyModel
{
    public const string CreatorId = "629982cc-de05-43db-ae16-28f2399c4910";

    public const string CreatorName = "Fake Neon User";

    public required long Id { get; init; }

    public required string Name { get; init; }

    public required string Token { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The organization of an organization key; null for a personal key.</summary>
    public string? OrgId { get; init; }

    /// <summary>The project an organization key is limited to, if any.</summary>
    public string? ProjectId { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string LastUsedFromAddress { get; set; } = string.Empty;

    public bool Revoked { get; set; }

    /// <summary>The fields every API key shape shares, with <c>created_by</c> as the creator id.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["created_at"] = Formats.Time(CreatedAt),
            ["created_by"] = CreatorId,
            ["last_used_at"] = LastUsedAt is { } used ? Formats.Time(used) : null,
            ["last_used_from_addr"] = LastUsedFromAddress,
        };
        if (ProjectId is not null)
        {
            json["project_id"] = ProjectId;
        }

        return json;
    }

    /// <summary>The list shape, where <c>created_by</c> is an object.</summary>
    public JsonObject ToListJson()
    {
        var json = ToJson();
        json["created_by"] = new JsonObject
        {
            ["id"] = CreatorId,
            ["name"] = CreatorName,
            ["image"] = string.Empty,
        };
        return json;
    }
}
