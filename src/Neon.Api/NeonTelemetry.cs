using System.Diagnostics;
using System.Diagnostics.Metrics;
using Neon.Api.Core;

namespace Neon.Api;

/// <summary>
/// The names of the client's traces and metrics, which follow OpenTelemetry's semantic conventions. Add
/// <see cref="SourceName"/> to your tracer provider and <see cref="MeterName"/> to your meter provider.
/// </summary>
/// <remarks>
/// <para>
/// Traces: one <see cref="ActivityKind.Internal"/> activity per call, named after the call's operation id (for example
/// <c>getProject</c>), covering queueing, retries and the body read. Each HTTP attempt is HttpClient's own
/// <see cref="ActivityKind.Client"/> activity (source <c>System.Net.Http</c>), a child of it. Tags:
/// <c>server.address</c>, <c>server.port</c>, <c>http.request.method</c>, <c>url.template</c>,
/// <see cref="OperationIdAttribute"/>; at the end <c>http.response.status_code</c>, <see cref="RequestIdAttribute"/>,
/// <c>http.request.resend_count</c> (when the call was retried) and, on failure, <c>error.type</c>, an
/// <c>exception</c> event and the status <see cref="ActivityStatusCode.Error"/>.
/// </para>
/// <para>
/// <c>error.type</c> is the HTTP status code (for example <c>404</c>) when the call ended with an error status, and the
/// full name of the exception type otherwise (for example <c>Neon.Api.NeonNetworkException</c>). No tag, event or
/// description carries the API key: the texts recorded are the ones the client's exceptions show, with credentials
/// masked. Without a listener nothing is recorded and the send path does no extra work.
/// </para>
/// </remarks>
public static partial class NeonTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/>: <c>Neon.Api</c> (add it to your tracer provider).</summary>
    public const string SourceName = "Neon.Api";

    /// <summary>The name of the <see cref="Meter"/>: <c>Neon.Api</c>, like the source (add it to your meter provider).</summary>
    public const string MeterName = "Neon.Api";

    /// <summary>
    /// Histogram, in seconds: the duration of each call, from the moment it is made to its result (queueing, retries
    /// and the body read included). Tags: <see cref="OperationIdAttribute"/>, <c>http.response.status_code</c> (when a
    /// response came) and <c>error.type</c> (on failure).
    /// </summary>
    public const string OperationDurationMetric = "neon.client.operation.duration";

    /// <summary>
    /// Counter, in retries: one per attempt the client repeats. Tags: <see cref="OperationIdAttribute"/>,
    /// <see cref="RetryReasonAttribute"/> and <c>http.response.status_code</c> (when the reason is a status code).
    /// </summary>
    public const string RetriesMetric = "neon.client.retries";

    /// <summary>
    /// Histogram, in seconds: how long a mutating call waited in its project's queue (its turn, and the earlier
    /// mutations' operations) before it was sent. Tag: <see cref="OperationIdAttribute"/>.
    /// </summary>
    public const string ProjectQueueWaitMetric = "neon.client.project_queue.wait_time";

    /// <summary>
    /// Histogram, in seconds: how long <c>WaitForOperationsAsync</c> (<see cref="Operations.NeonOperationWaiter"/>)
    /// waited for Neon operations to finish. Tag: <c>error.type</c> when the wait failed, timed out or was canceled.
    /// </summary>
    public const string OperationWaitMetric = "neon.client.operation_wait.duration";

    /// <summary>The tag naming the API operation (the spec's <c>operationId</c>, for example <c>getProject</c>).</summary>
    public const string OperationIdAttribute = "neon.operation_id";

    /// <summary>The tag carrying the request id the API answered with (<c>X-Request-ID</c>), to quote to Neon support.</summary>
    public const string RequestIdAttribute = "neon.request_id";

    /// <summary>
    /// The tag saying why an attempt was repeated: <c>status_code</c> (423, 429, 503, or a 5xx for a read),
    /// <c>network_failure</c> (refused, reset, closed) or <c>timeout</c> (a connection that timed out).
    /// </summary>
    public const string RetryReasonAttribute = "neon.retry.reason";

    /// <summary>The client's activity source, versioned like the library.</summary>
    internal static ActivitySource Source { get; } = new(SourceName, NeonUserAgent.Version);
}
