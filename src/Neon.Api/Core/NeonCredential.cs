using System;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Neon.Api.Core;

/// <summary>Holds the API key and hands out a fresh <c>Authorization</c> header per request; never prints the key.</summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class NeonCredential
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _apiKey;

    public NeonCredential(string apiKey)
    {
        if (apiKey is null)
        {
            throw new ArgumentNullException(nameof(apiKey), "A Neon API key is required (create one in the Neon Console under Account settings > API keys; the conventional variable is NEON_API_KEY).");
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The Neon API key is empty or whitespace. Pass the key from the Neon Console (for example from the NEON_API_KEY variable).", nameof(apiKey));
        }

        var trimmed = apiKey.Trim();
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException("The Neon API key contains whitespace or control characters; check that it was copied whole and alone.", nameof(apiKey));
            }
        }

        if (trimmed.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) && trimmed.Length == "Bearer".Length)
        {
            throw new ArgumentException("Pass the API key itself, not the word 'Bearer'.", nameof(apiKey));
        }

        _apiKey = trimmed;
    }

    public AuthenticationHeaderValue CreateHeader() => new("Bearer", _apiKey);

    /// <summary>A redactor that removes this key from text shown to users (exception messages, snippets).</summary>
    public Reliability.SecretRedactor CreateRedactor() => new(_apiKey);

    public override string ToString() => "NeonCredential(***)";
}
