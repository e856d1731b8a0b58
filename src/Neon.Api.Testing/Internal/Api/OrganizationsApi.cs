using System;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Organizations of the current user: details, members, invitations, API keys, spending limit and
/// project transfers. None of them starts an operation, so none is answered 423.
/// </summary>
internal static class OrganizationsApi
{
    private static readonly string[] Roles = ["admin", "member", "editor", "viewer", "collaborator"];

    private static readonly string[] MemberSortKeys = ["email", "role", "joined_at"];

    private static readonly string[] SortOrders = ["asc", "desc"];

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("getOrganization", "GET /organizations/{org_id}", context => ApiResult.Ok(Org(context).ToJson()));
        handlers.Add("getOrganizationMembers", "GET /organizations/{org_id}/members", ListMembers);
        handlers.Add("getOrganizationMember", "GET /organizations/{org_id}/members/{member_id}", GetMember);
        handlers.AddUnlocked("updateOrganizationMember", "PATCH /organizations/{org_id}/members/{member_id}", UpdateMember);
        handlers.AddUnlocked("removeOrganizationMember", "DELETE /organizations/{org_id}/members/{member_id}", RemoveMember);
        handlers.Add("getOrganizationInvitations", "GET /organizations/{org_id}/invitations", ListInvitations);
        handlers.AddUnlocked("createOrganizationInvitations", "POST /organizations/{org_id}/invitations", Invite);
        handlers.Add("listOrgApiKeys", "GET /organizations/{org_id}/api_keys", context => AccountApi.ListKeys(context, Org(context).Id));
        handlers.AddUnlocked("createOrgApiKey", "POST /organizations/{org_id}/api_keys", context => AccountApi.CreateKey(context, Org(context).Id));
        handlers.AddUnlocked("revokeOrgApiKey", "DELETE /organizations/{org_id}/api_keys/{key_id}", context => AccountApi.RevokeKey(context, Org(context).Id));
        handlers.Add("getOrganizationSpendingLimit", "GET /organizations/{org_id}/billing/spending_limit", context => SpendingLimit(Org(context)));
        handlers.AddUnlocked("setOrganizationSpendingLimit", "PUT /organizations/{org_id}/billing/spending_limit", SetSpendingLimit);
        handlers.AddUnlocked("deleteOrganizationSpendingLimit", "DELETE /organizations/{org_id}/billing/spending_limit", DeleteSpendingLimit);
        handlers.AddUnlocked("transferProjectsFromOrgToOrg", "POST /organizations/{source_org_id}/projects/transfer", context =>
            TransferProjects(context, context.State.Account.RequireOrganization(context.Path("source_org_id")).Id));
    }

    /// <summary>The organization named by the <c>org_id</c> path parameter, or 404.</summary>
    public static OrganizationModel Org(RequestContext context) => context.State.Account.RequireOrganization(context.Path("org_id"));

    /// <summary>
    /// Moves projects to another organization of the user: from <paramref name="sourceOrgId"/>, or from the
    /// personal account when it is null. Every project must be live and belong to the source (404 naming it).
    /// </summary>
    public static ApiResult TransferProjects(RequestContext context, string? sourceOrgId)
    {
        var body = context.Body();
        var destination = context.State.Account.RequireOrganization(body.RequiredString("destination_org_id", 1, 60));
        var projectIds = body.OptionalStringArray("project_ids", 1, 400, 60) ?? throw ApiError.BadRequest("missing required field 'project_ids'");
        if (destination.Id == sourceOrgId)
        {
            throw ApiError.BadRequest($"destination_org_id must differ from the source organization {sourceOrgId}");
        }

        var projects = projectIds.Select(id => context.State.RequireProject(id)).ToList();
        if (projects.FirstOrDefault(p => p.OrgId != sourceOrgId) is { } stranger)
        {
            throw ApiError.NotFound($"project {stranger.Id} not found in {(sourceOrgId is null ? "the personal account" : $"organization {sourceOrgId}")}");
        }

        foreach (var project in projects)
        {
            project.OrgId = destination.Id;
            project.UpdatedAt = context.Now;
        }

        return ApiResult.Ok(new JsonObject());
    }

    private static ApiResult ListMembers(RequestContext context)
    {
        var org = Org(context);
        var query = context.Query;
        var sortBy = query.Enum("sort_by", "joined_at", MemberSortKeys);
        var descending = query.Enum("sort_order", "desc", SortOrders) == "desc";
        Func<MemberModel, string> key = sortBy switch
        {
            "email" => m => m.Email,
            "role" => m => m.Role,
            _ => m => Formats.Time(m.JoinedAt),
        };
        var (page, pagination) = Paging.BySortKey(
            org.Members, sortBy, descending, query.String("cursor"), query.Integer("limit", 1, 500), key, m => m.Id.ToString());
        return ApiResult.Ok(new JsonObject
        {
            ["members"] = Json.Array(page.Select(m => m.ToJsonWithUser(org.Id))),
            ["pagination"] = pagination,
        });
    }

    private static ApiResult GetMember(RequestContext context)
    {
        var org = Org(context);
        return ApiResult.Ok(Member(context, org).ToJson(org.Id));
    }

    private static ApiResult UpdateMember(RequestContext context)
    {
        var org = Org(context);
        var member = Member(context, org);
        var role = context.Body().RequiredEnum("role", Roles);
        if (role != "admin")
        {
            RequireAnotherAdmin(org, member, "demoted");
        }

        member.Role = role;
        return ApiResult.Ok(member.ToJson(org.Id));
    }

    private static ApiResult RemoveMember(RequestContext context)
    {
        var org = Org(context);
        var member = Member(context, org);
        RequireAnotherAdmin(org, member, "removed");
        org.Members.Remove(member);
        org.Invitations.RemoveAll(i => string.Equals(i.Email, member.Email, StringComparison.OrdinalIgnoreCase));
        return ApiResult.Ok(new JsonObject());
    }

    private static ApiResult ListInvitations(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["invitations"] = Json.Array(Org(context).Invitations.Select(i => i.ToJson())) });

    /// <summary>
    /// Invites each email; as Neon does for people who already have an account (every address, here), the
    /// invitee joins at once as a member with the invited role. 409 for a member or an address invited before.
    /// </summary>
    private static ApiResult Invite(RequestContext context)
    {
        var org = Org(context);
        var requested = context.Body().OptionalObjectArray("invitations");
        if (requested.Count == 0)
        {
            throw ApiError.BadRequest("field 'invitations' must hold at least one invitation");
        }

        var invitations = requested.Select(i => (Email: i.RequiredEmail("email"), Role: i.RequiredEnum("role", Roles)))
            .ToList();
        var taken = invitations.Select(i => i.Email)
            .FirstOrDefault(email => org.Members.Any(m => Same(m.Email, email)) || org.Invitations.Any(i => Same(i.Email, email))
                || invitations.Count(i => Same(i.Email, email)) > 1);
        if (taken is not null)
        {
            throw ApiError.Conflict($"{taken} is already a member of organization {org.Id} or invited to it");
        }

        var ids = context.State.Ids;
        var created = invitations.Select(i => new InvitationModel(ids.Uuid(), i.Email, org.Id, i.Role, context.Now)).ToList();
        org.Invitations.AddRange(created);
        org.Members.AddRange(created.Select(i => new MemberModel(ids.Uuid(), ids.Uuid(), i.Email, i.Role, context.Now)));
        return ApiResult.Ok(new JsonObject { ["invitations"] = Json.Array(created.Select(i => i.ToJson())) });
    }

    private static ApiResult SpendingLimit(OrganizationModel org) =>
        ApiResult.Ok(new JsonObject { ["spending_limit_cents"] = org.SpendingLimitCents });

    private static ApiResult SetSpendingLimit(RequestContext context)
    {
        var org = Org(context);
        org.SpendingLimitCents = context.Body().OptionalInteger("spending_limit_cents", 1)
            ?? throw ApiError.BadRequest("missing required field 'spending_limit_cents'");
        return SpendingLimit(org);
    }

    /// <summary>Idempotent, as Neon documents: removing an unset limit succeeds too.</summary>
    private static ApiResult DeleteSpendingLimit(RequestContext context)
    {
        Org(context).SpendingLimitCents = null;
        return ApiResult.Ok(new JsonObject());
    }

    private static MemberModel Member(RequestContext context, OrganizationModel org) =>
        Lookup.ByUuid(context, "member_id", org.Members, m => m.Id, "member", $"organization {org.Id}");

    private static void RequireAnotherAdmin(OrganizationModel org, MemberModel member, string change)
    {
        if (member.Role == "admin" && !org.Members.Any(m => m != member && m.Role == "admin"))
        {
            throw ApiError.Conflict($"member {member.Id} is the last admin of organization {org.Id} and cannot be {change}");
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
