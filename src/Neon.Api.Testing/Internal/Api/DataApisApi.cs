using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// The Neon Data API of a branch's databases (the <c>DataAPI</c> tag): one per database, created, read,
/// reconfigured and deleted; it goes with its database. None of these start operations.
/// </summary>
internal static class DataApisApi
{
    private const string Route = "/projects/{project_id}/branches/{branch_id}/data-api/{database_name}";

    private static readonly string[] AuthProviders = ["neon_auth", "external"];

    private static readonly string[] OpenApiModes = ["ignore-privileges", "disabled"];

    public static void Register(RouteHandlers handlers)
    {
        handlers.AddUnlocked("createProjectBranchDataAPI", "POST " + Route, Create);
        handlers.Add("getProjectBranchDataAPI", "GET " + Route, Get);
        handlers.AddUnlocked("updateProjectBranchDataAPI", "PATCH " + Route, Update);
        handlers.AddUnlocked("deleteProjectBranchDataAPI", "DELETE " + Route, Delete);
    }

    private static ApiResult Create(RequestContext context)
    {
        var project = context.Project();
        var (branch, database) = Database(context, project);
        if (branch.DataApis.ContainsKey(database.Name))
        {
            throw ApiError.Conflict($"the Data API of database \"{database.Name}\" already exists on branch {branch.Id}");
        }

        var body = context.Body(required: false);
        var authProvider = body.OptionalEnum("auth_provider", AuthProviders) ?? "neon_auth";
        var jwksUrl = body.OptionalString("jwks_url");
        if (jwksUrl is not null && !(Uri.TryCreate(jwksUrl, UriKind.Absolute, out var jwks) && jwks.Scheme is "https" or "http"))
        {
            throw ApiError.BadRequest($"field 'jwks_url' must be an absolute http(s) URL, got '{jwksUrl}'");
        }

        if (authProvider == "external" && jwksUrl is null)
        {
            throw ApiError.BadRequest("field 'jwks_url' is required when 'auth_provider' is external");
        }

        body.OptionalString("provider_name");
        body.OptionalString("jwt_audience");
        body.OptionalBool("add_default_grants");
        body.OptionalBool("skip_auth_schema");
        var settings = new JsonObject
        {
            ["db_aggregates_enabled"] = true,
            ["db_anon_role"] = "anonymous",
            ["db_schemas"] = new JsonArray("public"),
            ["jwt_role_claim_key"] = ".role",
            ["openapi_mode"] = "disabled",
        };
        Merge(settings, Settings(body));
        var host = project.Endpoints.FirstOrDefault(e => e.BranchId == branch.Id && e.Type == Provisioning.ReadWrite)?.Id ?? branch.Id;
        var dataApi = new DataApiModel
        {
            DatabaseName = database.Name,
            Url = $"https://{host}.apirest.{project.Region.ProxyHost}/{Uri.EscapeDataString(database.Name)}/rest/v1",
            AuthProvider = authProvider,
            Settings = settings,
            CreatedAt = context.Now,
        };
        branch.DataApis.Add(database.Name, dataApi);
        return ApiResult.Created(new JsonObject { ["url"] = dataApi.Url });
    }

    private static ApiResult Get(RequestContext context) => ApiResult.Ok(Require(context).ToJson());

    private static ApiResult Update(RequestContext context)
    {
        var dataApi = Require(context);
        Merge(dataApi.Settings, Settings(context.Body(required: false)));
        return new ApiResult(HttpStatusCode.Created, new JsonObject());
    }

    private static ApiResult Delete(RequestContext context)
    {
        var dataApi = Require(context);
        context.Branch(context.Project()).DataApis.Remove(dataApi.DatabaseName);
        return ApiResult.Ok(new JsonObject());
    }

    private static (BranchModel Branch, DatabaseModel Database) Database(RequestContext context, ProjectModel project)
    {
        var branch = context.Branch(project);
        return (branch, EmulatorState.RequireDatabase(branch, context.Path("database_name")));
    }

    private static DataApiModel Require(RequestContext context)
    {
        var (branch, database) = Database(context, context.Project());
        return branch.DataApis.GetValueOrDefault(database.Name)
            ?? throw ApiError.NotFound($"database \"{database.Name}\" on branch {branch.Id} has no Data API");
    }

    /// <summary>The validated <c>DataAPISettings</c> of a request, or null when it has none.</summary>
    private static JsonObject? Settings(BodyObject body)
    {
        if (body.OptionalObject("settings") is not { } settings)
        {
            return null;
        }

        settings.OptionalBool("db_aggregates_enabled");
        settings.OptionalString("db_anon_role", 1);
        settings.OptionalString("db_extra_search_path");
        settings.OptionalInteger("db_max_rows", 1);
        settings.OptionalStringArray("db_schemas");
        settings.OptionalString("jwt_role_claim_key", 1);
        settings.OptionalInteger("jwt_cache_max_lifetime", 0);
        settings.OptionalEnum("openapi_mode", OpenApiModes);
        settings.OptionalString("server_cors_allowed_origins");
        settings.OptionalBool("server_timing_enabled");
        return body.OptionalRawObject("settings");
    }

    private static void Merge(JsonObject settings, JsonObject? changes)
    {
        foreach (var (name, value) in changes ?? [])
        {
            settings[name] = value?.DeepClone();
        }
    }
}
