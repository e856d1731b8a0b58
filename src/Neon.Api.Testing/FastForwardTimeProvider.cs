using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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
/// (the client's call timeout) fires only when waits carry the time past it, as it would on a real clock. The jump
/// happens on the thread pool right after the wait is armed, one timer at a time in order of due time; when a
/// deadline on the way ends the wait, the time stops there. Periodic timers fire as time passes but do not pull it
/// forward after their first tick.
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
    private readonly SortedSet<(DateTimeOffset Due, long Id)> _armed = new();
    private long _ids;

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

    /// <summary>How many times the time has jumped (to the end of a wait, or to a timer due before it).</summary>
    public int FastForwards { get; private set; }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // A timer whose state is a CancellationTokenSource is a deadline (CancelAfter on this provider): nobody waits
        // for it, so it must not pull the time forward; it fires when a wait carries the time past it.
        var timer = new Timer(this, Interlocked.Increment(ref _ids), isDeadline: state is CancellationTokenSource);
        timer.Inner = base.CreateTimer(callback, state, dueTime, period);
        timer.Arm(dueTime);
        return timer;
    }

    private void Track(Timer timer, DateTimeOffset? due)
    {
        lock (_forward)
        {
            if (timer.Due is { } old)
            {
                _armed.Remove((old, timer.Id));
            }

            timer.Due = due;
            if (due is { } value)
            {
                _armed.Add((value, timer.Id));
            }
        }
    }

    /// <summary>
    /// Moves the time to the end of <paramref name="wait"/> one event at a time: each step goes to the earliest armed
    /// timer and fires it; a deadline on the way that ends the wait stops the time where it fired.
    /// </summary>
    private void ForwardTo(Timer wait)
    {
        lock (_forward)
        {
            if (wait.Due is not { } end || _armed.Count == 0)
            {
                return;
            }

            var now = GetUtcNow();
            var next = _armed.Min.Due;
            if (next > end)
            {
                return;
            }

            _armed.RemoveWhere(t => t.Due <= next);
            FastForwards++;
            if (next > now)
            {
                Advance(next - now);
            }

            if (next == end)
            {
                return;
            }
        }

        // A timer due before the end of the wait fired (a deadline, another caller's wait). Its callbacks may end this
        // wait through a cancellation that the waiting code registers just after arming the timer, so the next step
        // waits a moment of real time for that registration (this only orders the jumps; it never decides an outcome
        // on its own: without the pause the wait would run to its end, as if its cancellation came late).
        _ = Task.Delay(TimeSpan.FromMilliseconds(1)).ContinueWith(_ => ForwardTo(wait), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed class Timer(FastForwardTimeProvider owner, long id, bool isDeadline) : ITimer
    {
        public long Id { get; } = id;

        public ITimer Inner { get; set; } = null!;

        /// <summary>When the timer fires next, while it is armed (kept by the owner, under its lock).</summary>
        public DateTimeOffset? Due { get; set; }

        public void Arm(TimeSpan dueTime)
        {
            bool armed = dueTime != Timeout.InfiniteTimeSpan && dueTime >= TimeSpan.Zero;
            owner.Track(this, armed ? owner.GetUtcNow() + dueTime : null);
            if (armed && !isDeadline && dueTime > TimeSpan.Zero)
            {
                ThreadPool.QueueUserWorkItem(_ => owner.ForwardTo(this));
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = Inner.Change(dueTime, period);
            if (changed)
            {
                Arm(dueTime);
            }

            return changed;
        }

        public void Dispose()
        {
            owner.Track(this, null);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
