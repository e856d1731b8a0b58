using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Account-level operations: API keys (list, create, revoke) and regions.</summary>
internal static class AccountApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listApiKeys", "GET /api_keys", ListKeys);
        handlers.Add("createApiKey", "POST /api_keys", CreateKey);
        handlers.Add("revokeApiKey", "DELETE /api_keys/{key_id}", RevokeKey);
        handlers.Add("getActiveRegions", "GET /regions", ListRegions);
    }

    private static ApiResult ListKeys(RequestContext context) =>
        ApiResult.Ok(Json.Array(context.State.ApiKeys.Where(k => !k.Revoked).Select(k => k.ToListJson())));

    private static ApiResult CreateKey(RequestContext context)
    {
        var name = context.Body().RequiredString("key_name", 1, 64);
        var key = new ApiKeyModel
        {
            Id = context.State.NextSequence(),
            Name = name,
            Token = context.State.Ids.ApiKeyToken(),
            CreatedAt = context.Now,
        };
        context.State.ApiKeys.Add(key);
        var json = key.ToJson();
        json.Remove("last_used_at");
        json.Remove("last_used_from_addr");
        json["key"] = key.Token;
        return ApiResult.Ok(json);
    }

    private static ApiResult RevokeKey(RequestContext context)
    {
        var text = context.Path("key_id");
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw ApiError.BadRequest($"key_id must be an integer, got '{text}'");
        }

        var key = context.State.ApiKeys.FirstOrDefault(k => k.Id == id && !k.Revoked)
            ?? throw ApiError.NotFound($"API key {id} not found");
        key.Revoked = true;
        var json = key.ToJson();
        json["revoked"] = true;
        return ApiResult.Ok(json);
    }

    private static ApiResult ListRegions(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["regions"] = Json.Array(Regions.All.Select(r => r.ToJson())) });
}
