using System;
using System.Threading;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>The system clock running <c>scale</c> times faster: every wait is that much shorter, every elapsed time that much longer.</summary>
internal sealed class ScaledTimeProvider(int scale) : TimeProvider
{
    private readonly long _start = System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public override long GetTimestamp() => _start + ((System.GetTimestamp() - _start) * scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Shrink(dueTime), Shrink(period));

    private TimeSpan Shrink(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks(span.Ticks / scale);
}
