using System;

namespace Neon.Api;

/// <summary>
/// How the client retries a call that failed in a way that is safe to repeat.
/// </summary>
/// <remarks>
/// <para>What is retried:</para>
/// <list type="bullet">
/// <item>423 Locked, 429 Too Many Requests and 503 Service Unavailable, for every HTTP method: the server did not
/// process the request.</item>
/// <item>500, 502 and 504, and connection failures after the request may have been sent (connection reset, response
/// ended early), only for GET and HEAD.</item>
/// <item>Connection failures that prove the request never reached the server (connection refused, name resolution
/// failure, host or network unreachable), for every method.</item>
/// </list>
/// <para>
/// Delays grow exponentially from <see cref="BaseDelay"/> to <see cref="MaxDelay"/> with jitter (each delay is drawn
/// between half and all of <c>BaseDelay * 2^(retry - 1)</c>, capped). A <c>Retry-After</c> header (seconds or an HTTP
/// date) is honoured and never shortened; when it asks for longer than <see cref="MaxDelay"/> or than what is left of the
/// call's deadline, the client stops retrying and raises the exception for the status it received.
/// </para>
/// </remarks>
public sealed class NeonRetryOptions
{
    /// <summary>The default of <see cref="MaxRetries"/>: 4.</summary>
    public const int DefaultMaxRetries = 4;

    /// <summary>The default of <see cref="BaseDelay"/>: 0.5 seconds.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The default of <see cref="MaxDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    private int _maxRetries = DefaultMaxRetries;
    private TimeSpan _baseDelay = DefaultBaseDelay;
    private TimeSpan _maxDelay = DefaultMaxDelay;

    /// <summary>
    /// How many times a failed attempt is repeated (so a call makes at most <c>MaxRetries + 1</c> attempts).
    /// Default 4; 0 disables retries.
    /// </summary>
    public int MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetries must be 0 or more.");
    }

    /// <summary>The delay before the first retry, before jitter. Default 0.5 seconds.</summary>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        set => _baseDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "BaseDelay must not be negative.");
    }

    /// <summary>
    /// The longest the client waits between two attempts. Default 30 seconds. A <c>Retry-After</c> asking for longer
    /// ends the retries.
    /// </summary>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDelay must not be negative.");
    }

    internal NeonRetryOptions Clone() => (NeonRetryOptions)MemberwiseClone();
}
