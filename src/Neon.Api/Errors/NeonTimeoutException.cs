using System;

namespace Neon.Api;

/// <summary>
/// A call did not complete within its deadline. Distinct from the caller's own cancellation (which surfaces as an
/// <see cref="OperationCanceledException"/> for the caller's token) and from network failures.
/// </summary>
public class NeonTimeoutException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out, and after how long.</param>
    /// <param name="timeout">The deadline that passed.</param>
    /// <param name="innerException">The cancellation that ended the call.</param>
    public NeonTimeoutException(string message, TimeSpan timeout, Exception? innerException)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The request could not reach the Neon API, or the connection failed before a response arrived.</summary>
public class NeonNetworkException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The transport's error.</param>
    public NeonNetworkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
