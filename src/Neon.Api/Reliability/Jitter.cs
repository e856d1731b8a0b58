using System;

namespace Neon.Api.Reliability;

/// <summary>
/// The random samples that spread retry delays, seeded from the client's clock: on the system clock every client
/// draws its own sequence; on a fake clock that starts at a fixed time the delays are the same on every run.
/// </summary>
internal sealed class Jitter
{
    private readonly object _lock = new();
    private readonly Random _random;

    public Jitter(TimeProvider time)
    {
        long seed = time.GetTimestamp() ^ time.GetUtcNow().UtcTicks;
        _random = new Random(unchecked((int)(seed ^ (seed >> 32))));
    }

    /// <summary>A sample in [0, 1).</summary>
    public double Next()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }
}
