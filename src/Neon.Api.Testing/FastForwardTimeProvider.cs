using System;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace Neon.Api.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that fast-forwards: as soon as code starts waiting on it (<c>Task.Delay</c> with
/// this provider, the client's retry delays and operation polls), its time jumps to the end of that wait. Pass the
/// same instance to the emulator (<see cref="FakeNeonOptions.TimeProvider"/>) and to the client
/// (<c>NeonClientOptions.TimeProvider</c>): operations that take minutes then finish in milliseconds, and the
/// client's deadlines, elapsed times and operation timestamps all read the same virtual time.
/// </summary>
/// <remarks>
/// <para>
/// Deadlines do not move time: a <see cref="CancellationTokenSource"/> that cancels after a delay on this provider
/// (the client's call timeout) fires only when waits carry the time past it, as it would on a real clock. Each jump
/// happens on the thread pool right after the wait is armed, and fires every timer due on the way in order of due
/// time.
/// </para>
/// <para>
/// One flow of calls at a time gets exactly the schedule it asked for. Calls running concurrently share one clock,
/// so a wait of one call carries the time forward for all of them, as real time would.
/// </para>
/// <para>
/// A plain <see cref="FakeTimeProvider"/> works too, but nothing moves it: a test then calls
/// <see cref="FakeTimeProvider.Advance(TimeSpan)"/> while a call waits, which is right for checking an exact
/// schedule and wrong for letting a workflow run.
/// </para>
/// </remarks>
public class FastForwardTimeProvider : FakeTimeProvider
{
    private readonly object _forward = new();

    /// <summary>Creates a provider whose time starts at 2026-01-01T00:00:00Z.</summary>
    public FastForwardTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Creates a provider whose time starts at <paramref name="startDateTime"/>.</summary>
    /// <param name="startDateTime">The initial time.</param>
    public FastForwardTimeProvider(DateTimeOffset startDateTime)
        : base(startDateTime)
    {
    }

    /// <summary>How many times the time has jumped to the end of a wait.</summary>
    public int FastForwards { get; private set; }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // A timer whose state is a CancellationTokenSource is a deadline (CancelAfter on this provider): nobody waits
        // for it, so it must not pull the time forward.
        var timer = new Timer(this, base.CreateTimer(callback, state, dueTime, period), isDeadline: state is CancellationTokenSource);
        timer.Arm(dueTime);
        return timer;
    }

    private void ForwardTo(DateTimeOffset target)
    {
        lock (_forward)
        {
            var now = GetUtcNow();
            if (target > now)
            {
                FastForwards++;
                Advance(target - now);
            }
        }
    }

    private sealed class Timer(FastForwardTimeProvider owner, ITimer inner, bool isDeadline) : ITimer
    {
        private int _generation;
        private bool _disposed;

        public void Arm(TimeSpan dueTime)
        {
            if (isDeadline || dueTime <= TimeSpan.Zero || dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            var target = owner.GetUtcNow() + dueTime;
            int generation = Interlocked.Increment(ref _generation);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!Volatile.Read(ref _disposed) && Volatile.Read(ref _generation) == generation)
                {
                    owner.ForwardTo(target);
                }
            });
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            if (changed)
            {
                Arm(dueTime);
            }

            return changed;
        }

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            inner.Dispose();
        }

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
