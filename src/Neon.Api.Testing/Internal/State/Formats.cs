using System;
using System.Globalization;

namespace Neon.Api.Testing.Internal.State;

/// <summary>Wire formats Neon uses.</summary>
internal static class Formats
{
    /// <summary>RFC 3339 with second precision, as Neon sends it: <c>2022-11-23T17:42:25Z</c>.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
