using System.Net;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>
/// A successful answer of a route handler: status and JSON body, no body (<see cref="Body"/> null),
/// or raw bytes (<see cref="Download"/>).
/// </summary>
internal sealed record ApiResult(HttpStatusCode Status, JsonNode? Body)
{
    /// <summary>A binary download sent instead of a JSON body.</summary>
    public BinaryBody? Download { get; init; }

    public static ApiResult Ok(JsonNode body) => new(HttpStatusCode.OK, body);

    public static ApiResult Created(JsonNode body) => new(HttpStatusCode.Created, body);

    public static ApiResult NoContent() => new(HttpStatusCode.NoContent, null);

    public static ApiResult Bytes(BinaryBody download) => new(HttpStatusCode.OK, null) { Download = download };
}

/// <summary>Raw bytes answered as <c>application/octet-stream</c>, with their entity tag.</summary>
internal sealed record BinaryBody(byte[] Content, string ETag);
