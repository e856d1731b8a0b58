using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Neon.Api.Core;

namespace Neon.Api.Reliability;

/// <summary>
/// The final response of a call. Its body has been read with a bound and its <see cref="HttpResponseMessage"/>
/// disposed, so nothing downstream can leak a connection; only a streamed success (a file download) keeps the live
/// <see cref="Message"/>, owned by whoever takes it.
/// </summary>
internal sealed class NeonResponse : IDisposable
{
    public NeonResponse(NeonRequest request, HttpResponseMessage message, ResponseBody body, bool keepMessage, string? sentRequestId = null)
    {
        Request = request;
        StatusCode = message.StatusCode;
        ReasonPhrase = message.ReasonPhrase;
        Headers = message.Headers;
        MediaType = message.Content?.Headers.ContentType?.MediaType;
        Body = body;
        RequestId = message.Headers.TryGetValues("X-Request-ID", out IEnumerable<string>? values) ? values.FirstOrDefault() : sentRequestId;
        Message = keepMessage ? message : null;
    }

    /// <summary>The call.</summary>
    public NeonRequest Request { get; }

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

    /// <summary>The body, read up to the size bound (empty for a streamed success).</summary>
    public ResponseBody Body { get; }

    /// <summary>The request id the response names, or else the one the attempt sent.</summary>
    public string? RequestId { get; }

    /// <summary>The live message of a streamed success, not yet read; <see langword="null"/> otherwise.</summary>
    public HttpResponseMessage? Message { get; }

    /// <summary>How many attempts the call made to get this response (set by the send path).</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>How long the call took to get this response, queueing and retries included (set by the send path).</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The model read from a success body (set by the send path), or <see langword="null"/>.</summary>
    public object? Model { get; set; }

    /// <summary>Gives the body's pooled buffers back (the live <see cref="Message"/> belongs to whoever took it).</summary>
    public void Dispose() => Body.Dispose();
}
