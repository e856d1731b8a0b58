using System;
using Microsoft.Extensions.Logging;

namespace Neon.Api.Reliability;

/// <summary>
/// The client's log events (category <c>Neon.Api</c>), defined once so that a disabled level costs nothing. None of
/// them carries a credential: paths hold resource ids, headers are shown only through <see cref="SecretRedactor"/>.
/// </summary>
internal static class NeonLog
{
    /// <summary>The logger category the client uses when it creates a logger from a factory.</summary>
    public const string Category = "Neon.Api";

    private static readonly Action<ILogger, string, string, string, int, Exception?> SendingAttempt =
        LoggerMessage.Define<string, string, string, int>(
            LogLevel.Debug,
            new EventId(1, "NeonRequestSending"),
            "Neon {OperationId}: {Method} {Path}, attempt {Attempt}");

    private static readonly Action<ILogger, string, string, Exception?> RequestHeaders =
        LoggerMessage.Define<string, string>(
            LogLevel.Trace,
            new EventId(2, "NeonRequestHeaders"),
            "Neon {OperationId} request headers:\n{Headers}");

    private static readonly Action<ILogger, string, int, double, string?, Exception?> Answered =
        LoggerMessage.Define<string, int, double, string?>(
            LogLevel.Debug,
            new EventId(3, "NeonResponseReceived"),
            "Neon {OperationId}: answered {Status} in {ElapsedMs} ms (request id {RequestId})");

    private static readonly Action<ILogger, string, string, double, int, int, Exception?> Retrying =
        LoggerMessage.Define<string, string, double, int, int>(
            LogLevel.Information,
            new EventId(4, "NeonRequestRetrying"),
            "Neon {OperationId}: {Reason}; retrying in {DelayMs} ms (retry {Retry} of {MaxRetries})");

    private static readonly Action<ILogger, string, string, Exception?> TransportFailed =
        LoggerMessage.Define<string, string>(
            LogLevel.Warning,
            new EventId(5, "NeonTransportFailure"),
            "Neon {OperationId}: the request failed before a response: {Failure}");

    private static readonly Action<ILogger, string, string, Exception?> Queued =
        LoggerMessage.Define<string, string>(
            LogLevel.Debug,
            new EventId(6, "NeonMutationQueued"),
            "Neon {OperationId}: queued behind the running operations of project {ProjectId}");

    public static void Sending(ILogger logger, string operationId, string method, string path, int attempt) =>
        SendingAttempt(logger, operationId, method, path, attempt, null);

    public static void Headers(ILogger logger, string operationId, Func<string> formatHeaders)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            RequestHeaders(logger, operationId, formatHeaders(), null);
        }
    }

    public static void Response(ILogger logger, string operationId, int status, TimeSpan elapsed, string? requestId) =>
        Answered(logger, operationId, status, Math.Round(elapsed.TotalMilliseconds, 1), requestId, null);

    public static void Retry(ILogger logger, string operationId, string reason, TimeSpan delay, int retry, int maxRetries) =>
        Retrying(logger, operationId, reason, Math.Round(delay.TotalMilliseconds), retry, maxRetries, null);

    public static void Failure(ILogger logger, string operationId, string failure) =>
        TransportFailed(logger, operationId, failure, null);

    public static void Queue(ILogger logger, string operationId, string projectId) =>
        Queued(logger, operationId, projectId, null);
}
