using System;

namespace Neon.Api;

// Placeholder until the lead's Errors/NeonException.cs lands in main; deleted at the merge.
/// <summary>The root of every exception the Neon client raises.</summary>
public class NeonException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NeonException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
