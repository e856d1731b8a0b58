using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>An organization: its members, invitations, spending limit and VPC endpoints.</summary>
internal sealed class OrganizationModel(string id, string name, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>The plan every emulated organization is on (one that offers every feature emulated, consumption history included).</summary>
    public const string Plan = "scale";

    /// <summary>The handle Neon derives from the name and id, as in <c>my-org-org-morning-bread-81040908</c>.</summary>
    public string Handle => $"{string.Concat(Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'))}-{Id}";

    public List<MemberModel> Members { get; } = [];

    public List<InvitationModel> Invitations { get; } = [];

    public long? SpendingLimitCents { get; set; }

    /// <summary>VPC endpoints assigned to the organization, by region and id.</summary>
    public List<VpcEndpointModel> VpcEndpoints { get; } = [];

    /// <summary>(region, id) of VPC endpoints deleted from the organization: Neon does not let them be added back.</summary>
    public HashSet<(string Region, string Id)> DeletedVpcEndpoints { get; } = [];

    /// <summary>The <c>Organization</c> schema.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["handle"] = Handle,
        ["plan"] = Plan,
        ["created_at"] = Formats.Time(CreatedAt),
        ["managed_by"] = "console",
        ["updated_at"] = Formats.Time(UpdatedAt),
        ["allow_hipaa_projects"] = false,
        ["require_mfa"] = false,
    };
}

/// <summary>A member of an organization.</summary>
internal sealed class MemberModel(Guid id, Guid userId, string email, string role, DateTimeOffset joinedAt)
{
    public Guid Id { get; } = id;

    public Guid UserId { get; } = userId;

    public string Email { get; } = email;

    public string Role { get; set; } = role;

    public DateTimeOffset JoinedAt { get; } = joinedAt;

    /// <summary>The <c>Member</c> schema.</summary>
    public JsonObject ToJson(string orgId) => new()
    {
        ["id"] = Id.ToString(),
        ["user_id"] = UserId.ToString(),
        ["org_id"] = orgId,
        ["role"] = Role,
        ["joined_at"] = Formats.Time(JoinedAt),
    };

    /// <summary>The <c>MemberWithUser</c> schema.</summary>
    public JsonObject ToJsonWithUser(string orgId) => new()
    {
        ["member"] = ToJson(orgId),
        ["user"] = new JsonObject { ["email"] = Email, ["has_mfa"] = false },
    };
}

/// <summary>An invitation to an organization.</summary>
internal sealed record InvitationModel(Guid Id, string Email, string OrgId, string Role, DateTimeOffset InvitedAt)
{
    /// <summary>The <c>Invitation</c> schema.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id.ToString(),
        ["email"] = Email,
        ["org_id"] = OrgId,
        ["invited_by"] = AccountState.UserId,
        ["invited_at"] = Formats.Time(InvitedAt),
        ["role"] = Role,
    };
}

/// <summary>A VPC endpoint assigned to an organization in a region.</summary>
internal sealed class VpcEndpointModel(string id, string regionId, string label, DateTimeOffset assignedAt)
{
    public DateTimeOffset AssignedAt { get; } = assignedAt;

    public string Id { get; } = id;

    public string RegionId { get; } = regionId;

    public string Label { get; set; } = label;

    /// <summary>The <c>VPCEndpoint</c> schema.</summary>
    public JsonObject ToJson() => new() { ["vpc_endpoint_id"] = Id, ["label"] = Label };
}
