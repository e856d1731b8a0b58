using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Neon.Api.Reliability;

/// <summary>
/// Keeps the API key (and any other credential) out of everything the client shows: exception messages, body
/// snippets, header dumps.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    private static readonly HashSet<string> SensitiveHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization",
        "Proxy-Authorization",
        "Cookie",
        "Set-Cookie",
        "X-Api-Key",
        "Api-Key",
    };

    // A bearer credential in free text, e.g. an HTML error page that echoes the request headers.
    private static readonly Regex BearerToken = new(@"(?i)\b(bearer)\s+[^\s""'<>,;]+", RegexOptions.CultureInvariant);

    private readonly string? _secret;

    /// <summary>Creates a redactor that also removes the literal <paramref name="secret"/> from text.</summary>
    public SecretRedactor(string? secret)
    {
        _secret = string.IsNullOrWhiteSpace(secret) ? null : secret!.Trim();
    }

    /// <summary>Whether a header carries credentials and must never be shown.</summary>
    public static bool IsSensitiveHeader(string name) => SensitiveHeaders.Contains(name);

    /// <summary>Formats headers one per line as <c>Name: value</c>, credentials masked.</summary>
    public static string FormatHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var text = new StringBuilder();
        foreach (var header in headers)
        {
            text.Append(header.Key).Append(": ")
                .Append(IsSensitiveHeader(header.Key) ? Mask : string.Join(", ", header.Value))
                .Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds the API key or a bearer credential.</summary>
    public bool Reveals(string? text) => !string.Equals(Scrub(text), text, StringComparison.Ordinal);

    /// <summary>Removes the API key and any bearer credential from <paramref name="text"/>.</summary>
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        string result = text!;
        if (_secret is not null && result.Contains(_secret))
        {
            result = result.Replace(_secret, Mask);
        }

        return BearerToken.Replace(result, "$1 " + Mask);
    }
}
