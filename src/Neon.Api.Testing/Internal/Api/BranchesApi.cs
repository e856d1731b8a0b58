using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Branches: create from a parent, get, list, count, update, delete, set as default, restore.</summary>
internal static class BranchesApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("createProjectBranch", "POST /projects/{project_id}/branches", Create);
        handlers.Add("listProjectBranches", "GET /projects/{project_id}/branches", List);
        handlers.Add("countProjectBranches", "GET /projects/{project_id}/branches/count", Count);
        handlers.Add("getProjectBranch", "GET /projects/{project_id}/branches/{branch_id}", Get);
        handlers.Add("updateProjectBranch", "PATCH /projects/{project_id}/branches/{branch_id}", Update);
        handlers.Add("deleteProjectBranch", "DELETE /projects/{project_id}/branches/{branch_id}", Delete);
        handlers.Add("setDefaultProjectBranch", "POST /projects/{project_id}/branches/{branch_id}/set_as_default", SetDefault);
        handlers.Add("restoreProjectBranch", "POST /projects/{project_id}/branches/{branch_id}/restore", Restore);
        handlers.Add("listProjectBranchEndpoints", "GET /projects/{project_id}/branches/{branch_id}/endpoints", ListEndpoints);
        handlers.AddUnlocked("recoverProjectBranch", "POST /projects/{project_id}/branches/{branch_id}/recover", Recover);
    }

    private static ApiResult Create(RequestContext context)
    {
        var body = context.Body(required: false);
        return ApiResult.Created(Create(context, body, body.OptionalStringMap("annotation_value")).Response);
    }

    /// <summary>
    /// Creates a branch as <c>createProjectBranch</c> does, from a <c>BranchCreateRequest</c> (<c>branch</c> and
    /// <c>endpoints</c>); answers the <c>CreatedBranch</c> body, the branch and the operations started.
    /// </summary>
    internal static (JsonObject Response, BranchModel Branch, List<OperationModel> Operations) Create(
        RequestContext context, BodyObject body, Dictionary<string, string>? annotations)
    {
        var state = context.State;
        var now = context.Now;
        var project = context.Project();
        var branchBody = body.OptionalObject("branch");
        var parentId = branchBody?.OptionalString("parent_id");
        var parent = string.IsNullOrEmpty(parentId) ? project.DefaultBranch : EmulatorState.RequireBranch(project, parentId);
        var name = branchBody?.OptionalString("name", 1, 256);
        var parentLsn = branchBody?.OptionalString("parent_lsn");
        var parentTimestamp = branchBody?.OptionalDateTime("parent_timestamp");
        var isProtected = branchBody?.OptionalBool("protected") ?? false;
        var initSource = branchBody?.OptionalEnum("init_source", "parent-data", "schema-only") ?? "parent-data";
        var expiresAt = branchBody?.OptionalDateTime("expires_at");
        branchBody?.OptionalBool("archived");
        var endpointRequests = body.OptionalObjectArray("endpoints")
            .Select(e => (Type: RequiredEndpointType(e), Compute: Provisioning.ComputeSettings.Read(e)))
            .ToList();
        if (endpointRequests.Count(e => e.Type == Provisioning.ReadWrite) > 1)
        {
            throw ApiError.BadRequest("a branch can have only one read_write endpoint");
        }

        var (branch, branchOperation) = Provisioning.CreateBranch(state, project, name, "create_branch", now, initSource);
        branch.ParentId = parent.Id;
        branch.ParentLsn = parentLsn ?? parent.Lsn(now);
        branch.ParentTimestamp = parentTimestamp ?? now;
        branch.Protected = isProtected;
        branch.ExpiresAt = expiresAt;
        foreach (var pair in annotations ?? new())
        {
            branch.Annotations[pair.Key] = pair.Value;
        }

        Provisioning.CopyData(state, parent, branch, now);
        var operations = new List<OperationModel> { branchOperation };
        var endpoints = new List<EndpointModel>();
        foreach (var (type, compute) in endpointRequests)
        {
            var (endpoint, operation) = Provisioning.CreateEndpoint(state, project, branch, type, compute, disabled: false, now);
            endpoints.Add(endpoint);
            operations.Add(operation!);
        }

        var response = new JsonObject
        {
            ["branch"] = branch.ToJson(now),
            ["endpoints"] = Json.Array(endpoints.Select(e => e.ToJson(now))),
            ["operations"] = Json.Operations(operations, now),
            ["roles"] = Json.Array(branch.Roles.Select(r => r.ToJson(withPassword: false))),
            ["databases"] = Json.Array(branch.Databases.Select(d => d.ToJson())),
        };
        if (endpoints.Count > 0)
        {
            response["connection_uris"] = Provisioning.ConnectionUris(endpoints[0], branch);
        }

        return (response, branch, operations);
    }

    private static string RequiredEndpointType(BodyObject endpoint)
    {
        var type = endpoint.OptionalEnum("type", Provisioning.ReadWrite, Provisioning.ReadOnly);
        return type ?? endpoint.RequiredString("type");
    }

    private static ApiResult List(RequestContext context)
    {
        var project = context.Project();
        var query = context.Query;
        var sortBy = query.Enum("sort_by", "updated_at", "name", "created_at", "updated_at");
        var sortOrder = query.Enum("sort_order", "desc", "asc", "desc");
        var limit = query.Integer("limit", 1, 10000);
        var deleted = query.Boolean("include_deleted", defaultValue: false)
            ? project.Features.Recoverable(context.Now).ToDictionary(d => d.Branch)
            : [];
        var (page, pagination) = Paging.BySortKey(
            Search(project.Branches.Concat(deleted.Keys), query.String("search")),
            sortBy,
            descending: sortOrder == "desc",
            query.String("cursor"),
            limit,
            b => SortKey(b, sortBy),
            b => b.Id);

        var annotations = new JsonObject();
        foreach (var branch in page.Where(b => b.Annotations.Count > 0))
        {
            annotations[branch.Id] = branch.AnnotationJson();
        }

        return ApiResult.Ok(new JsonObject
        {
            ["branches"] = Json.Array(page.Select(b => WithRecovery(b.ToJson(context.Now), deleted.GetValueOrDefault(b)))),
            ["annotations"] = annotations,
            ["pagination"] = pagination,
        });
    }

    private static JsonObject WithRecovery(JsonObject branch, DeletedBranch? deleted)
    {
        if (deleted is not null)
        {
            branch["recovery"] = deleted.RecoveryJson();
        }

        return branch;
    }

    private static string SortKey(BranchModel branch, string sortBy) => sortBy switch
    {
        "name" => branch.Name,
        "created_at" => Sortable(branch.CreatedAt, branch.Sequence),
        _ => Sortable(branch.UpdatedAt, branch.Sequence),
    };

    private static string Sortable(DateTimeOffset time, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.UtcTicks:D20}.{sequence:D20}");

    private static IEnumerable<BranchModel> Search(IEnumerable<BranchModel> branches, string? search) =>
        branches.Where(b => search is null
            || b.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
            || b.Id.Contains(search, StringComparison.OrdinalIgnoreCase));

    private static ApiResult Count(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["count"] = Search(context.Project().Branches, context.Query.String("search")).Count() });

    private static ApiResult Get(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject
        {
            ["branch"] = branch.ToJson(context.Now),
            ["annotation"] = branch.AnnotationJson(),
        });
    }

    private static ApiResult Update(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var body = context.Body().RequiredObject("branch");
        var name = body.OptionalString("name", 1, 256);
        var isProtected = body.OptionalBool("protected");
        var expiresAt = body.OptionalDateTime("expires_at");
        if (name is not null)
        {
            Provisioning.RequireUniqueBranchName(project, name, branch);
            branch.Name = name;
        }

        branch.Protected = isProtected ?? branch.Protected;
        branch.ExpiresAt = expiresAt ?? branch.ExpiresAt;
        branch.UpdatedAt = context.Now;
        return ApiResult.Ok(Json.WithOperations("branch", branch.ToJson(context.Now), [], context.Now));
    }

    private static ApiResult Delete(RequestContext context)
    {
        var project = context.Project();
        var branchId = context.Path("branch_id");
        var hardDelete = context.Query.Boolean("hard_delete", defaultValue: false);
        if (project.Features.Recoverable(context.Now).Find(d => d.Branch.Id == branchId) is { } alreadyDeleted)
        {
            // As the spec documents: 204 for a branch that has already been deleted; a hard delete ends its recovery window.
            if (hardDelete)
            {
                project.Features.DeletedBranches.Remove(alreadyDeleted);
            }

            return ApiResult.NoContent();
        }

        var branch = context.Branch(project);
        if (branch.IsDefault)
        {
            throw ApiError.Conflict($"branch {branch.Id} is the project's default branch and cannot be deleted");
        }

        if (project.Branches.Any(b => b.ParentId == branch.Id))
        {
            throw ApiError.Conflict($"branch {branch.Id} has child branches and cannot be deleted");
        }

        var now = context.Now;
        var operations = new List<OperationModel>();
        var endpoints = project.Endpoints.Where(e => e.BranchId == branch.Id).ToArray();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.State.Current(now) != EndpointModel.Idle)
            {
                var suspend = context.State.StartOperation(project, "suspend_compute", now, branch.Id, endpoint.Id);
                endpoint.State.MoveTo(EndpointModel.Idle, suspend, now);
                operations.Add(suspend);
            }

            project.Endpoints.Remove(endpoint);
        }

        operations.Add(context.State.StartOperation(project, "delete_timeline", now, branch.Id));
        project.Branches.Remove(branch);
        if (!hardDelete)
        {
            project.Features.DeletedBranches.Add(new DeletedBranch(branch, endpoints, now));
        }

        branch.UpdatedAt = now;
        return ApiResult.Ok(Json.WithOperations("branch", branch.ToJson(now), operations, now));
    }

    private static ApiResult Recover(RequestContext context)
    {
        var project = context.Project();
        var branchId = context.Path("branch_id");
        var now = context.Now;
        var deleted = project.Features.Recoverable(now).Find(d => d.Branch.Id == branchId)
            ?? throw ApiError.NotFound(project.Branches.Any(b => b.Id == branchId)
                ? $"branch {branchId} is not deleted"
                : $"branch {branchId} not found among the deleted branches that can be recovered");
        var branch = deleted.Branch;
        Provisioning.RequireUniqueBranchName(project, branch.Name, null);
        if (branch.ParentId is { } parentId && project.Branches.All(b => b.Id != parentId))
        {
            throw ApiError.Conflict($"the parent branch {parentId} of branch {branchId} is deleted: recover it first");
        }

        project.Features.DeletedBranches.Remove(deleted);
        branch.ExpiresAt = null;
        branch.UpdatedAt = now;
        project.Branches.Add(branch);
        foreach (var endpoint in deleted.Endpoints)
        {
            endpoint.State.MoveTo(EndpointModel.Idle, null, now);
            project.Endpoints.Add(endpoint);
        }

        return ApiResult.Ok(new JsonObject
        {
            ["branch"] = branch.ToJson(now),
            ["endpoints"] = Json.Array(deleted.Endpoints.Select(e => e.ToJson(now))),
        });
    }

    private static ApiResult SetDefault(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        foreach (var other in project.Branches)
        {
            other.IsDefault = other == branch;
        }

        branch.UpdatedAt = context.Now;
        return ApiResult.Ok(Json.WithOperations("branch", branch.ToJson(context.Now), [], context.Now));
    }

    private static ApiResult Restore(RequestContext context)
    {
        var state = context.State;
        var now = context.Now;
        var project = context.Project();
        var branch = context.Branch(project);
        var body = context.Body();
        var source = EmulatorState.RequireBranch(project, body.RequiredString("source_branch_id"));
        var sourceLsn = body.OptionalString("source_lsn");
        var sourceTimestamp = body.OptionalDateTime("source_timestamp");
        var preserveUnderName = body.OptionalString("preserve_under_name", 1, 256);
        if (sourceLsn is not null && sourceTimestamp is not null)
        {
            throw ApiError.BadRequest("specify at most one of 'source_lsn' and 'source_timestamp'");
        }

        if (source == branch && sourceLsn is null && sourceTimestamp is null)
        {
            throw ApiError.BadRequest("restoring a branch onto itself requires 'source_lsn' or 'source_timestamp'");
        }

        var operations = new List<OperationModel>();
        if (preserveUnderName is not null)
        {
            var (backup, backupOperation) = Provisioning.CreateBranch(state, project, preserveUnderName, "create_branch", now);
            backup.ParentId = branch.ParentId;
            backup.ParentLsn = branch.ParentLsn;
            backup.ParentTimestamp = branch.ParentTimestamp;
            Provisioning.CopyData(state, branch, backup, now);
            operations.Add(backupOperation);
        }

        if (source != branch)
        {
            Provisioning.CopyData(state, source, branch, now);
        }

        if (source.Id == branch.ParentId)
        {
            // A reset from the parent: the branch now starts at the parent's point it was reset to.
            branch.ParentLsn = sourceLsn ?? source.Lsn(sourceTimestamp ?? now);
            branch.ParentTimestamp = sourceLsn is null ? sourceTimestamp ?? now : null;
        }

        var operation = state.StartOperation(project, "create_timeline", now, branch.Id);
        operations.Add(operation);
        branch.State.MoveTo("ready", operation, now, interim: "resetting");
        branch.LastResetAt = now;
        branch.UpdatedAt = now;
        return ApiResult.Ok(Json.WithOperations("branch", branch.ToJson(now), operations, now));
    }

    private static ApiResult ListEndpoints(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        return ApiResult.Ok(new JsonObject
        {
            ["endpoints"] = Json.Array(project.Endpoints.Where(e => e.BranchId == branch.Id).Select(e => e.ToJson(context.Now))),
        });
    }
}
