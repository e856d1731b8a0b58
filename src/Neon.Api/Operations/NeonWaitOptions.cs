using System;

namespace Neon.Api.Operations;

/// <summary>How to wait for Neon operations: deadline, poll delays, and the clock.</summary>
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
    /// The clock the polls wait on and the deadline is measured on. Default <see langword="null"/>: the clock of the client
    /// the operations are read through (<c>NeonClientOptions.TimeProvider</c>), or <see cref="System.TimeProvider.System"/>
    /// for another <see cref="INeonOperationSource"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

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
