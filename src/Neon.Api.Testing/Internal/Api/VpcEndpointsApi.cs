using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Private networking: VPC endpoints assigned to an organization per region, and the projects of that
/// organization restricted to them. An assigned endpoint is <c>new</c> for one operation duration, then
/// <c>accepted</c>. None of these starts an operation.
/// </summary>
internal static class VpcEndpointsApi
{
    private const string OrgRegion = "/organizations/{org_id}/vpc/region/{region_id}/vpc_endpoints";

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listOrganizationVPCEndpointsAllRegions", "GET /organizations/{org_id}/vpc/vpc_endpoints", ListAllRegions);
        handlers.Add("listOrganizationVPCEndpoints", $"GET {OrgRegion}", ListInRegion);
        handlers.Add("getOrganizationVPCEndpointDetails", $"GET {OrgRegion}/{{vpc_endpoint_id}}", Details);
        handlers.AddUnlocked("assignOrganizationVPCEndpoint", $"POST {OrgRegion}/{{vpc_endpoint_id}}", AssignToOrganization);
        handlers.AddUnlocked("deleteOrganizationVPCEndpoint", $"DELETE {OrgRegion}/{{vpc_endpoint_id}}", DeleteFromOrganization);
        handlers.Add("listProjectVPCEndpoints", "GET /projects/{project_id}/vpc_endpoints", ListRestrictions);
        handlers.AddUnlocked("assignProjectVPCEndpoint", "POST /projects/{project_id}/vpc_endpoints/{vpc_endpoint_id}", Restrict);
        handlers.AddUnlocked("deleteProjectVPCEndpoint", "DELETE /projects/{project_id}/vpc_endpoints/{vpc_endpoint_id}", Unrestrict);
    }

    private static ApiResult ListAllRegions(RequestContext context) => ApiResult.Ok(new JsonObject
    {
        ["endpoints"] = Json.Array(OrganizationsApi.Org(context).VpcEndpoints.Select(e =>
        {
            var json = e.ToJson();
            json["region_id"] = e.RegionId;
            return json;
        })),
    });

    private static ApiResult ListInRegion(RequestContext context)
    {
        var (org, region) = OrgAndRegion(context);
        return Endpoints(org.VpcEndpoints.Where(e => e.RegionId == region));
    }

    private static ApiResult Details(RequestContext context)
    {
        var (org, region) = OrgAndRegion(context);
        var endpoint = Assigned(org, region, context.Path("vpc_endpoint_id"));
        var restricted = RestrictedProjects(context, org, endpoint.Id).Select(p => p.Id).ToList();
        var json = endpoint.ToJson();
        json["state"] = context.Now - endpoint.AssignedAt < context.State.Options.OperationDuration ? "new" : "accepted";
        json["num_restricted_projects"] = restricted.Count;
        json["example_restricted_projects"] = Json.Array(restricted.Take(3).Select(id => JsonValue.Create(id)!));
        return ApiResult.Ok(json);
    }

    /// <summary>Assigns the endpoint or updates its label; an endpoint deleted from the organization cannot come back (409).</summary>
    private static ApiResult AssignToOrganization(RequestContext context)
    {
        var (org, region) = OrgAndRegion(context);
        var id = context.Path("vpc_endpoint_id");
        var label = context.Body().RequiredString("label", 0, 256);
        if (org.DeletedVpcEndpoints.Contains((region, id)))
        {
            throw ApiError.Conflict($"VPC endpoint {id} was deleted from organization {org.Id} and cannot be added back");
        }

        if (org.VpcEndpoints.FirstOrDefault(e => e.Id == id && e.RegionId == region) is { } existing)
        {
            existing.Label = label;
        }
        else
        {
            org.VpcEndpoints.Add(new VpcEndpointModel(id, region, label, context.Now));
        }

        return new ApiResult(HttpStatusCode.OK, null);
    }

    /// <summary>Deletes the endpoint from the organization and lifts the restrictions its projects had to it.</summary>
    private static ApiResult DeleteFromOrganization(RequestContext context)
    {
        var (org, region) = OrgAndRegion(context);
        var endpoint = Assigned(org, region, context.Path("vpc_endpoint_id"));
        org.VpcEndpoints.Remove(endpoint);
        org.DeletedVpcEndpoints.Add((region, endpoint.Id));
        foreach (var project in RestrictedProjects(context, org, endpoint.Id).ToList())
        {
            project.Access.VpcRestrictions.RemoveAll(r => r.Id == endpoint.Id);
        }

        return new ApiResult(HttpStatusCode.OK, null);
    }

    private static ApiResult ListRestrictions(RequestContext context) => Endpoints(context.Project().Access.VpcRestrictions);

    /// <summary>Restricts the project to an endpoint its organization has in the project's region (or updates the label).</summary>
    private static ApiResult Restrict(RequestContext context)
    {
        var project = context.Project();
        var id = context.Path("vpc_endpoint_id");
        var label = context.Body().RequiredString("label", 0, 256);
        var org = project.OrgId is { } orgId
            ? context.State.Account.RequireOrganization(orgId)
            : throw ApiError.BadRequest($"project {project.Id} belongs to no organization: VPC endpoint restrictions need one");
        var endpoint = Assigned(org, project.Region.Id, id);
        var restrictions = project.Access.VpcRestrictions;
        restrictions.RemoveAll(r => r.Id == id);
        restrictions.Add(new VpcEndpointModel(endpoint.Id, endpoint.RegionId, label, context.Now));
        return new ApiResult(HttpStatusCode.OK, null);
    }

    private static ApiResult Unrestrict(RequestContext context)
    {
        var project = context.Project();
        var id = context.Path("vpc_endpoint_id");
        return project.Access.VpcRestrictions.RemoveAll(r => r.Id == id) > 0
            ? new ApiResult(HttpStatusCode.OK, null)
            : throw ApiError.NotFound($"VPC endpoint restriction {id} not found in project {project.Id}");
    }

    private static ApiResult Endpoints(IEnumerable<VpcEndpointModel> endpoints) =>
        ApiResult.Ok(new JsonObject { ["endpoints"] = Json.Array(endpoints.Select(e => e.ToJson())) });

    private static (OrganizationModel Org, string Region) OrgAndRegion(RequestContext context)
    {
        var org = OrganizationsApi.Org(context);
        var region = context.Path("region_id");
        return Regions.Find(region) is null
            ? throw ApiError.NotFound($"region {region} not found (see GET /regions)")
            : (org, region);
    }

    private static VpcEndpointModel Assigned(OrganizationModel org, string region, string id) =>
        org.VpcEndpoints.FirstOrDefault(e => e.Id == id && e.RegionId == region)
        ?? throw ApiError.NotFound($"VPC endpoint {id} is not assigned to organization {org.Id} in region {region}");

    private static IEnumerable<ProjectModel> RestrictedProjects(RequestContext context, OrganizationModel org, string endpointId) =>
        context.State.AllProjects.Where(p => !p.IsDeleted && p.OrgId == org.Id && p.Access.VpcRestrictions.Any(r => r.Id == endpointId));
}
