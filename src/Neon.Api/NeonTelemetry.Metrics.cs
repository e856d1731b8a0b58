using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Sockets;
using Neon.Api.Core;

namespace Neon.Api;

/// <summary>The client's meter and instruments, and the rules that turn what happened into tags.</summary>
public static partial class NeonTelemetry
{
    /// <summary>The semantic conventions' tag for the final HTTP status code.</summary>
    internal const string StatusCodeTag = "http.response.status_code";

    /// <summary>The semantic conventions' tag for the class of error an operation ended with.</summary>
    internal const string ErrorTypeTag = "error.type";

    // Field order matters: the buckets and the meter are created before the instruments that use them.
#if NET9_0_OR_GREATER
    // Calls last from milliseconds (a read) to minutes (a queued mutation, a wait for operations); the SDK's default
    // buckets are meant for milliseconds and would put every value in the first one.
    private static readonly IReadOnlyList<double> DurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
#endif

    /// <summary>The client's meter, named and versioned like <see cref="Source"/>.</summary>
    internal static Meter Meter { get; } = new(MeterName, NeonUserAgent.Version);

    /// <summary><see cref="OperationDurationMetric"/>.</summary>
    internal static Histogram<double> OperationDuration { get; } =
        CreateDuration(OperationDurationMetric, "Duration of Neon API calls, queueing, retries and the body read included.");

    /// <summary><see cref="RetriesMetric"/>.</summary>
    internal static Counter<long> Retries { get; } =
        Meter.CreateCounter<long>(RetriesMetric, "{retry}", "Attempts of Neon API calls that the client repeated.");

    /// <summary><see cref="ProjectQueueWaitMetric"/>.</summary>
    internal static Histogram<double> ProjectQueueWait { get; } =
        CreateDuration(ProjectQueueWaitMetric, "Time a mutating call waited in its project's queue before it was sent.");

    /// <summary><see cref="OperationWaitMetric"/>.</summary>
    internal static Histogram<double> OperationWait { get; } =
        CreateDuration(OperationWaitMetric, "Time spent waiting for Neon operations to finish.");

    /// <summary>Whether a call needs to be observed at all: someone listens to the source or to the call durations.</summary>
    internal static bool ObservesCalls => Source.HasListeners() || OperationDuration.Enabled;

    /// <summary>Whether someone listens to <see cref="OperationWaitMetric"/> (the waiter measures nothing otherwise).</summary>
    internal static bool MeasuresOperationWaits => OperationWait.Enabled;

    /// <summary>
    /// The <c>error.type</c> of a failure: the status code for an error status (as the HTTP conventions do), otherwise
    /// the exception type's full name.
    /// </summary>
    internal static string ErrorType(Exception exception) =>
        exception is NeonApiException api
            ? api.Status.ToString(CultureInfo.InvariantCulture)
            : exception.GetType().FullName ?? exception.GetType().Name;

    /// <summary>Why an attempt is repeated: a retryable status, or a transport failure that was (or was not) a timeout.</summary>
    /// <param name="status">The attempt's status code, when it got a response.</param>
    /// <param name="failure">The attempt's transport failure, when it got none.</param>
    internal static string RetryReason(int? status, Exception? failure)
    {
        if (status is not null)
        {
            return "status_code";
        }

        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or OperationCanceledException or SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                return "timeout";
            }
        }

        return "network_failure";
    }

    /// <summary>Records one finished call.</summary>
    internal static void RecordOperation(string operationId, int? status, string? errorType, TimeSpan elapsed)
    {
        if (!OperationDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { OperationIdAttribute, operationId } };
        if (status is int code)
        {
            tags.Add(StatusCodeTag, code);
        }

        if (errorType is not null)
        {
            tags.Add(ErrorTypeTag, errorType);
        }

        OperationDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records one repeated attempt (the retry stage calls it when it decides to retry).</summary>
    internal static void RecordRetry(string operationId, int? status, Exception? failure)
    {
        if (!Retries.Enabled)
        {
            return;
        }

        var tags = new TagList { { OperationIdAttribute, operationId }, { RetryReasonAttribute, RetryReason(status, failure) } };
        if (status is int code)
        {
            tags.Add(StatusCodeTag, code);
        }

        Retries.Add(1, tags);
    }

    /// <summary>Records how long a mutating call waited for its turn in the project queue.</summary>
    internal static void RecordProjectQueueWait(string operationId, TimeSpan waited)
    {
        if (ProjectQueueWait.Enabled)
        {
            ProjectQueueWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(OperationIdAttribute, operationId));
        }
    }

    /// <summary>Records one wait for operations, with the failure that ended it, if any.</summary>
    internal static void RecordOperationWait(TimeSpan waited, Exception? failure)
    {
        if (!OperationWait.Enabled)
        {
            return;
        }

        if (failure is null)
        {
            OperationWait.Record(waited.TotalSeconds);
        }
        else
        {
            OperationWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(ErrorTypeTag, ErrorType(failure)));
        }
    }

    private static Histogram<double> CreateDuration(string name, string description) =>
#if NET9_0_OR_GREATER
        Meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
#else
        Meter.CreateHistogram<double>(name, "s", description);
#endif
}
