using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>The current user: who it is, its organizations, how the request authenticated, and the legacy project transfer.</summary>
internal static class UsersApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("getCurrentUserInfo", "GET /users/me", Me);
        handlers.Add("getCurrentUserOrganizations", "GET /users/me/organizations", Organizations);
        handlers.Add("getAuthDetails", "GET /auth", AuthDetails);
        handlers.AddUnlocked("transferProjectsFromUserToOrg", "POST /users/me/projects/transfer", context => OrganizationsApi.TransferProjects(context, sourceOrgId: null));
    }

    private static ApiResult Me(RequestContext context) => ApiResult.Ok(new JsonObject
    {
        ["active_seconds_limit"] = 0,
        ["billing_account"] = new JsonObject
        {
            ["state"] = "active",
            ["payment_source"] = new JsonObject { ["type"] = "none" },
            ["subscription_type"] = "scale_v3",
            ["payment_method"] = "none",
            ["quota_reset_at_last"] = Formats.Time(AccountState.SeededAt),
            ["name"] = $"{AccountState.UserFirstName} {AccountState.UserLastName}",
            ["email"] = AccountState.UserEmail,
            ["address_city"] = string.Empty,
            ["address_country"] = string.Empty,
            ["address_line1"] = string.Empty,
            ["address_line2"] = string.Empty,
            ["address_postal_code"] = string.Empty,
            ["address_state"] = string.Empty,
            ["plan_details"] = new JsonObject { ["name"] = "Scale" },
            ["spending_limit_cents"] = null,
        },
        ["auth_accounts"] = new JsonArray(new JsonObject
        {
            ["email"] = AccountState.UserEmail,
            ["image"] = string.Empty,
            ["login"] = "fake-user",
            ["name"] = AccountState.UserFirstName,
            ["provider"] = "keycloak",
        }),
        ["email"] = AccountState.UserEmail,
        ["id"] = AccountState.UserId,
        ["image"] = string.Empty,
        ["login"] = "fake-user",
        ["name"] = AccountState.UserFirstName,
        ["last_name"] = AccountState.UserLastName,
        ["projects_limit"] = 1000,
        ["branches_limit"] = 5000,
        ["max_autoscaling_limit"] = 16,
        ["compute_seconds_limit"] = 0,
        ["plan"] = "scale",
    });

    /// <summary>The user's organizations; with an organization key, only that organization (as Neon answers keys not tied to a user).</summary>
    private static ApiResult Organizations(RequestContext context)
    {
        var account = context.State.Account;
        var orgs = context.Credential?.OrgId is { } orgId ? [account.RequireOrganization(orgId)] : account.Organizations;
        return ApiResult.Ok(new JsonObject { ["organizations"] = Json.Array(orgs.Select(o => o.ToJson())) });
    }

    private static ApiResult AuthDetails(RequestContext context) => ApiResult.Ok(context.Credential?.OrgId is { } orgId
        ? new JsonObject { ["account_id"] = orgId, ["auth_method"] = "api_key_org" }
        : new JsonObject { ["account_id"] = AccountState.UserId, ["auth_method"] = "api_key_user" });
}
