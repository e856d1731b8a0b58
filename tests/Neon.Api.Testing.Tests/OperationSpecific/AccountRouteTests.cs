using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>
/// The account-level routes (users, organizations, project access, VPC endpoints, consumption), driven like
/// <see cref="ImplementedRouteTests"/>: every answer, errors included, validates against the spec's schema for its status.
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific(
    "getCurrentUserInfo", "getCurrentUserOrganizations", "getAuthDetails", "transferProjectsFromUserToOrg",
    "getOrganization", "getOrganizationMembers", "getOrganizationMember", "updateOrganizationMember", "removeOrganizationMember",
    "getOrganizationInvitations", "createOrganizationInvitations", "listOrgApiKeys", "createOrgApiKey", "revokeOrgApiKey",
    "getOrganizationSpendingLimit", "setOrganizationSpendingLimit", "deleteOrganizationSpendingLimit", "transferProjectsFromOrgToOrg",
    "listOrganizationVPCEndpointsAllRegions", "listOrganizationVPCEndpoints", "getOrganizationVPCEndpointDetails",
    "assignOrganizationVPCEndpoint", "deleteOrganizationVPCEndpoint", "listProjectVPCEndpoints", "assignProjectVPCEndpoint",
    "deleteProjectVPCEndpoint", "listSharedProjects", "listProjectPermissions", "grantPermissionToProject", "revokePermissionFromProject",
    "getAvailablePreloadLibraries", "createProjectTransferRequest", "acceptProjectTransferRequest", "getProjectJWKS", "addProjectJWKS",
    "deleteProjectJWKS", "getConsumptionHistoryPerProject", "getConsumptionHistoryPerProjectV2", "getConsumptionHistoryPerBranchV2")]
public sealed class AccountRouteTests : AccountTest
{
    /// <summary>The operations this fixture drives (those <see cref="ImplementedRouteTests"/> leaves to it): the ones its attribute names.</summary>
    internal static readonly IReadOnlyList<string> Operations = typeof(AccountRouteTests).GetCustomAttribute<OperationSpecificAttribute>()!.OperationIds;

