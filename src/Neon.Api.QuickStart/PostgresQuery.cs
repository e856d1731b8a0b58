using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
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
    /// Npgsql settings from a <c>postgresql://role:password@host[:port]/database[?sslmode=...]</c> URI (Npgsql reads
    /// key-value connection strings only). Pooling is off, so that every open really connects.
    /// </summary>
    public static NpgsqlConnectionStringBuilder ConnectionString(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var parsed = new Uri(uri);
        if (parsed.Scheme is not ("postgresql" or "postgres"))
        {
            throw new ArgumentException($"not a PostgreSQL connection URI (scheme '{parsed.Scheme}')", nameof(uri));
        }

        var user = parsed.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/')),
            Pooling = false,
            Timeout = 15,
        };
        if (parsed.Port > 0)
        {
            builder.Port = parsed.Port;
        }

        if (parsed.Query.Contains("sslmode=require", StringComparison.Ordinal))
        {
            builder.SslMode = SslMode.Require;
        }

        return builder;
    }

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
