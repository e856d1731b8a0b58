using System;
using System.Globalization;

namespace Neon.Api.Core;

/// <summary>Durations and counts as messages say them.</summary>
internal static class Durations
{
    /// <summary>A duration for a message: "250 ms", "1.5 s", "2 min 30 s".</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return ((int)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
        }

        if (value < TimeSpan.FromMinutes(2))
        {
            return value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        return $"{(int)value.TotalMinutes} min" + (value.Seconds == 0 ? string.Empty : $" {value.Seconds} s");
    }

    /// <summary>"1 attempt", "3 attempts".</summary>
    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
