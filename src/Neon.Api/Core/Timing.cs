using System;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Core;

/// <summary>
/// Waits and deadlines on a <see cref="TimeProvider"/>, the client's one clock (<c>NeonClientOptions.TimeProvider</c>):
/// every delay, deadline, poll interval and elapsed time goes through here, so a fake clock drives all of them.
/// </summary>
internal static class Timing
{
    /// <summary>Completes after <paramref name="delay"/> on <paramref name="time"/>'s clock, or throws when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        return Task.Delay(delay, time, cancellationToken);
#else
        return time.Delay(delay, cancellationToken);
#endif
    }

    /// <summary>A source cancelled when <paramref name="delay"/> has passed on <paramref name="time"/>'s clock.</summary>
    public static CancellationTokenSource CancelAfter(TimeProvider time, TimeSpan delay)
    {
#if NET8_0_OR_GREATER
        return new CancellationTokenSource(delay, time);
#else
        return time.CreateCancellationTokenSource(delay);
#endif
    }
}

/// <summary>Something that carries the client's clock: the client and its operation groups (so waiting uses the client's clock by default).</summary>
internal interface INeonClock
{
    /// <summary>The client's clock.</summary>
    TimeProvider Time { get; }
}