    public AccountRouteTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task Every_account_route_answers_with_bodies_the_spec_allows()
    {
        // users
        await Api.ExpectAsync(200, "getCurrentUserInfo", "users/me");
        var orgs = await Api.ExpectAsync(200, "getCurrentUserOrganizations", "users/me/organizations");
        await Api.ExpectAsync(200, "getAuthDetails", "auth");
        var org = Ids(orgs, "organizations").Single();
        var other = Neon.AddOrganization("Second");
        var o = $"organizations/{org}";

        // organizations: details, members, invitations, spending limit
        await Api.ExpectAsync(200, "getOrganization", o);
        await Api.ExpectAsync(404, "getOrganization", "organizations/org-unknown-00000000");
        await Api.ExpectAsync(200, "createOrganizationInvitations", $"{o}/invitations", Invitations(("ann@example.com", "member"), ("bob@example.com", "admin")));
        await Api.ExpectAsync(409, "createOrganizationInvitations", $"{o}/invitations", Invitations(("ann@example.com", "member")));
        await Api.ExpectAsync(400, "createOrganizationInvitations", $"{o}/invitations", Invitations(("not-an-email", "member")));
        await Api.ExpectAsync(200, "getOrganizationInvitations", $"{o}/invitations");
        var members = await Api.ExpectAsync(200, "getOrganizationMembers", $"{o}/members?limit=1&sort_by=email&sort_order=asc");
        await Api.ExpectAsync(400, "getOrganizationMembers", $"{o}/members?sort_by=name");
        var member = (string)members["members"]![0]!["member"]!["id"]!;
        await Api.ExpectAsync(200, "getOrganizationMember", $"{o}/members/{member}");
        await Api.ExpectAsync(200, "updateOrganizationMember", $"{o}/members/{member}", new JsonObject { ["role"] = "admin" });
        await Api.ExpectAsync(400, "updateOrganizationMember", $"{o}/members/{member}", new JsonObject { ["role"] = "owner" });
        await Api.ExpectAsync(200, "removeOrganizationMember", $"{o}/members/{member}");
        await Api.ExpectAsync(404, "getOrganizationMember", $"{o}/members/{member}");
        await Api.ExpectAsync(200, "setOrganizationSpendingLimit", $"{o}/billing/spending_limit", new JsonObject { ["spending_limit_cents"] = 5000 });
        await Api.ExpectAsync(400, "setOrganizationSpendingLimit", $"{o}/billing/spending_limit", new JsonObject { ["spending_limit_cents"] = 0 });
        await Api.ExpectAsync(200, "getOrganizationSpendingLimit", $"{o}/billing/spending_limit");
        await Api.ExpectAsync(200, "deleteOrganizationSpendingLimit", $"{o}/billing/spending_limit");

        // organization API keys
        var projectId = await CreateProjectInAsync(org, "in-org");
        var p = $"projects/{projectId}";
        var key = await Api.ExpectAsync(200, "createOrgApiKey", $"{o}/api_keys", new JsonObject { ["key_name"] = "ci", ["project_id"] = projectId });
        await Api.ExpectAsync(200, "listOrgApiKeys", $"{o}/api_keys");
        await Api.ExpectAsync(200, "revokeOrgApiKey", $"{o}/api_keys/{(long)key["id"]!}");
        await Api.ExpectAsync(404, "revokeOrgApiKey", $"{o}/api_keys/{(long)key["id"]!}");

        // project access: shares, preload libraries, JWKS
        var permission = await Api.ExpectAsync(200, "grantPermissionToProject", $"{p}/permissions", new JsonObject { ["email"] = "fake.user@example.com" });
        await Api.ExpectAsync(409, "grantPermissionToProject", $"{p}/permissions", new JsonObject { ["email"] = "fake.user@example.com" });
        await Api.ExpectAsync(200, "listProjectPermissions", $"{p}/permissions");
        await Api.ExpectAsync(200, "listSharedProjects", "projects/shared?limit=5&search=org");
        await Api.ExpectAsync(200, "revokePermissionFromProject", $"{p}/permissions/{(string)permission["id"]!}");
        await Api.ExpectAsync(200, "getAvailablePreloadLibraries", $"{p}/available_preload_libraries");
        var jwks = await Api.ExpectAsync(201, "addProjectJWKS", $"{p}/jwks", new JsonObject
        {
            ["jwks_url"] = "https://auth.example.com/.well-known/jwks.json",
            ["provider_name"] = "clerk",
            ["jwt_audience"] = "api",
        });
        FinishOperations();
        await Api.ExpectAsync(400, "addProjectJWKS", $"{p}/jwks", new JsonObject { ["jwks_url"] = "http://insecure", ["provider_name"] = "x" });
        await Api.ExpectAsync(200, "getProjectJWKS", $"{p}/jwks");
        await Api.ExpectAsync(200, "deleteProjectJWKS", $"{p}/jwks/{(string)jwks["jwks"]!["id"]!}");

        // VPC endpoints: the organization's, then a project's restriction to one
        var region = $"{o}/vpc/region/aws-us-east-2/vpc_endpoints";
        await Api.ExpectAsync(200, "assignOrganizationVPCEndpoint", $"{region}/vpce-0123456789abcdef0", new JsonObject { ["label"] = "prod" });
        await Api.ExpectAsync(200, "listOrganizationVPCEndpoints", region);
        await Api.ExpectAsync(200, "listOrganizationVPCEndpointsAllRegions", $"{o}/vpc/vpc_endpoints");
        await Api.ExpectAsync(200, "assignProjectVPCEndpoint", $"{p}/vpc_endpoints/vpce-0123456789abcdef0", new JsonObject { ["label"] = "prod" });
        await Api.ExpectAsync(404, "assignProjectVPCEndpoint", $"{p}/vpc_endpoints/vpce-unknown", new JsonObject { ["label"] = "x" });
        await Api.ExpectAsync(200, "listProjectVPCEndpoints", $"{p}/vpc_endpoints");
        await Api.ExpectAsync(200, "getOrganizationVPCEndpointDetails", $"{region}/vpce-0123456789abcdef0");
        await Api.ExpectAsync(200, "deleteProjectVPCEndpoint", $"{p}/vpc_endpoints/vpce-0123456789abcdef0");
        await Api.ExpectAsync(200, "deleteOrganizationVPCEndpoint", $"{region}/vpce-0123456789abcdef0");
        await Api.ExpectAsync(409, "assignOrganizationVPCEndpoint", $"{region}/vpce-0123456789abcdef0", new JsonObject { ["label"] = "again" });

        // consumption, an hour after the project was created
        Clock.Advance(System.TimeSpan.FromHours(1));
        var range = "from=2025-12-31T23:00:00Z&to=2026-01-01T02:00:00Z&granularity=hourly";
        await Api.ExpectAsync(200, "getConsumptionHistoryPerProject", $"consumption_history/projects?{range}&org_id={org}&metrics=logical_size_bytes");
        await Api.ExpectAsync(406, "getConsumptionHistoryPerProject", "consumption_history/projects?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z&granularity=monthly");
        await Api.ExpectAsync(200, "getConsumptionHistoryPerProjectV2", $"consumption_history/v2/projects?{range}&org_id={org}&metrics=compute_unit_seconds,root_branch_bytes_month");
        await Api.ExpectAsync(400, "getConsumptionHistoryPerProjectV2", $"consumption_history/v2/projects?{range}&org_id={org}");
        await Api.ExpectAsync(200, "getConsumptionHistoryPerBranchV2", $"consumption_history/v2/branches?{range}&org_id={org}&project_ids={projectId}&metrics=compute_unit_seconds&limit=1");
        await Api.ExpectAsync(400, "getConsumptionHistoryPerBranchV2", $"consumption_history/v2/branches?{range}&org_id={org}&project_ids={projectId}&metrics=extra_branches_month");

        // transfers: between organizations, from the personal account, by request
        await Api.ExpectAsync(200, "transferProjectsFromOrgToOrg", $"{o}/projects/transfer", Transfer(other, projectId));
        await Api.ExpectAsync(404, "transferProjectsFromOrgToOrg", $"{o}/projects/transfer", Transfer(other, projectId));
        var personal = await CreateProjectInAsync(null, "personal");
        await Api.ExpectAsync(200, "transferProjectsFromUserToOrg", "users/me/projects/transfer", Transfer(org, personal));
        var request = await Api.ExpectAsync(201, "createProjectTransferRequest", $"projects/{personal}/transfer_requests", new JsonObject { ["ttl_seconds"] = 600 });
        await Api.ExpectAsync(204, "acceptProjectTransferRequest", $"projects/{personal}/transfer_requests/{(string)request["id"]!}", new JsonObject { ["org_id"] = other });
        await Api.ExpectAsync(409, "acceptProjectTransferRequest", $"projects/{personal}/transfer_requests/{(string)request["id"]!}", new JsonObject());

        Assert.That(Api.CoveredHere, Is.SupersetOf(Operations));
    }
}
