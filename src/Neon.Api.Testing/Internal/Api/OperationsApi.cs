using System;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Operations of a project: get and list (newest first, <c>pagination.cursor</c> shape).</summary>
internal static class OperationsApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("getProjectOperation", "GET /projects/{project_id}/operations/{operation_id}", Get);
        handlers.Add("listProjectOperations", "GET /projects/{project_id}/operations", List);
    }

    private static ApiResult Get(RequestContext context)
    {
        var project = context.Project();
        var id = context.Path("operation_id");
        var operation = Guid.TryParse(id, out var guid) ? project.Operations.FirstOrDefault(o => o.Id == guid) : null;
        return operation is null
            ? throw ApiError.NotFound($"operation {id} not found")
            : ApiResult.Ok(new JsonObject { ["operation"] = operation.ToJson(context.Now) });
    }

    private static ApiResult List(RequestContext context)
    {
        var project = context.Project();
        var limit = context.Query.Integer("limit", 1, 1000) ?? 10;
        var (page, pagination) = Paging.ByCursor(
            project.Operations.OrderByDescending(o => o.Sequence),
            context.Query.String("cursor"),
            limit,
            o => o.Id.ToString(),
            cursor => project.Operations.FirstOrDefault(o => o.Id.ToString() == cursor) is { } o ? -o.Sequence : null,
            o => -o.Sequence);
        var response = new JsonObject { ["operations"] = Json.Operations(page, context.Now) };
        if (pagination is not null)
        {
            response["pagination"] = pagination;
        }

        return ApiResult.Ok(response);
    }
}
