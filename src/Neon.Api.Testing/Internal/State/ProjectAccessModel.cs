using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>Who may reach a project, and how: shares, JWKS URLs, VPC restrictions and transfer requests.</summary>
internal sealed class ProjectAccessModel
{
    /// <summary>Shares, revoked ones included (they keep their <c>revoked_at</c>).</summary>
    public List<PermissionModel> Permissions { get; } = [];

    public List<JwksModel> Jwks { get; } = [];

    /// <summary>VPC endpoint restrictions, in the order they were set.</summary>
    public List<VpcEndpointModel> VpcRestrictions { get; } = [];

    public List<TransferRequestModel> TransferRequests { get; } = [];

    public IEnumerable<PermissionModel> ActivePermissions => Permissions.Where(p => p.RevokedAt is null);
}

/// <summary>Project access granted to an email address.</summary>
internal sealed class PermissionModel(Guid id, string email, DateTimeOffset grantedAt)
{
    public Guid Id { get; } = id;

    public string Email { get; } = email;

    public DateTimeOffset GrantedAt { get; } = grantedAt;

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The <c>ProjectPermission</c> schema.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id.ToString(),
            ["granted_to_email"] = Email,
            ["granted_at"] = Formats.Time(GrantedAt),
        };
        if (RevokedAt is { } revoked)
        {
            json["revoked_at"] = Formats.Time(revoked);
        }

        return json;
    }
}

/// <summary>A JWKS URL that verifies JWTs for a project (or one of its branches).</summary>
internal sealed record JwksModel(
    Guid Id, string ProjectId, string? BranchId, string Url, string ProviderName, string? Audience, IReadOnlyList<string>? RoleNames, DateTimeOffset CreatedAt)
{
    /// <summary>The <c>JWKS</c> schema.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id.ToString(), ["project_id"] = ProjectId };
        if (BranchId is not null)
        {
            json["branch_id"] = BranchId;
        }

        json["jwks_url"] = Url;
        json["provider_name"] = ProviderName;
        json["created_at"] = Formats.Time(CreatedAt);
        json["updated_at"] = Formats.Time(CreatedAt);
        if (Audience is not null)
        {
            json["jwt_audience"] = Audience;
        }

        if (RoleNames is not null)
        {
            json["role_names"] = new JsonArray(RoleNames.Select(r => (JsonNode?)r).ToArray());
        }

        return json;
    }
}

/// <summary>A request to transfer a project to another account, valid until it expires or is accepted.</summary>
internal sealed class TransferRequestModel(Guid id, string projectId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
{
    public Guid Id { get; } = id;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Accepted { get; set; }

    /// <summary>The <c>ProjectTransferRequestResponse</c> schema.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id.ToString(),
        ["project_id"] = projectId,
        ["created_at"] = Formats.Time(createdAt),
        ["expires_at"] = Formats.Time(ExpiresAt),
    };
}
