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
        : this(message, timeout, attempts: 0, innerException)
    {
    }

    /// <summary>Creates the exception with the number of attempts made.</summary>
    /// <param name="message">What timed out, after how long and how many attempts.</param>
    /// <param name="timeout">The deadline that passed.</param>
    /// <param name="attempts">How many HTTP attempts were started before it passed.</param>
    /// <param name="innerException">The cancellation that ended the call.</param>
    public NeonTimeoutException(string message, TimeSpan timeout, int attempts, Exception? innerException)
        : base(message, innerException)
    {
        Timeout = timeout;
        Attempts = attempts;
    }

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// How many HTTP attempts were started before the deadline passed (0 when it passed while the call was queued
    /// behind the project's operations, or when unknown). A timed-out mutation may or may not have been applied.
    /// </summary>
    public int Attempts { get; }
}

/// <summary>The request could not reach the Neon API, or the connection failed before a response arrived.</summary>
public class NeonNetworkException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The transport's error.</param>
    public NeonNetworkException(string message, Exception? innerException)
        : this(message, attempts: 1, requestMayHaveReachedServer: true, innerException)
    {
    }

    /// <summary>Creates the exception with what the client knows about the attempts.</summary>
    /// <param name="message">What failed, and after how many attempts.</param>
    /// <param name="attempts">How many HTTP attempts were made.</param>
    /// <param name="requestMayHaveReachedServer">Whether the last attempt may have been received by the server.</param>
    /// <param name="innerException">The transport's error of the last attempt.</param>
    public NeonNetworkException(string message, int attempts, bool requestMayHaveReachedServer, Exception? innerException)
        : base(message, innerException)
    {
        Attempts = attempts;
        RequestMayHaveReachedServer = requestMayHaveReachedServer;
    }

    /// <summary>How many HTTP attempts were made (retries included).</summary>
    public int Attempts { get; }

    /// <summary>
    /// <see langword="false"/> when the failure proves the request never reached the server (connection refused,
    /// host name not resolved), so even a mutation was certainly not applied; <see langword="true"/> otherwise.
    /// </summary>
    public bool RequestMayHaveReachedServer { get; }
}
