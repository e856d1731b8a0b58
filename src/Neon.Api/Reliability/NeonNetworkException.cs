using System;

namespace Neon.Api;

/// <summary>
/// The Neon API could not be reached, or the connection failed before a complete response arrived
/// (connection refused or reset, name resolution failure, TLS failure, response ended early).
/// </summary>
/// <remarks>
/// Raised after the retries the request was eligible for (see <see cref="NeonRetryOptions"/>). The original
/// <see cref="System.Net.Http.HttpRequestException"/> or <see cref="System.IO.IOException"/> is the
/// <see cref="Exception.InnerException"/>. <see cref="RequestMayHaveReachedServer"/> tells whether a mutating call
/// may have been applied.
/// </remarks>
public class NeonNetworkException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message naming the call, the failure and the number of attempts.</param>
    /// <param name="attempts">How many HTTP attempts were made.</param>
    /// <param name="requestMayHaveReachedServer">Whether the last attempt may have reached the server.</param>
    /// <param name="innerException">The transport failure of the last attempt.</param>
    public NeonNetworkException(string message, int attempts, bool requestMayHaveReachedServer, Exception? innerException)
        : base(message, innerException)
    {
        Attempts = attempts;
        RequestMayHaveReachedServer = requestMayHaveReachedServer;
    }

    /// <summary>How many HTTP attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>
    /// <see langword="false"/> when the failure proves that the last attempt never reached the server (connection
    /// refused, name resolution failure); <see langword="true"/> when it may have been received and processed.
    /// </summary>
    public bool RequestMayHaveReachedServer { get; }
}
