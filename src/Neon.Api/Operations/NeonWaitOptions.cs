using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Operations;

/// <summary>How to wait for Neon operations: deadline, poll delays, and (for tests) the delay and clock to use.</summary>
public sealed class NeonWaitOptions
{
    /// <summary>The default options: a 300 second deadline, polls 250 ms apart at first growing by 1.5x to 5 s apart.</summary>
    public static NeonWaitOptions Default { get; } = new();

    /// <summary>How long to wait in total before giving up with <see cref="NeonOperationTimeoutException"/>. Default 300 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The delay before the first poll. Default 250 ms.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay between two polls. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The factor by which the delay grows after each poll. Default 1.5.</summary>
    public double BackoffFactor { get; set; } = 1.5;

    /// <summary>
    /// Waits between polls; <see langword="null"/> means <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.
    /// Tests set a delay that returns at once (and advances a fake <see cref="Clock"/>).
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; set; }

    /// <summary>
    /// A monotonic clock the deadline is measured on; <see langword="null"/> means a <see cref="Stopwatch"/>.
    /// Only differences between its values matter.
    /// </summary>
    public Func<TimeSpan>? Clock { get; set; }

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive.");
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "The delays must satisfy 0 <= InitialDelay <= MaxDelay.");
        }

        if (double.IsNaN(BackoffFactor) || BackoffFactor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffFactor), BackoffFactor, "The backoff factor must be at least 1.");
        }
    }
}
