using System;
using System.Threading;

namespace Neon.Api.Reliability;

/// <summary>The settings the send path's policies read, fixed when a client is built.</summary>
internal sealed class ReliabilitySettings
{
    /// <summary>The default of <see cref="MaxResponseBodySize"/>: 32 MiB.</summary>
    public const long DefaultMaxResponseBodySize = 32L * 1024 * 1024;

    /// <summary>How much of an error response's body is read: enough for any Neon error document.</summary>
    public const long ErrorBodyLimit = 64 * 1024;

    private static readonly object RandomLock = new();
    private static readonly Random SharedRandom = new();

    /// <summary>Retry counts and delays, and the delay function.</summary>
    public NeonRetryOptions Retry { get; set; } = new();

    /// <summary>The deadline of a call including its retries; <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The largest success body the client reads.</summary>
    public long MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>Whether mutating calls on one project queue behind its outstanding operations.</summary>
    public bool QueueProjectMutations { get; set; } = true;

    /// <summary>The API base URL (to find the project in a request path and to build operation URLs).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Removes the API key from anything shown.</summary>
    public SecretRedactor Redactor { get; set; } = new(null);

    /// <summary>The jitter source, a sample in [0, 1).</summary>
    public Func<double> Random { get; set; } = NextShared;

    /// <summary>Normalizes a timeout: zero, negative or infinite means none.</summary>
    public static TimeSpan? EffectiveTimeout(TimeSpan? timeout) =>
        timeout is TimeSpan t && t > TimeSpan.Zero && t != System.Threading.Timeout.InfiniteTimeSpan ? t : null;

    private static double NextShared()
    {
        lock (RandomLock)
        {
            return SharedRandom.NextDouble();
        }
    }
}
