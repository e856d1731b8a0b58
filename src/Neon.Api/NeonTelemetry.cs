using System.Diagnostics;
using Neon.Api.Core;

namespace Neon.Api;

/// <summary>
/// The client's tracing: one <see cref="ActivityKind.Client"/> activity per call, named <c>Neon {operationId}</c>, from
/// the source <see cref="SourceName"/>. Tags: <c>neon.operation_id</c>, <c>http.request.method</c>, <c>url.template</c>,
/// <c>http.response.status_code</c>, <c>neon.request_id</c>, and <c>error.type</c> on failure. No tag carries a credential.
/// </summary>
public static class NeonTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/>: <c>Neon.Api</c> (add it to your tracer provider).</summary>
    public const string SourceName = "Neon.Api";

    internal static ActivitySource Source { get; } = new(SourceName, NeonUserAgent.Version);
}
