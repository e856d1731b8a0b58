using System;

namespace Neon.Api;

/// <summary>
/// The root of every exception this library raises for a failed call: API errors (<see cref="NeonApiException"/>),
/// unreadable responses, timeouts and network failures. Catch it to handle any failure of a Neon call.
/// </summary>
public class NeonException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, in words a user understands.</param>
    public NeonException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened, in words a user understands.</param>
    /// <param name="innerException">The underlying failure.</param>
    public NeonException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
