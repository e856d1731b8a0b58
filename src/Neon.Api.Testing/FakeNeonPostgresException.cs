using System;

namespace Neon.Api.Testing;

/// <summary>
/// PostgreSQL could not be used by an emulator in PostgreSQL mode (see <see cref="FakeNeonOptions.Postgres"/>): its
/// programs are missing, or one of them failed. The message says what to fix; it never holds a role's password.
/// </summary>
public sealed class FakeNeonPostgresException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public FakeNeonPostgresException()
        : this("PostgreSQL could not be used by the Neon emulator.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to fix.</param>
    public FakeNeonPostgresException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What failed and what to fix.</param>
    /// <param name="innerException">The cause.</param>
    public FakeNeonPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
