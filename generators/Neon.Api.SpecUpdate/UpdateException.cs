namespace Neon.Api.SpecUpdate;

/// <summary>A failure the maintainer can act on; its message is printed as is, without a stack trace.</summary>
internal sealed class UpdateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpdateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public UpdateException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public UpdateException()
        : base("The spec update failed.")
    {
    }
}
