using System;

namespace Neon.Api;

/// <summary>
/// A call to the Neon API did not complete within its deadline (<c>NeonClientOptions.Timeout</c> or the
/// per-call override of <c>NeonClient.WithTimeout</c>), or the injected <c>HttpClient</c>'s own
/// timeout elapsed.
/// </summary>
/// <remarks>
/// Distinct from cancellation by the caller, which surfaces as <see cref="OperationCanceledException"/> carrying the
/// caller's token, and from a network failure (<see cref="NeonNetworkException"/>). A timed-out mutating call may or
/// may not have been applied by the server.
/// </remarks>
public class NeonTimeoutException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message naming what timed out, after how long and how many attempts.</param>
    /// <param name="timeout">The deadline that elapsed.</param>
    /// <param name="attempts">How many HTTP attempts were started before the deadline elapsed.</param>
    /// <param name="innerException">The cancellation that the deadline caused, if any.</param>
    public NeonTimeoutException(string message, TimeSpan timeout, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
        Attempts = attempts;
    }

    /// <summary>The deadline that elapsed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many HTTP attempts were started before the deadline elapsed (0 when it elapsed while queued).</summary>
    public int Attempts { get; }
}
