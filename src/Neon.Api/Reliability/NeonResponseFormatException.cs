using System;
using System.Net;

namespace Neon.Api;

/// <summary>
/// The Neon API answered, but the response could not be understood: an empty body where JSON was expected, an HTML
/// page, truncated or invalid JSON, a content type that is not JSON, an error body under a success status, or a body
/// larger than <c>NeonClientOptions.MaxResponseBodySize</c>.
/// </summary>
/// <remarks>
/// A mutating call that raises this exception was processed by the server: do not blindly repeat it.
/// The JSON parser's exception, when there is one, is the <see cref="Exception.InnerException"/>.
/// </remarks>
public class NeonResponseFormatException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the response.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="contentType">The response's media type, if it had one.</param>
    /// <param name="bodySnippet">The start of the body (at most 2 KB), with secrets removed.</param>
    /// <param name="requestId">The request id, when the response carried one.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public NeonResponseFormatException(
        string message,
        HttpStatusCode statusCode,
        string? contentType,
        string? bodySnippet,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        BodySnippet = bodySnippet;
        RequestId = requestId;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response's media type, if it had one.</summary>
    public string? ContentType { get; }

    /// <summary>The start of the body (at most 2 KB), with secrets removed; <see langword="null"/> when it was empty.</summary>
    public string? BodySnippet { get; }

    /// <summary>The request id from the <c>X-Request-ID</c> response header, when present.</summary>
    public string? RequestId { get; }
}
