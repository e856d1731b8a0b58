using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>The Data API (a REST interface) over one database of a branch.</summary>
internal sealed class DataApiModel
{
    public required string DatabaseName { get; init; }

    public required string Url { get; init; }

    public required string AuthProvider { get; init; }

    /// <summary>The <c>DataAPISettings</c> as last set (validated when set).</summary>
    public required JsonObject Settings { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The <c>DataAPIReponse</c> schema.</summary>
    public JsonObject ToJson() => new()
    {
        ["url"] = Url,
        ["status"] = "ready",
        ["settings"] = Settings.DeepClone(),
        ["available_schemas"] = Settings["db_schemas"]?.DeepClone() ?? new JsonArray("public"),
    };
}

/// <summary>
/// A scoped credential of a branch. Its token and S3 secret are shown once, when it is issued, and not
/// kept (as in Neon), so this holds no secret.
/// </summary>
internal sealed class CredentialModel
{
    public required string TokenId { get; init; }

    public string? Name { get; init; }

    public required string[] Scopes { get; init; }

    public required string BranchId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The first 12 hexadecimal digits of the id, safe to log.</summary>
    public string TokenIdShort => TokenId["nak_live_".Length..][..12];

    /// <summary>The fields <c>CreateCredentialResponse</c> and <c>CredentialMeta</c> share.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["token_id"] = TokenId,
            ["token_id_short"] = TokenIdShort,
        };
        if (Name is not null)
        {
            json["name"] = Name;
        }

        json["scopes"] = new JsonArray(Array.ConvertAll(Scopes, s => (JsonNode?)s));
        json["branch_id"] = BranchId;
        json["created_at"] = Formats.Time(CreatedAt);
        return json;
    }

    /// <summary>The <c>CredentialMeta</c> schema.</summary>
    public JsonObject MetaJson()
    {
        var json = ToJson();
        json["principal_type"] = "user";
        if (RevokedAt is { } revokedAt)
        {
            json["revoked_at"] = Formats.Time(revokedAt);
        }

        return json;
    }
}
