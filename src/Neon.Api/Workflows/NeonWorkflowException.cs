using System;

namespace Neon.Api.Workflows;

/// <summary>
/// A workflow helper (<see cref="NeonWorkflowExtensions"/>) cannot do what was asked with what Neon answered, for
/// example a parent branch name that no branch has, a branch with several databases and none chosen, or a reset of a
/// branch that has no parent. The message says what to change.
/// </summary>
public class NeonWorkflowException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to change.</param>
    public NeonWorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong and what to change.</param>
    /// <param name="innerException">The underlying failure.</param>
    public NeonWorkflowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
