using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Neon.Api.DependencyInjection;

/// <summary>
/// One <see cref="NeonProjectQueue"/> per API key and base URL for the whole container, however many clients it
/// creates: a mutation through one client waits for the operations started through another. Keys are held as hashes.
/// </summary>
internal sealed class NeonProjectQueues
{
    private readonly ConcurrentDictionary<string, NeonProjectQueue> _queues = new(StringComparer.Ordinal);

    public NeonProjectQueue For(string apiKey, Uri baseUri)
    {
#if NET8_0_OR_GREATER
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
#else
        using var sha = SHA256.Create();
        var hash = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(apiKey)));
#endif
        var where = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/').ToUpperInvariant();
        return _queues.GetOrAdd(hash + " " + where, _ => new NeonProjectQueue());
    }

    /// <summary>How many distinct queues exist (for tests).</summary>
    public int Count => _queues.Count;
}
