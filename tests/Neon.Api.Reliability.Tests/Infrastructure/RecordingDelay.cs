using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>An injected delay that never sleeps: it records what was asked and returns at once.</summary>
internal sealed class RecordingDelay
{
    private readonly ConcurrentQueue<TimeSpan> _requested = new();

    public TimeSpan[] Requested => [.. _requested];

    public int Count => _requested.Count;

    public TimeSpan Total => new(_requested.Sum(d => d.Ticks));

    public Task Invoke(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _requested.Enqueue(delay);
        return Task.CompletedTask;
    }
}
