using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Neon.Api.Reliability;

/// <summary>
/// A response whose body has been read (with a bound) and whose <see cref="HttpResponseMessage"/> has already been
/// disposed, so nothing downstream can leak a connection.
/// </summary>
internal sealed class NeonResponse
{
    public NeonResponse(string request, HttpResponseMessage message, ResponseBody body)
    {
        Request = request;
        StatusCode = message.StatusCode;
        ReasonPhrase = message.ReasonPhrase;
        Headers = message.Headers;
        MediaType = message.Content?.Headers.ContentType?.MediaType;
        Body = body;
        RequestId = FirstHeader(message.Headers, "X-Request-ID") ?? FirstHeader(message.Headers, "X-Neon-Request-ID");
    }

    /// <summary>"METHOD /path" of the request, for messages.</summary>
    public string Request { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The reason phrase, if the server sent one.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The response headers (Retry-After, request id, ...).</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The media type of the body, when the response declared one.</summary>
    public string? MediaType { get; }

    /// <summary>The body, read up to the size bound.</summary>
    public ResponseBody Body { get; }

    /// <summary>The request id header of the response, if any.</summary>
    public string? RequestId { get; }

    private static string? FirstHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
