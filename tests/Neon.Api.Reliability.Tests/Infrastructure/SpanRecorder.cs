using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>
/// Listens to the client's source and to HttpClient's (<c>System.Net.Http</c>) and keeps the spans of one test: those
/// in the trace of the test's own root activity, which is current from construction on (other tests' spans are
/// ignored even if some ran at the same time).
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    public const string HttpClientSource = "System.Net.Http";

    private static readonly ActivitySource TestSource = new("Neon.Api.Reliability.Tests.Telemetry");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        // Read the test's source before the listener exists: creating it from inside ShouldListenTo would miss it.
        var caller = TestSource;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is NeonTelemetry.SourceName or HttpClientSource || source == caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        Root = caller.StartActivity("caller") ?? throw new InvalidOperationException("The test's own source is not listened to.");
    }

    /// <summary>The caller's activity, parent of every call the test makes.</summary>
    public Activity Root { get; }

    /// <summary>The client's spans of this test, in the order they ended.</summary>
    public IReadOnlyList<Activity> Calls => Of(NeonTelemetry.SourceName);

    /// <summary>HttpClient's spans of this test (one per attempt), in the order they ended.</summary>
    public IReadOnlyList<Activity> Attempts => Of(HttpClientSource);

    /// <summary>Every text the client's spans carry: tag values, event names and tags, status descriptions.</summary>
    public IEnumerable<string> RecordedTexts() =>
        Calls.SelectMany(span => span.TagObjects.Select(tag => tag.Value?.ToString())
            .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => tag.Value?.ToString()).Append(e.Name)))
            .Append(span.StatusDescription))
        .Select(text => text ?? string.Empty);

    public void Dispose()
    {
        _listener.Dispose();
        Root.Dispose();
    }

    private List<Activity> Of(string source) =>
        _stopped.Where(span => span.Source.Name == source && span.TraceId == Root.TraceId).ToList();
}
