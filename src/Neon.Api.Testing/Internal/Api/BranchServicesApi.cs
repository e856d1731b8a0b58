using System.Net;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Where a branch's object storage and AI gateway are reached (the <c>Storage</c> and <c>AI Gateway</c> tags).
/// Both are enabled for every branch; for an unknown project or branch the 404 body carries the
/// <c>reason</c> the spec gives it (<c>branch_not_found</c>).
/// </summary>
internal static class BranchServicesApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("getProjectBranchStorage", "GET /projects/{project_id}/branches/{branch_id}/storage", Storage);
        handlers.Add("getProjectBranchAiGateway", "GET /projects/{project_id}/branches/{branch_id}/ai_gateway", AiGateway);
    }

    private static ApiResult Storage(RequestContext context) => WithBranch(context, (project, branch) => new JsonObject
    {
        ["enabled"] = true,
        ["s3_endpoint"] = $"https://{branch.Id}.storage.{project.Region.ProxyHost}",
        ["region"] = project.Region.Id[(project.Region.Platform.Length + 1)..],
        ["force_path_style"] = true,
    });

    private static ApiResult AiGateway(RequestContext context) => WithBranch(context, (project, branch) => new JsonObject
    {
        ["enabled"] = true,
        ["base_url"] = $"https://{branch.Id}-api.ai.{project.Region.ProxyHost}",
    });

    private static ApiResult WithBranch(RequestContext context, System.Func<ProjectModel, BranchModel, JsonObject> answer)
    {
        try
        {
            var project = context.Project();
            return ApiResult.Ok(answer(project, context.Branch(project)));
        }
        catch (ApiError error) when (error.Status == HttpStatusCode.NotFound)
        {
            return new ApiResult(HttpStatusCode.NotFound, new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Message,
                ["reason"] = "branch_not_found",
            });
        }
    }
}
