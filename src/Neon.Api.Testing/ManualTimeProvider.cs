using System;

namespace Neon.Api.Testing;

/// <summary>
/// A clock that only moves when told to, so tests drive operations without sleeping.
/// </summary>
/// <remarks>
/// Only <see cref="GetUtcNow"/> is manual; timers created through this provider use the system clock.
/// The emulator reads the clock and never waits on it.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    /// <summary>Creates a clock that starts at <paramref name="start"/> (default 2026-01-01T00:00:00Z).</summary>
    /// <param name="start">The initial time.</param>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="delta">How far; must not be negative.</param>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "The clock cannot move backwards.");
        }

        lock (_gate)
        {
            _now += delta;
        }
    }

    /// <summary>Sets the clock to a given time; it must not be earlier than the current time.</summary>
    /// <param name="value">The new time.</param>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The clock cannot move backwards.");
            }

            _now = value;
        }
    }
}
