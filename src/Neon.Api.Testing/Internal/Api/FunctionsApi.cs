using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Functions of a branch (the <c>Functions</c> tag). A function comes into being with its first deployment
/// (which must carry the code); later deployments inherit what they omit. None of these start operations.
/// </summary>
internal static partial class FunctionsApi
{
    private const int MemoryMib = 256;

    private const string Runtime = "nodejs24";

    /// <summary>The longest DNS label: the invocation host's first label is <c>&lt;branch_id&gt;-&lt;slug&gt;</c>.</summary>
    private const int MaxLabelLength = 63;

    private static readonly string[] Runtimes = [Runtime];

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listProjectBranchFunctions", "GET /projects/{project_id}/branches/{branch_id}/functions", List);
        handlers.Add("getProjectBranchFunction", "GET /projects/{project_id}/branches/{branch_id}/functions/{slug}", Get);
        handlers.AddUnlocked("updateProjectBranchFunction", "PATCH /projects/{project_id}/branches/{branch_id}/functions/{slug}", Update);
        handlers.AddUnlocked("deleteProjectBranchFunction", "DELETE /projects/{project_id}/branches/{branch_id}/functions/{slug}", Delete);
        handlers.AddUnlocked(
            "createProjectBranchFunctionDeployment", "POST /projects/{project_id}/branches/{branch_id}/functions/{slug}/deployments", Deploy);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    private static ApiResult List(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        var (page, pagination) = Paging.BySortKey(
            branch.Functions.Values, "slug", descending: false, context.Query.String("cursor"), context.Query.Integer("limit", 1, 1000), f => f.Slug, f => f.Id);
        return ApiResult.Ok(new JsonObject
        {
            ["functions"] = Json.Array(page.Select(f => f.ToJson(context.Now))),
            ["pagination"] = pagination,
        });
    }

    private static ApiResult Get(RequestContext context)
    {
        var function = RequireFunction(context.Branch(context.Project()), context.Path("slug"));
        return ApiResult.Ok(new JsonObject { ["function"] = function.ToJson(context.Now) });
    }

    private static ApiResult Update(RequestContext context)
    {
        var function = RequireOwnFunction(context);
        var body = context.Body();
        if (!body.Names.Contains("name"))
        {
            throw ApiError.BadRequest("missing required field 'name' (null clears the display name)");
        }

        var name = body.OptionalString("name", 1, 256)?.Trim();
        function.DisplayName = name switch
        {
            null => null,
            "" => throw ApiError.BadRequest("field 'name' must not be blank"),
            _ => name,
        };
        return ApiResult.Ok(new JsonObject { ["function"] = function.ToJson(context.Now) });
    }

    private static ApiResult Delete(RequestContext context)
    {
        var function = RequireOwnFunction(context);
        context.Branch(context.Project()).Functions.Remove(function.Slug);
        return ApiResult.NoContent();
    }

    private static ApiResult Deploy(RequestContext context)
    {
        var now = context.Now;
        var project = context.Project();
        var branch = context.Branch(project);
        var slug = context.Path("slug");
        if (!SlugPattern().IsMatch(slug) || branch.Id.Length + 1 + slug.Length > MaxLabelLength)
        {
            throw ApiError.BadRequest(
                $"slug '{slug}' must be a lowercase DNS label (a-z, 0-9 and inner '-') of at most {MaxLabelLength - branch.Id.Length - 1} characters on this branch");
        }

        var form = MultipartForm.Parse(context.BodyBytes, context.ContentType);
        var zip = form.Bytes("zip");
        var runtime = form.Text("runtime");
        var environment = form.Text("environment") is { } text ? Environment(text) : null;
        if (zip is null && runtime is null && environment is null)
        {
            throw ApiError.BadRequest("supply at least one of the fields 'zip', 'runtime' and 'environment'");
        }

        if (runtime is not null && !Runtimes.Contains(runtime, StringComparer.Ordinal))
        {
            throw ApiError.BadRequest($"field 'runtime' must be one of: {string.Join(", ", Runtimes)}");
        }

        var function = branch.Functions.GetValueOrDefault(slug);
        var latest = function?.Deployments.LastOrDefault();
        if (latest is null && zip is null)
        {
            throw ApiError.BadRequest($"the first deployment of function '{slug}' must include 'zip'");
        }

        if (function is null)
        {
            function = new FunctionModel
            {
                Id = context.State.Ids.FunctionId(),
                Slug = slug,
                BranchId = branch.Id,
                Domain = $"functions.{project.Region.ProxyHost}",
                CreatedAt = now,
            };
            branch.Functions.Add(slug, function);
        }

        // A deployment to an inherited function makes it the branch's own (the parent's is unchanged).
        function.Owned = true;
        var names = new SortedSet<string>(latest?.EnvironmentNames ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in environment ?? [])
        {
            _ = value.Length == 0 ? names.Remove(name) : names.Add(name);
        }

        var buildError = zip is null ? latest!.BuildError : zip is [0x50, 0x4B, ..] ? null : "the uploaded 'zip' is not a ZIP archive";
        var deployment = new FunctionDeployment(
            (latest?.Id ?? 0) + 1,
            runtime ?? latest?.Runtime ?? Runtime,
            MemoryMib,
            buildError,
            [.. names],
            now,
            context.State.OperationDuration);
        function.Deployments.Add(deployment);
        return new ApiResult(HttpStatusCode.Created, new JsonObject { ["deployment"] = deployment.ToJson(now) });
    }

    /// <summary>The <c>environment</c> field: a JSON object of strings (values are not kept).</summary>
    private static Dictionary<string, string> Environment(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(text)
                ?? throw ApiError.BadRequest("field 'environment' must be a JSON object of strings, got null");
        }
        catch (JsonException)
        {
            throw ApiError.BadRequest("field 'environment' must be a JSON object whose values are strings, such as {\"KEY\":\"VALUE\"}");
        }
    }

    private static FunctionModel RequireFunction(BranchModel branch, string slug) =>
        branch.Functions.GetValueOrDefault(slug) ?? throw ApiError.NotFound($"function '{slug}' not found on branch {branch.Id}");

    private static FunctionModel RequireOwnFunction(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        var function = RequireFunction(branch, context.Path("slug"));
        return function.Owned
            ? function
            : throw ApiError.NotFound($"function '{function.Slug}' is inherited from an ancestor branch, not owned by branch {branch.Id}: change it on the branch that owns it");
    }
}
