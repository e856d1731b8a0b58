using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Projects: create, get, list, update, delete, recover, and the connection URI.</summary>
internal static class ProjectsApi
{
    private const string DefaultDatabase = "neondb";

    private static readonly TimeSpan RecoveryWindow = TimeSpan.FromDays(7);

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("createProject", "POST /projects", Create);
        handlers.Add("getProject", "GET /projects/{project_id}", Get);
        handlers.Add("listProjects", "GET /projects", List);
        handlers.Add("updateProject", "PATCH /projects/{project_id}", Update);
        handlers.Add("deleteProject", "DELETE /projects/{project_id}", Delete);
        handlers.Add("recoverProject", "POST /projects/{project_id}/recover", Recover);
        handlers.Add("getConnectionURI", "GET /projects/{project_id}/connection_uri", ConnectionUri);
    }

    private static ApiResult Create(RequestContext context)
    {
        var state = context.State;
        var now = context.Now;
        var body = context.Body().RequiredObject("project");
        var regionId = body.OptionalString("region_id") ?? Regions.DefaultRegionId;
        var region = Regions.Find(regionId)
            ?? throw ApiError.BadRequest($"region_id '{regionId}' is not a supported region (see GET /regions)");
        var pgVersion = (int)(body.OptionalInteger("pg_version", 14, 18) ?? 17);
        var branchBody = body.OptionalObject("branch");
        var databaseName = branchBody?.OptionalString("database_name", 1, 63) ?? DefaultDatabase;
        var roleName = branchBody?.OptionalString("role_name", 1, 63) ?? $"{databaseName}_owner";
        var branchName = branchBody?.OptionalString("name", 1, 256) ?? "main";
        var annotations = branchBody?.OptionalStringMap("annotations");
        var defaultEndpointSettings = body.OptionalRawObject("default_endpoint_settings");
        if (body.OptionalObject("default_endpoint_settings") is { } defaults)
        {
            Provisioning.ComputeSettings.Read(defaults); // validates the compute limits
        }

        var legacyMin = body.OptionalNumber("autoscaling_limit_min_cu", 0.25);
        var legacyMax = body.OptionalNumber("autoscaling_limit_max_cu", 0.25);
        var id = state.Ids.ProjectId();
        var project = new ProjectModel
        {
            Id = id,
            Name = body.OptionalString("name", 1, 256) ?? id,
            Region = region,
            PgVersion = pgVersion,
            OrgId = body.OptionalString("org_id", 1, 60) is { } orgId ? state.Account.RequireOrganization(orgId).Id : null,
            StorePasswords = body.OptionalBool("store_passwords") ?? true,
            HistoryRetentionSeconds = (int)(body.OptionalInteger("history_retention_seconds", 0, 2592000) ?? 86400),
            Provisioner = body.OptionalString("provisioner") ?? "k8s-neonvm",
            Settings = body.OptionalRawObject("settings"),
            DefaultEndpointSettings = defaultEndpointSettings,
            CreatedAt = now,
            UpdatedAt = now,
            Sequence = state.NextSequence(),
        };

        var (branch, branchOperation) = Provisioning.CreateBranch(state, project, branchName, "create_timeline", now);
        branch.IsDefault = true;
        foreach (var pair in annotations ?? new())
        {
            branch.Annotations[pair.Key] = pair.Value;
        }

        var role = Provisioning.CreateRole(state, branch, roleName, noLogin: false, now);
        var database = Provisioning.CreateDatabase(state, branch, databaseName, role.Name, now);
        var compute = new Provisioning.ComputeSettings(legacyMin, legacyMax, null, null, null);
        var (endpoint, endpointOperation) = Provisioning.CreateEndpoint(
            state, project, branch, Provisioning.ReadWrite, compute, disabled: false, now);
        state.Add(project);

        var response = new JsonObject
        {
            ["project"] = project.ToJson(),
            ["connection_uris"] = Json.Array([Provisioning.ConnectionDetails(endpoint, role, database)]),
            ["roles"] = Json.Array([role.ToJson(withPassword: true)]),
            ["databases"] = Json.Array([database.ToJson()]),
            ["operations"] = Json.Operations([branchOperation, endpointOperation!], now),
            ["branch"] = branch.ToJson(now),
            ["endpoints"] = Json.Array([endpoint.ToJson(now)]),
        };
        return ApiResult.Created(response);
    }

    private static ApiResult Get(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["project"] = context.Project().ToJson() });

    private static ApiResult List(RequestContext context)
    {
        var recoverable = context.Query.Boolean("recoverable", defaultValue: false);
        var orgId = context.Query.String("org_id");
        var now = context.Now;
        var projects = context.State.AllProjects
            .Where(p => recoverable ? p.IsDeleted && p.DeletedAt + RecoveryWindow > now : !p.IsDeleted)
            .Where(p => orgId is null || p.OrgId == orgId);
        var response = Page(context, projects);
        response["applications"] = new JsonObject();
        response["integrations"] = new JsonObject();
        return ApiResult.Ok(response);
    }

    /// <summary>
    /// A page of <c>ProjectListItem</c>s with <c>pagination: { cursor }</c> (listProjects, listSharedProjects):
    /// reads <c>limit</c> (1-400, default 10), <c>timeout</c>, <c>search</c> (name or id) and <c>cursor</c>.
    /// The projects of <see cref="FakeNeonOptions.UnavailableProjectIds"/> on the page are left out of <c>projects</c> and
    /// named in <c>unavailable_project_ids</c>, as Neon answers when their details do not arrive within the timeout.
    /// </summary>
    public static JsonObject Page(RequestContext context, IEnumerable<ProjectModel> projects)
    {
        var query = context.Query;
        var limit = query.Integer("limit", 1, 400) ?? 10;
        query.Integer("timeout", 100, 30000);
        var search = query.String("search");
        var matching = projects.Where(p => search is null
            || p.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
            || p.Id.Contains(search, StringComparison.OrdinalIgnoreCase));
        var (page, pagination) = Paging.ByCursor(
            matching,
            query.String("cursor"),
            limit,
            p => p.Id,
            cursor => context.State.FindAnyProject(cursor)?.Sequence,
            p => p.Sequence);

        var unavailable = context.State.Options.UnavailableProjectIds;
        var response = new JsonObject
        {
            ["projects"] = Json.Array(page.Where(p => !unavailable.Contains(p.Id)).Select(p => p.ToListItemJson())),
            ["unavailable_project_ids"] = Json.Array(page.Where(p => unavailable.Contains(p.Id)).Select(p => JsonValue.Create(p.Id))),
        };
        if (pagination is not null)
        {
            response["pagination"] = pagination;
        }

        return response;
    }

    private static ApiResult Update(RequestContext context)
    {
        var project = context.Project();
        var body = context.Body().RequiredObject("project");
        var name = body.OptionalString("name", 1, 256);
        var retention = body.OptionalInteger("history_retention_seconds", 0, 2592000);
        var settings = body.OptionalRawObject("settings");
        if (body.OptionalObject("default_endpoint_settings") is { } defaults)
        {
            Provisioning.ComputeSettings.Read(defaults);
        }

        var defaultEndpointSettings = body.OptionalRawObject("default_endpoint_settings");
        project.Name = name ?? project.Name;
        project.HistoryRetentionSeconds = (int)(retention ?? project.HistoryRetentionSeconds);
        project.Settings = settings ?? project.Settings;
        project.DefaultEndpointSettings = defaultEndpointSettings ?? project.DefaultEndpointSettings;
        project.UpdatedAt = context.Now;
        return ApiResult.Ok(Json.WithOperations("project", project.ToJson(), [], context.Now));
    }

    private static ApiResult Delete(RequestContext context)
    {
        var project = context.Project();
        project.DeletedAt = context.Now;
        return ApiResult.Ok(new JsonObject { ["project"] = project.ToJson() });
    }

    private static ApiResult Recover(RequestContext context)
    {
        var id = context.Path("project_id");
        var project = context.State.FindAnyProject(id);
        if (project is null || (project.IsDeleted && project.DeletedAt + RecoveryWindow <= context.Now))
        {
            throw ApiError.NotFound($"project {id} not found");
        }

        if (!project.IsDeleted)
        {
            throw ApiError.Conflict($"project {id} is not deleted");
        }

        project.DeletedAt = null;
        project.UpdatedAt = context.Now;
        return ApiResult.Ok(new JsonObject
        {
            ["project"] = project.ToJson(),
            ["branches"] = Json.Array(project.Branches.Select(b => b.ToJson(context.Now))),
        });
    }

    private static ApiResult ConnectionUri(RequestContext context)
    {
        var project = context.Project();
        var query = context.Query;
        var branch = query.String("branch_id") is { } branchId
            ? EmulatorState.RequireBranch(project, branchId)
            : project.DefaultBranch;
        var databaseName = query.RequiredString("database_name");
        var roleName = query.RequiredString("role_name");
        var pooled = query.Boolean("pooled", defaultValue: false);
        var endpoint = query.String("endpoint_id") is { } endpointId
            ? EmulatorState.RequireEndpoint(project, endpointId)
            : project.Endpoints.FirstOrDefault(e => e.BranchId == branch.Id && e.Type == Provisioning.ReadWrite)
                ?? throw ApiError.NotFound($"branch {branch.Id} has no read_write endpoint");
        var database = EmulatorState.RequireDatabase(branch, databaseName);
        var role = EmulatorState.RequireRole(branch, roleName);
        if (role.Password is null)
        {
            throw ApiError.BadRequest($"role \"{role.Name}\" cannot log in (created with no_login)");
        }

        return ApiResult.Ok(new JsonObject
        {
            ["uri"] = Provisioning.ConnectionUri(endpoint, role, database.Name, pooled),
        });
    }
}
