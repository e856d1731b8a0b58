using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Account-level operations: API keys (list, create, revoke) and regions. The key steps serve the
/// organization keys too (<see cref="OrganizationsApi"/>): personal keys have no organization.
/// </summary>
internal static class AccountApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listApiKeys", "GET /api_keys", context => ListKeys(context, orgId: null));
        handlers.Add("createApiKey", "POST /api_keys", context => CreateKey(context, orgId: null));
        handlers.Add("revokeApiKey", "DELETE /api_keys/{key_id}", context => RevokeKey(context, orgId: null));
        handlers.Add("getActiveRegions", "GET /regions", ListRegions);
    }

    /// <summary>The live keys of an organization, or the personal ones when <paramref name="orgId"/> is null.</summary>
    public static ApiResult ListKeys(RequestContext context, string? orgId) =>
        ApiResult.Ok(Json.Array(context.State.ApiKeys.Where(k => !k.Revoked && k.OrgId == orgId).Select(k => k.ToListJson())));

    /// <summary>A new key; an organization key may be limited to one of the organization's projects.</summary>
    public static ApiResult CreateKey(RequestContext context, string? orgId)
    {
        var body = context.Body();
        var name = body.RequiredString("key_name", 1, 64);
        var projectId = orgId is null ? null : body.OptionalString("project_id", 1, 60);
        if (projectId is not null && context.State.RequireProject(projectId).OrgId != orgId)
        {
            throw ApiError.NotFound($"project {projectId} not found in organization {orgId}");
        }

        var key = new ApiKeyModel
        {
            Id = context.State.NextSequence(),
            Name = name,
            Token = context.State.Ids.ApiKeyToken(),
            CreatedAt = context.Now,
            OrgId = orgId,
            ProjectId = projectId,
        };
        context.State.ApiKeys.Add(key);
        var json = key.ToJson();
        json.Remove("last_used_at");
        json.Remove("last_used_from_addr");
        json["key"] = key.Token;
        return ApiResult.Ok(json);
    }

    public static ApiResult RevokeKey(RequestContext context, string? orgId)
    {
        var text = context.Path("key_id");
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw ApiError.BadRequest($"key_id must be an integer, got '{text}'");
        }

        var key = context.State.ApiKeys.FirstOrDefault(k => k.Id == id && !k.Revoked && k.OrgId == orgId)
            ?? throw ApiError.NotFound($"API key {id} not found");
        key.Revoked = true;
        var json = key.ToJson();
        json["revoked"] = true;
        return ApiResult.Ok(json);
    }

    private static ApiResult ListRegions(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["regions"] = Json.Array(Regions.All.Select(r => r.ToJson())) });
}
