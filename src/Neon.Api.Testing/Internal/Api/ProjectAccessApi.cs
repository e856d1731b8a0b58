using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Who may use a project: shares (permissions) and the projects shared with the current user,
/// JWKS URLs, transfer requests, and the shared preload libraries its Postgres version offers.
/// </summary>
internal static class ProjectAccessApi
{
    private static readonly TimeSpan DefaultTransferTtl = TimeSpan.FromDays(1);

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listSharedProjects", "GET /projects/shared", SharedProjects);
        handlers.Add("listProjectPermissions", "GET /projects/{project_id}/permissions", ListPermissions);
        handlers.AddUnlocked("grantPermissionToProject", "POST /projects/{project_id}/permissions", Grant);
        handlers.AddUnlocked("revokePermissionFromProject", "DELETE /projects/{project_id}/permissions/{permission_id}", Revoke);
        handlers.Add("getAvailablePreloadLibraries", "GET /projects/{project_id}/available_preload_libraries", PreloadLibraries);
        handlers.AddUnlocked("createProjectTransferRequest", "POST /projects/{project_id}/transfer_requests", CreateTransfer);
        handlers.AddUnlocked("acceptProjectTransferRequest", "PUT /projects/{project_id}/transfer_requests/{request_id}", AcceptTransfer);
        handlers.Add("getProjectJWKS", "GET /projects/{project_id}/jwks", ListJwks);
        handlers.Add("addProjectJWKS", "POST /projects/{project_id}/jwks", AddJwks);
        handlers.AddUnlocked("deleteProjectJWKS", "DELETE /projects/{project_id}/jwks/{jwks_id}", DeleteJwks);
    }

    /// <summary>Live projects with an active share to the current user's email, in the listProjects shape.</summary>
    private static ApiResult SharedProjects(RequestContext context)
    {
        var shared = context.State.AllProjects.Where(p => !p.IsDeleted
            && p.Access.ActivePermissions.Any(g => string.Equals(g.Email, AccountState.UserEmail, StringComparison.OrdinalIgnoreCase)));
        return ApiResult.Ok(ProjectsApi.Page(context, shared));
    }

    private static ApiResult ListPermissions(RequestContext context) => ApiResult.Ok(new JsonObject
    {
        ["project_permissions"] = Json.Array(context.Project().Access.ActivePermissions.Select(p => p.ToJson())),
    });

    private static ApiResult Grant(RequestContext context)
    {
        var project = context.Project();
        var email = context.Body().RequiredEmail("email");
        if (project.Access.ActivePermissions.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            throw ApiError.Conflict($"project {project.Id} is already shared with {email}");
        }

        var permission = new PermissionModel(context.State.Ids.Uuid(), email, context.Now);
        project.Access.Permissions.Add(permission);
        return ApiResult.Ok(permission.ToJson());
    }

    private static ApiResult Revoke(RequestContext context)
    {
        var project = context.Project();
        var permission = Lookup.ByUuid(context, "permission_id", project.Access.ActivePermissions, p => p.Id, "permission", $"project {project.Id}");
        permission.RevokedAt = context.Now;
        return ApiResult.Ok(permission.ToJson());
    }

    private static ApiResult PreloadLibraries(RequestContext context)
    {
        var project = context.Project();
        return ApiResult.Ok(new JsonObject
        {
            ["libraries"] = Json.Array(PreloadLibrary.For(project.PgVersion).Select(l => l.ToJson())),
        });
    }

    private static ApiResult CreateTransfer(RequestContext context)
    {
        var project = context.Project();
        var ttl = context.Body(required: false).OptionalInteger("ttl_seconds", 1, (long)TimeSpan.FromDays(365).TotalSeconds) is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : DefaultTransferTtl;
        var request = new TransferRequestModel(context.State.Ids.Uuid(), project.Id, context.Now, context.Now + ttl);
        project.Access.TransferRequests.Add(request);
        return ApiResult.Created(request.ToJson());
    }

    /// <summary>
    /// Moves the project to <c>org_id</c>, or, without it, to the account of the key (an organization key's
    /// organization, else the personal account). 404 unknown request, 410 expired, 409 already accepted.
    /// </summary>
    private static ApiResult AcceptTransfer(RequestContext context)
    {
        var project = context.Project();
        var request = Lookup.ByUuid(context, "request_id", project.Access.TransferRequests, r => r.Id, "transfer request", $"project {project.Id}");
        var orgId = context.Body(required: false).OptionalString("org_id", 1, 60) ?? context.Credential?.OrgId;
        var destination = orgId is null ? null : context.State.Account.RequireOrganization(orgId).Id;
        if (request.Accepted)
        {
            throw ApiError.Conflict($"transfer request {request.Id} was already accepted");
        }

        if (context.Now >= request.ExpiresAt)
        {
            throw new ApiError(HttpStatusCode.Gone, "GONE", $"transfer request {request.Id} expired at {Formats.Time(request.ExpiresAt)}");
        }

        request.Accepted = true;
        project.OrgId = destination;
        project.UpdatedAt = context.Now;
        return new ApiResult(HttpStatusCode.NoContent, null);
    }

    private static ApiResult ListJwks(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["jwks"] = Json.Array(context.Project().Access.Jwks.Select(j => j.ToJson())) });

    /// <summary>Adds a JWKS URL; the read-write computes it applies to reload their configuration (<c>apply_config</c>).</summary>
    private static ApiResult AddJwks(RequestContext context)
    {
        var project = context.Project();
        var body = context.Body();
        var url = body.RequiredString("jwks_url", 1, 2048);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
        {
            throw ApiError.BadRequest($"field 'jwks_url' must be an absolute https URL, got '{url}'");
        }

        var provider = body.RequiredString("provider_name", 1, 256);
        var branch = body.OptionalString("branch_id", 1, 60) is { } branchId ? EmulatorState.RequireBranch(project, branchId) : null;
        var audience = body.OptionalString("jwt_audience", 1, 256);
        var roles = body.OptionalStringArray("role_names", 0, 10, 63);
        body.OptionalBool("skip_role_creation");
        if (project.Access.Jwks.Any(j => j.Url == url && j.BranchId == branch?.Id))
        {
            throw ApiError.Conflict($"JWKS URL {url} is already configured for {(branch is null ? "project " + project.Id : "branch " + branch.Id)}");
        }

        var jwks = new JwksModel(context.State.Ids.Uuid(), project.Id, branch?.Id, url, provider, audience, roles, context.Now);
        project.Access.Jwks.Add(jwks);
        var operations = (branch is null ? project.Branches : [branch])
            .SelectMany(b => Provisioning.ApplyConfig(context.State, project, b, context.Now))
            .ToList();
        return ApiResult.Created(Json.WithOperations("jwks", jwks.ToJson(), operations, context.Now));
    }

    private static ApiResult DeleteJwks(RequestContext context)
    {
        var project = context.Project();
        var jwks = Lookup.ByUuid(context, "jwks_id", project.Access.Jwks, j => j.Id, "JWKS", $"project {project.Id}");
        project.Access.Jwks.Remove(jwks);
        return ApiResult.Ok(jwks.ToJson());
    }

    /// <summary>A shared preload library Neon offers (a fixed list; versions follow the Postgres major version).</summary>
    private sealed record PreloadLibrary(string Name, string Description, bool IsDefault, bool IsExperimental, string Version, int MinPgVersion)
    {
        private static readonly PreloadLibrary[] All =
        [
            new("neon", "Neon's storage and compute integration", true, false, "1.6", 14),
            new("pg_stat_statements", "Tracks planning and execution statistics of SQL statements", true, false, "1.10", 14),
            new("timescaledb", "Time-series data on PostgreSQL", false, false, "2.17.1", 14),
            new("pg_cron", "Job scheduler for PostgreSQL", false, false, "1.6", 14),
            new("pgaudit", "Session and object audit logging", false, false, "17.0", 15),
            new("pg_partman_bgw", "Background worker of pg_partman", false, false, "5.1.0", 14),
            new("rag_bge_small_en_v15", "Text embeddings inside PostgreSQL", false, true, "0.0.0", 16),
        ];

        public static PreloadLibrary[] For(int pgVersion) => All.Where(l => pgVersion >= l.MinPgVersion).ToArray();

        public JsonObject ToJson() => new()
        {
            ["library_name"] = Name,
            ["description"] = Description,
            ["is_default"] = IsDefault,
            ["is_experimental"] = IsExperimental,
            ["version"] = Version,
        };
    }
}
