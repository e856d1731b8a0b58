namespace Neon.Api.Testing.Internal.Postgres;

/// <summary>Quoting for the SQL the backend sends through <c>psql</c>.</summary>
internal static class Sql
{
    /// <summary>A quoted identifier: <c>"name"</c> with inner quotes doubled.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";

    /// <summary>A string literal: <c>'text'</c> with inner quotes doubled (standard_conforming_strings is on).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", System.StringComparison.Ordinal) + "'";
}
