using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace Neon.Api;

/// <summary>
/// The Neon API answered a call with an error status. Carries the HTTP status, Neon's error <see cref="ErrorCode"/>
/// and <see cref="ErrorMessage"/> (from its <c>GeneralError</c> body), the request id and a bounded snippet of the body.
/// </summary>
/// <remarks>
/// Subclasses mark the cases callers branch on: <see cref="NeonAuthenticationException"/> (401/403),
/// <see cref="NeonNotFoundException"/> (404), <see cref="NeonConflictException"/> (409),
/// <see cref="NeonLockedException"/> (423), <see cref="NeonRateLimitedException"/> (429) and
/// <see cref="NeonServerException"/> (5xx).
/// </remarks>
public class NeonApiException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonApiException(NeonErrorDetails details)
        : base(Describe(details ?? throw new ArgumentNullException(nameof(details))))
    {
        Details = details;
    }

    /// <summary>What the server answered.</summary>
    public NeonErrorDetails Details { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => Details.StatusCode;

    /// <summary>The HTTP status code as a number.</summary>
    public int Status => (int)Details.StatusCode;

    /// <summary>Neon's error code from the <c>GeneralError</c> body (for example <c>ERR_PROJECT_NOT_FOUND</c>), when the body had one.</summary>
    public string? ErrorCode => Details.ErrorCode;

    /// <summary>Neon's error message from the <c>GeneralError</c> body, when the body had one.</summary>
    public string? ErrorMessage => Details.ErrorMessage;

    /// <summary>The request id: from the error body, else the <c>X-Request-ID</c> response header, else the one this client sent.</summary>
    public string? RequestId => Details.RequestId;

    /// <summary>The spec's operationId of the failed call (for example <c>getProject</c>).</summary>
    public string OperationId => Details.OperationId;

    /// <summary>The first characters of the response body (at most <see cref="NeonErrorDetails.MaxSnippetLength"/>), for diagnostics.</summary>
    public string BodySnippet => Details.BodySnippet;

    /// <summary>The delay the server asked for in a <c>Retry-After</c> header, when it sent one.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;

    /// <summary>How many attempts the call made before it failed (1 when it was not retried).</summary>
    public int Attempts => Details.Attempts;

    /// <summary>How long the call took before it failed, queueing and retries included.</summary>
    public TimeSpan Elapsed => Details.Elapsed;

    /// <summary>Creates the exception type that matches the status: a subclass for the cases callers branch on.</summary>
    /// <param name="details">What the server answered.</param>
    /// <returns>The exception to throw.</returns>
    public static NeonApiException Create(NeonErrorDetails details)
    {
        if (details is null)
        {
            throw new ArgumentNullException(nameof(details));
        }

        return (int)details.StatusCode switch
        {
            401 or 403 => new NeonAuthenticationException(details),
            404 => new NeonNotFoundException(details),
            409 => new NeonConflictException(details),
            423 => new NeonLockedException(details),
            429 => new NeonRateLimitedException(details),
            >= 500 and <= 599 => new NeonServerException(details),
            _ => new NeonApiException(details),
        };
    }

    private static string Describe(NeonErrorDetails details)
    {
        var text = new StringBuilder();
        text.Append("Neon API call ").Append(details.OperationId)
            .Append(" (").Append(details.Method).Append(' ').Append(details.Path).Append(") failed with ")
            .Append((int)details.StatusCode).Append(' ').Append(ReasonPhrase(details.StatusCode));
        if (!string.IsNullOrWhiteSpace(details.ErrorMessage))
        {
            text.Append(": ").Append(details.ErrorMessage);
        }
        else if (details.BodySnippet.Length == 0)
        {
            text.Append(" (empty response body)");
        }
        else
        {
            text.Append(" (the body is not a Neon error object; it starts with: ")
                .Append(Snippet(details.BodySnippet, 200)).Append(')');
        }

        if (!string.IsNullOrEmpty(details.ErrorCode))
        {
            text.Append(" [code ").Append(details.ErrorCode).Append(']');
        }

        if (!string.IsNullOrEmpty(details.RequestId))
        {
            text.Append(" [request id ").Append(details.RequestId).Append(']');
        }

        text.Append(" after ").Append(details.Attempts == 1 ? "1 attempt" : $"{details.Attempts} attempts")
            .Append(" in ").Append(Neon.Api.Core.Durations.Format(details.Elapsed));

        var hint = Hint((int)details.StatusCode);
        if (hint is not null)
        {
            text.Append(". ").Append(hint);
        }

        return text.ToString();
    }

    private static string? Hint(int status) => status switch
    {
        401 => "Check the API key: it is missing, revoked or mistyped.",
        403 => "The API key is valid but may not perform this operation (check its organization or project scope).",
        423 => "The project is locked by an operation in progress; the call is safe to retry once it finishes.",
        429 => "The account exceeded Neon's rate limit (about 700 requests per minute); retry after the delay.",
        _ => null,
    };

    private static string ReasonPhrase(HttpStatusCode status) => (int)status switch
    {
        423 => "Locked",
        429 => "Too Many Requests",
        _ => Enum.IsDefined(typeof(HttpStatusCode), status) ? SplitWords(status.ToString()) : string.Empty,
    };

    private static string SplitWords(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }

    private static string Snippet(string text, int length)
    {
        var flat = text.Replace('\r', ' ').Replace('\n', ' ');
        return flat.Length <= length ? flat : flat.Substring(0, length) + "...";
    }
}

