using System;

namespace Neon.Api;

/// <summary>
/// The root of every exception this library throws on purpose: API errors, failed and timed-out operations.
/// </summary>
/// <remarks>Catch this type to handle every Neon-specific failure in one place.</remarks>
public class NeonException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public NeonException()
        : base("A Neon API call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public NeonException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NeonException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
