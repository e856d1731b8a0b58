using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Neon.Api.Testing;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>
/// The client's clock in these tests: a <see cref="FastForwardTimeProvider"/> (waits take no real time) that also
/// records every wait the client asked for. Deadlines (timers of a <see cref="CancellationTokenSource"/>) are not waits.
/// </summary>
internal sealed class RecordingClock : FastForwardTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _requested = new();

    public TimeSpan[] Requested => [.. _requested];

    public int Count => _requested.Count;

    public TimeSpan Total => new(_requested.Sum(d => d.Ticks));

    /// <summary>Runs when the client starts a wait, with the number of waits so far (this one included).</summary>
    public Action<int>? OnWait { get; set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (state is not CancellationTokenSource && dueTime != Timeout.InfiniteTimeSpan)
        {
            _requested.Enqueue(dueTime);
            OnWait?.Invoke(_requested.Count);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