/// <summary>What the server answered to a failed call; the data behind <see cref="NeonApiException"/>.</summary>
public sealed class NeonErrorDetails
{
    /// <summary>How many characters of the body are kept in <see cref="BodySnippet"/>.</summary>
    public const int MaxSnippetLength = 2048;

    /// <summary>Creates the details.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="operationId">The spec's operationId of the call.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path, relative to the API base URL, without the query string.</param>
    /// <param name="errorCode">Neon's error code, if the body had one.</param>
    /// <param name="errorMessage">Neon's error message, if the body had one.</param>
    /// <param name="requestId">The request id, if known.</param>
    /// <param name="bodySnippet">The start of the body; cut to <see cref="MaxSnippetLength"/> characters.</param>
    /// <param name="retryAfter">The delay from a <c>Retry-After</c> header, if any.</param>
    /// <param name="attempts">How many attempts the call made (retries included).</param>
    /// <param name="elapsed">How long the call took, queueing and retries included.</param>
    public NeonErrorDetails(
        HttpStatusCode statusCode,
        string operationId,
        string method,
        string path,
        string? errorCode,
        string? errorMessage,
        string? requestId,
        string? bodySnippet,
        TimeSpan? retryAfter,
        int attempts = 1,
        TimeSpan elapsed = default)
    {
        Attempts = attempts;
        Elapsed = elapsed;
        StatusCode = statusCode;
        OperationId = operationId ?? string.Empty;
        Method = method ?? string.Empty;
        Path = path ?? string.Empty;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        bodySnippet ??= string.Empty;
        BodySnippet = bodySnippet.Length <= MaxSnippetLength ? bodySnippet : bodySnippet.Substring(0, MaxSnippetLength);
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The spec's operationId of the call.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request path relative to the API base URL, without the query string.</summary>
    public string Path { get; }

    /// <summary>Neon's error code, if the body had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Neon's error message, if the body had one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id, if known.</summary>
    public string? RequestId { get; }

    /// <summary>The start of the response body.</summary>
    public string BodySnippet { get; }

    /// <summary>The delay from a <c>Retry-After</c> header, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How many attempts the call made before it failed (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>How long the call took before it failed, queueing and retries included.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} -> {3} {4}", OperationId, Method, Path, (int)StatusCode, ErrorCode);
}

/// <summary>401 or 403: the API key is missing, invalid, or may not perform the operation.</summary>
public class NeonAuthenticationException : NeonApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonAuthenticationException(NeonErrorDetails details)
        : base(details)
    {
    }
}

/// <summary>404: the project, branch or other resource does not exist (or the key cannot see it).</summary>
public class NeonNotFoundException : NeonApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonNotFoundException(NeonErrorDetails details)
        : base(details)
    {
    }
}

/// <summary>409: the request conflicts with the current state (for example the resource already exists).</summary>
public class NeonConflictException : NeonApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonConflictException(NeonErrorDetails details)
        : base(details)
    {
    }
}

/// <summary>423: the project is locked by an operation in progress. Always safe to retry once it finishes.</summary>
public class NeonLockedException : NeonApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonLockedException(NeonErrorDetails details)
        : base(details)
    {
    }
}

/// <summary>429: the account exceeded Neon's rate limit. Safe to retry after <see cref="NeonApiException.RetryAfter"/>.</summary>
public class NeonRateLimitedException : NeonApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonRateLimitedException(NeonErrorDetails details)
        : base(details)
    {
    }
}

/// <summary>5xx: the server failed. 503 is always safe to retry; others only for reads.</summary>
public class NeonServerException : NeonApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the server answered.</param>
    public NeonServerException(NeonErrorDetails details)
        : base(details)
    {
    }
}

/// <summary>
/// The server answered with a success status but a body this client cannot read (not JSON, truncated, or too large).
/// </summary>
public class NeonResponseFormatException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the body.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="operationId">The spec's operationId of the call.</param>
    /// <param name="bodySnippet">The start of the body.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public NeonResponseFormatException(string message, HttpStatusCode statusCode, string operationId, string? bodySnippet, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        OperationId = operationId ?? string.Empty;
        bodySnippet ??= string.Empty;
        BodySnippet = bodySnippet.Length <= NeonErrorDetails.MaxSnippetLength ? bodySnippet : bodySnippet.Substring(0, NeonErrorDetails.MaxSnippetLength);
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The spec's operationId of the call.</summary>
    public string OperationId { get; }

    /// <summary>The start of the response body.</summary>
    public string BodySnippet { get; }
}
