using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Compute endpoints: create, list, get, update, delete, start, suspend, restart.</summary>
internal static class EndpointsApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("createProjectEndpoint", "POST /projects/{project_id}/endpoints", Create);
        handlers.Add("listProjectEndpoints", "GET /projects/{project_id}/endpoints", List);
        handlers.Add("getProjectEndpoint", "GET /projects/{project_id}/endpoints/{endpoint_id}", Get);
        handlers.Add("updateProjectEndpoint", "PATCH /projects/{project_id}/endpoints/{endpoint_id}", Update);
        handlers.Add("deleteProjectEndpoint", "DELETE /projects/{project_id}/endpoints/{endpoint_id}", Delete);
        handlers.Add("startProjectEndpoint", "POST /projects/{project_id}/endpoints/{endpoint_id}/start", Start);
        handlers.Add("suspendProjectEndpoint", "POST /projects/{project_id}/endpoints/{endpoint_id}/suspend", Suspend);
        handlers.Add("restartProjectEndpoint", "POST /projects/{project_id}/endpoints/{endpoint_id}/restart", Restart);
    }

    private static ApiResult Create(RequestContext context)
    {
        var project = context.Project();
        var body = context.Body().RequiredObject("endpoint");
        var branch = EmulatorState.RequireBranch(project, body.RequiredString("branch_id"));
        var type = body.OptionalEnum("type", Provisioning.ReadWrite, Provisioning.ReadOnly) ?? body.RequiredString("type");
        var regionId = body.OptionalString("region_id");
        if (regionId is not null && regionId != project.Region.Id)
        {
            throw ApiError.BadRequest($"region_id '{regionId}' differs from the project's region '{project.Region.Id}'");
        }

        var compute = Provisioning.ComputeSettings.Read(body);
        var options = ReadOptions(body);
        var (endpoint, operation) = Provisioning.CreateEndpoint(
            context.State, project, branch, type, compute, options.Disabled ?? false, context.Now);
        options.ApplyTo(endpoint);
        return ApiResult.Created(Json.WithOperations(
            "endpoint", endpoint.ToJson(context.Now), operation is null ? [] : [operation], context.Now));
    }

    private static ApiResult List(RequestContext context) =>
        ApiResult.Ok(new JsonObject
        {
            ["endpoints"] = Json.Array(context.Project().Endpoints.Select(e => e.ToJson(context.Now))),
        });

    private static ApiResult Get(RequestContext context)
    {
        var (_, endpoint) = Find(context);
        return ApiResult.Ok(new JsonObject { ["endpoint"] = endpoint.ToJson(context.Now) });
    }

    private static ApiResult Update(RequestContext context)
    {
        var (project, endpoint) = Find(context);
        var body = context.Body().RequiredObject("endpoint");
        var branchId = body.OptionalString("branch_id");
        var compute = Provisioning.ComputeSettings.Read(body);
        var options = ReadOptions(body);
        if (branchId is not null && branchId != endpoint.BranchId)
        {
            var branch = EmulatorState.RequireBranch(project, branchId);
            if (endpoint.Type == Provisioning.ReadWrite)
            {
                Provisioning.RequireNoReadWriteEndpoint(project, branch);
            }

            endpoint.BranchId = branch.Id;
        }

        compute.ApplyTo(endpoint);
        options.ApplyTo(endpoint);
        endpoint.UpdatedAt = context.Now;
        var operations = new List<OperationModel>();
        if (endpoint.State.Current(context.Now) != EndpointModel.Idle)
        {
            operations.Add(context.State.StartOperation(project, "apply_config", context.Now, endpoint.BranchId, endpoint.Id));
        }

        return ApiResult.Ok(Json.WithOperations("endpoint", endpoint.ToJson(context.Now), operations, context.Now));
    }

    private static ApiResult Delete(RequestContext context)
    {
        var (project, endpoint) = Find(context);
        var operations = new List<OperationModel>();
        if (endpoint.State.Current(context.Now) != EndpointModel.Idle)
        {
            operations.Add(context.State.StartOperation(project, "suspend_compute", context.Now, endpoint.BranchId, endpoint.Id));
        }

        project.Endpoints.Remove(endpoint);
        endpoint.UpdatedAt = context.Now;
        return ApiResult.Ok(Json.WithOperations("endpoint", endpoint.ToJson(context.Now), operations, context.Now));
    }

    private static ApiResult Start(RequestContext context) =>
        Transition(context, ["start_compute"], EndpointModel.Active, interim: null);

    private static ApiResult Suspend(RequestContext context) =>
        Transition(context, ["suspend_compute"], EndpointModel.Idle, interim: null);

    private static ApiResult Restart(RequestContext context) =>
        Transition(context, ["suspend_compute", "start_compute"], EndpointModel.Active, interim: "init");

    /// <summary>Starts the operations of a state change; the endpoint reaches the target state when the last one finishes.</summary>
    private static ApiResult Transition(RequestContext context, string[] actions, string target, string? interim)
    {
        var (project, endpoint) = Find(context);
        if (endpoint.Disabled && target == EndpointModel.Active)
        {
            throw ApiError.Conflict($"endpoint {endpoint.Id} is disabled");
        }

        var operations = actions
            .Select(action => context.State.StartOperation(project, action, context.Now, endpoint.BranchId, endpoint.Id))
            .ToList();
        endpoint.State.MoveTo(target, operations[^1], context.Now, interim);
        endpoint.UpdatedAt = context.Now;
        return ApiResult.Ok(Json.WithOperations("endpoint", endpoint.ToJson(context.Now), operations, context.Now));
    }

    private static (ProjectModel Project, EndpointModel Endpoint) Find(RequestContext context)
    {
        var project = context.Project();
        return (project, EmulatorState.RequireEndpoint(project, context.Path("endpoint_id")));
    }

    private static EndpointOptions ReadOptions(BodyObject body) => new(
        body.OptionalBool("pooler_enabled"),
        body.OptionalEnum("pooler_mode", "transaction"),
        body.OptionalBool("disabled"),
        body.OptionalBool("passwordless_access"),
        body.OptionalString("name"));

    /// <summary>The non-compute fields of endpoint create and update requests.</summary>
    private sealed record EndpointOptions(bool? PoolerEnabled, string? PoolerMode, bool? Disabled, bool? PasswordlessAccess, string? Name)
    {
        public void ApplyTo(EndpointModel endpoint)
        {
            endpoint.PoolerEnabled = PoolerEnabled ?? endpoint.PoolerEnabled;
            endpoint.Disabled = Disabled ?? endpoint.Disabled;
            endpoint.PasswordlessAccess = PasswordlessAccess ?? endpoint.PasswordlessAccess;
            endpoint.Name = Name ?? endpoint.Name;
        }
    }
}
