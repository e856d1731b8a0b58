using System;
using Microsoft.Extensions.Logging;

namespace Neon.Api.Reliability;

/// <summary>
/// The client's log events (category <c>Neon.Api</c>). Each is checked with <see cref="ILogger.IsEnabled"/> first
/// and defined on first use, so that a client without a logger pays nothing, not even at start-up. None of them
/// carries a credential or a response value: paths hold resource ids, headers are shown only through
/// <see cref="SecretRedactor"/>.
/// </summary>
internal static class NeonLog
{
    /// <summary>The logger category the client uses when it creates a logger from a factory.</summary>
    public const string Category = "Neon.Api";

    public static void Sending(ILogger logger, string operationId, string method, string path, int attempt)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Events.SendingAttempt(logger, operationId, method, path, attempt, null);
        }
    }

    public static void Headers(ILogger logger, string operationId, Func<string> formatHeaders)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            Events.RequestHeaders(logger, operationId, formatHeaders(), null);
        }
    }

    public static void Response(ILogger logger, string operationId, int status, TimeSpan elapsed, string? requestId)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Events.Answered(logger, operationId, status, Math.Round(elapsed.TotalMilliseconds, 1), requestId, null);
        }
    }

    public static void Retry(ILogger logger, string operationId, string reason, TimeSpan delay, int retry, int maxRetries)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Events.Retrying(logger, operationId, reason, Math.Round(delay.TotalMilliseconds), retry, maxRetries, null);
        }
    }

    public static void Failure(ILogger logger, string operationId, string failure)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            Events.TransportFailed(logger, operationId, failure, null);
        }
    }

    public static void Queue(ILogger logger, string operationId, string projectId)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Events.Queued(logger, operationId, projectId, null);
        }
    }

    /// <summary>A response value that did not fit its property and was kept raw; names where, never what.</summary>
    public static void ValueKeptRaw(ILogger logger, string operationId, string path, string property, string expected, string found)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            Events.KeptRaw(logger, operationId, path, property, expected, found, null);
        }
    }

    /// <summary>The definitions, created the first time an enabled logger needs one.</summary>
    private static class Events
    {
        public static readonly Action<ILogger, string, string, string, int, Exception?> SendingAttempt =
            LoggerMessage.Define<string, string, string, int>(
                LogLevel.Debug,
                new EventId(1, "NeonRequestSending"),
                "Neon {OperationId}: {Method} {Path}, attempt {Attempt}");

        public static readonly Action<ILogger, string, string, Exception?> RequestHeaders =
            LoggerMessage.Define<string, string>(
                LogLevel.Trace,
                new EventId(2, "NeonRequestHeaders"),
                "Neon {OperationId} request headers:\n{Headers}");

        public static readonly Action<ILogger, string, int, double, string?, Exception?> Answered =
            LoggerMessage.Define<string, int, double, string?>(
                LogLevel.Debug,
                new EventId(3, "NeonResponseReceived"),
                "Neon {OperationId}: answered {Status} in {ElapsedMs} ms (request id {RequestId})");

        public static readonly Action<ILogger, string, string, double, int, int, Exception?> Retrying =
            LoggerMessage.Define<string, string, double, int, int>(
                LogLevel.Information,
                new EventId(4, "NeonRequestRetrying"),
                "Neon {OperationId}: {Reason}; retrying in {DelayMs} ms (retry {Retry} of {MaxRetries})");

        public static readonly Action<ILogger, string, string, Exception?> TransportFailed =
            LoggerMessage.Define<string, string>(
                LogLevel.Warning,
                new EventId(5, "NeonTransportFailure"),
                "Neon {OperationId}: the request failed before a response: {Failure}");

        public static readonly Action<ILogger, string, string, Exception?> Queued =
            LoggerMessage.Define<string, string>(
                LogLevel.Debug,
                new EventId(6, "NeonMutationQueued"),
                "Neon {OperationId}: queued behind the running operations of project {ProjectId}");

        public static readonly Action<ILogger, string, string, string, string, string, Exception?> KeptRaw =
            LoggerMessage.Define<string, string, string, string, string>(
                LogLevel.Warning,
                new EventId(7, "NeonResponseValueKeptRaw"),
                "Neon {OperationId}: the value at {JsonPath} does not fit {Property} ({ExpectedType}; a JSON {FoundKind} was sent); it is kept as sent in AdditionalProperties and the property is left unset");
    }
}
