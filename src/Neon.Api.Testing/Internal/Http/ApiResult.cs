using System.Net;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>A successful answer of a route handler: status and JSON body.</summary>
internal sealed record ApiResult(HttpStatusCode Status, JsonNode Body)
{
    public static ApiResult Ok(JsonNode body) => new(HttpStatusCode.OK, body);

    public static ApiResult Created(JsonNode body) => new(HttpStatusCode.Created, body);
}
