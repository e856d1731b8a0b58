using System;

namespace Neon.Api.Reliability;

/// <summary>Checks made once, when a client is built, so that the API key is only ever sent encrypted.</summary>
internal static class TransportSecurity
{
    /// <summary>
    /// Accepts an absolute https URL, or an http URL to a loopback host (an emulator), or any http URL when
    /// <paramref name="allowInsecureHttp"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is relative, uses another scheme, or is plain http to a remote host.</exception>
    public static void EnsureSafeBaseUrl(Uri baseUrl, bool allowInsecureHttp, string paramName)
    {
        if (baseUrl is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The Neon API base URL must be absolute, but was '{baseUrl}'.", paramName);
        }

        if (string.Equals(baseUrl.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.Equals(baseUrl.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The Neon API base URL must use https, but was '{baseUrl.GetLeftPart(UriPartial.Authority)}'.", paramName);
        }

        if (!baseUrl.IsLoopback && !allowInsecureHttp)
        {
            throw new ArgumentException(
                $"The Neon API base URL '{baseUrl.GetLeftPart(UriPartial.Authority)}' uses plain http, which would send the API key unencrypted. " +
                "Use https, a loopback address (for an emulator), or set NeonClientOptions.AllowInsecureHttp = true if the network is trusted.",
                paramName);
        }
    }

    /// <summary>Rejects a missing, empty or white-space API key with a message that says what to do.</summary>
    /// <exception cref="ArgumentException">The key is empty or white space.</exception>
    public static void EnsureApiKey(string? apiKey, string paramName)
    {
        if (apiKey is null)
        {
            throw new ArgumentNullException(paramName, "A Neon API key is required (create one in the Neon console; it is conventionally kept in NEON_API_KEY).");
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The Neon API key is empty or white space. Pass the key from the Neon console (conventionally kept in NEON_API_KEY).", paramName);
        }
    }
}
