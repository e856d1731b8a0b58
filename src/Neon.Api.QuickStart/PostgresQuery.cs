using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Workflows;
using Npgsql;

namespace Neon.Api.QuickStart;

/// <summary>The quick start's PostgreSQL mode: a real query through the connection URI the API returned.</summary>
internal static class PostgresQuery
{
    /// <summary>The command-line switch of the mode.</summary>
    public const string Switch = "--postgres";

    /// <summary>The environment variable that turns the mode on as the switch does (any non-empty value but <c>0</c>).</summary>
    public const string Variable = "NEON_QUICKSTART_POSTGRES";

    /// <summary>The query the mode runs.</summary>
    public const string Query = "select current_user, current_database(), version()";

    /// <summary>True when the mode was asked for on the command line or in the environment.</summary>
    public static bool Requested(string[] args, Func<string, string?> environment) =>
        Array.IndexOf(args, Switch) >= 0 || environment(Variable) is { Length: > 0 } value && value != "0";

    /// <summary>
    /// Npgsql settings from a <c>postgresql://role:password@host[:port]/database[?sslmode=...]</c> URI, read by the
    /// client's <see cref="NeonConnectionInfo"/> (Npgsql reads key-value connection strings only). Pooling is off, so
    /// that every open really connects.
    /// </summary>
    /// <exception cref="FormatException">The text is not a PostgreSQL connection URI with a role and a password.</exception>
    public static NpgsqlConnectionStringBuilder ConnectionString(string uri) =>
        new(NeonConnectionInfo.Parse(uri, uri).ConnectionString) { Pooling = false, Timeout = 15 };

    /// <summary>Runs <see cref="Query"/> through the URI and prints the answer.</summary>
    public static async Task RunAsync(string uri, TextWriter output, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(uri).ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        output.WriteLine($"SQL> {Query}");
        output.WriteLine($"  current_user = {reader.GetString(0)}, current_database() = {reader.GetString(1)}");
        output.WriteLine($"  {reader.GetString(2)}");
    }
}
