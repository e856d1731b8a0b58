using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;

namespace Neon.Api.Workflows;

/// <summary>
/// What a program needs to connect to a Neon database: host (direct and pooled), database, role, password, and the same
/// as a <c>postgresql://</c> URI and as an Npgsql connection string, each direct or through Neon's connection pooler.
/// </summary>
/// <remarks>
/// The password is a secret: it is in <see cref="Password"/>, the URIs and the connection strings, and nowhere else.
/// <see cref="ToString"/> (and so string interpolation, logging and debugger summaries) shows the host, database and role
/// with the password masked.
/// </remarks>
public sealed class NeonConnectionInfo
{
    private const string Mask = "****";

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    private static readonly Dictionary<string, string> ChannelBindings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
    };

    private readonly ParsedUri _direct;
    private readonly ParsedUri _pooled;

    private NeonConnectionInfo(ParsedUri direct, ParsedUri pooled, string connectionUri, string pooledConnectionUri)
    {
        _direct = direct;
        _pooled = pooled;
        ConnectionUri = connectionUri;
        PooledConnectionUri = pooledConnectionUri;
        ConnectionString = ToConnectionString(direct);
        PooledConnectionString = ToConnectionString(pooled);
    }

    /// <summary>The endpoint's host name for direct connections, for example <c>ep-cool-darkness-123456.us-east-2.aws.neon.tech</c>.</summary>
    public string Host => _direct.Host;

    /// <summary>The host name of Neon's connection pooler (PgBouncer) for the same endpoint, the <c>-pooler</c> host.</summary>
    public string PooledHost => _pooled.Host;

    /// <summary>The port, when the URI names one; otherwise <see langword="null"/> (PostgreSQL's default, 5432).</summary>
    public int? Port => _direct.Port;

    /// <summary>The database name.</summary>
    public string Database => _direct.Database;

    /// <summary>The role (user) name.</summary>
    public string Role => _direct.Role;

    /// <summary>The role's password. A secret: never log it.</summary>
    public string Password => _direct.Password;

    /// <summary>The URI's <c>sslmode</c>, for example <c>require</c>; <see langword="null"/> when it has none.</summary>
    public string? SslMode => _direct.SslMode;

    /// <summary>The URI's <c>channel_binding</c>, for example <c>require</c>; <see langword="null"/> when it has none.</summary>
    public string? ChannelBinding => _direct.ChannelBinding;

    /// <summary>The direct connection URI as Neon returned it (<c>postgresql://role:password@host/database?sslmode=require</c>). Contains the password.</summary>
    public string ConnectionUri { get; }

    /// <summary>The pooled connection URI (the <c>-pooler</c> host). Contains the password.</summary>
    public string PooledConnectionUri { get; }

    /// <summary>
    /// An Npgsql (ADO.NET) connection string for a direct connection: <c>Host</c>, <c>Port</c> when known,
    /// <c>Database</c>, <c>Username</c>, <c>Password</c>, and <c>SSL Mode</c> and <c>Channel Binding</c> from the URI.
    /// Contains the password.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>The same as <see cref="ConnectionString"/> through the connection pooler (<see cref="PooledHost"/>). Contains the password.</summary>
    public string PooledConnectionString { get; }

    /// <summary>The direct URI with the password replaced by <c>****</c>, for display.</summary>
    public string MaskedConnectionUri => Masked(ConnectionUri);

    /// <summary>Reads a connection from Neon's connection URIs.</summary>
    /// <param name="connectionUri">The direct URI, <c>postgresql://role:password@host[:port]/database[?sslmode=...]</c> (or <c>postgres://</c>).</param>
    /// <param name="pooledConnectionUri">The pooled URI (the same with the <c>-pooler</c> host), for example from <c>getConnectionURI</c> with <c>pooled=true</c>.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentNullException">A URI is null.</exception>
    /// <exception cref="FormatException">A URI is not a PostgreSQL URI with a host, a role, a password and a database, or the two name different roles or databases. The message never quotes the URI.</exception>
    public static NeonConnectionInfo Parse(string connectionUri, string pooledConnectionUri)
    {
        var direct = ParsedUri.Read(connectionUri ?? throw new ArgumentNullException(nameof(connectionUri)), "connection URI");
        var pooled = ParsedUri.Read(pooledConnectionUri ?? throw new ArgumentNullException(nameof(pooledConnectionUri)), "pooled connection URI");
        if (!string.Equals(direct.Role, pooled.Role, StringComparison.Ordinal) || !string.Equals(direct.Database, pooled.Database, StringComparison.Ordinal))
        {
            throw new FormatException($"The pooled connection URI names role '{pooled.Role}' and database '{pooled.Database}', the direct one role '{direct.Role}' and database '{direct.Database}'; they must name the same.");
        }

        return new NeonConnectionInfo(direct, pooled, connectionUri, pooledConnectionUri);
    }

    /// <summary>The connection string, direct or pooled.</summary>
    /// <param name="pooled">Whether to connect through Neon's connection pooler.</param>
    /// <returns><see cref="PooledConnectionString"/> or <see cref="ConnectionString"/>.</returns>
    public string GetConnectionString(bool pooled) => pooled ? PooledConnectionString : ConnectionString;

    /// <summary>Describes the connection with the password masked.</summary>
    /// <returns>For example <c>NeonConnectionInfo { Host = ep-...neon.tech, PooledHost = ep-...-pooler..., Database = neondb, Role = app, Password = **** }</c>.</returns>
    public override string ToString() =>
        $"NeonConnectionInfo {{ Host = {Host}, PooledHost = {PooledHost}, Database = {Database}, Role = {Role}, Password = {Mask} }}";

    /// <summary>
    /// The pooled URI for a direct URI whose host Neon reported as <paramref name="host"/>, with Neon's reported pooler
    /// host in its place; <see langword="null"/> when the URI's host is not <paramref name="host"/>.
    /// </summary>
    internal static string? WithPoolerHost(string connectionUri, string host, string poolerHost)
    {
        var at = connectionUri.LastIndexOf("@" + host, StringComparison.OrdinalIgnoreCase);
        var end = at + 1 + host.Length;
        if (at < 0 || string.IsNullOrEmpty(poolerHost) || (end < connectionUri.Length && connectionUri[end] is not (':' or '/' or '?')))
        {
            return null;
        }

        return connectionUri.Substring(0, at + 1) + poolerHost + connectionUri.Substring(end);
    }

    private static string Masked(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var at = uri.LastIndexOf('@');
        var colon = scheme < 0 || at < 0 ? -1 : uri.IndexOf(':', scheme + 3);
        return colon < 0 || colon > at ? uri : uri.Substring(0, colon + 1) + Mask + uri.Substring(at);
    }

    private static string ToConnectionString(ParsedUri uri)
    {
        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = uri.Host,
        };
        if (uri.Port is { } port)
        {
            builder["Port"] = port.ToString(CultureInfo.InvariantCulture);
        }

        builder["Database"] = uri.Database;
        builder["Username"] = uri.Role;
        builder["Password"] = uri.Password;
        if (uri.SslMode is { } sslMode)
        {
            builder["SSL Mode"] = SslModes.TryGetValue(sslMode, out var mode) ? mode : sslMode;
        }

        if (uri.ChannelBinding is { } channelBinding)
        {
            builder["Channel Binding"] = ChannelBindings.TryGetValue(channelBinding, out var binding) ? binding : channelBinding;
        }

        return builder.ConnectionString;
    }

    /// <summary>The parts of a <c>postgresql://</c> URI (never printed: it holds the password).</summary>
    private sealed class ParsedUri
    {
        public readonly string Host;
        public readonly int? Port;
        public readonly string Database;
        public readonly string Role;
        public readonly string Password;
        public readonly string? SslMode;
        public readonly string? ChannelBinding;

        private ParsedUri(string host, int? port, string database, string role, string password, string? sslMode, string? channelBinding)
        {
            (Host, Port, Database, Role, Password, SslMode, ChannelBinding) = (host, port, database, role, password, sslMode, channelBinding);
        }

        /// <summary>Reads the URI; the errors name what is missing, never the URI (it holds the password).</summary>
        public static ParsedUri Read(string text, string what)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgresql" or "postgres") || string.IsNullOrEmpty(uri.Host))
            {
                throw new FormatException($"The {what} is not a postgresql:// URI with a host.");
            }

            var userInfo = uri.UserInfo;
            var colon = userInfo.IndexOf(':');
            if (colon <= 0 || colon == userInfo.Length - 1)
            {
                throw new FormatException($"The {what} of host {uri.Host} does not carry a role and a password (postgresql://role:password@host/database).");
            }

            var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            if (database.Length == 0)
            {
                throw new FormatException($"The {what} of host {uri.Host} names no database (postgresql://role:password@host/database).");
            }

            string? sslMode = null;
            string? channelBinding = null;
            foreach (var pair in uri.Query.TrimStart('?').Split('&'))
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair.Substring(0, equals);
                var rawValue = equals < 0 ? string.Empty : pair.Substring(equals + 1);
                var value = Uri.UnescapeDataString(rawValue);
                if (string.Equals(name, "sslmode", StringComparison.OrdinalIgnoreCase))
                {
                    sslMode = value;
                }
                else if (string.Equals(name, "channel_binding", StringComparison.OrdinalIgnoreCase))
                {
                    channelBinding = value;
                }
            }

            var role = userInfo.Substring(0, colon);
            var password = userInfo.Substring(colon + 1);
            return new ParsedUri(
                uri.Host,
                uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port,
                database,
                Uri.UnescapeDataString(role),
                Uri.UnescapeDataString(password),
                sslMode,
                channelBinding);
        }
    }
}
