using System.Security.Cryptography;

namespace Neon.Api.SpecUpdate.Fetching;

/// <summary>Subresource-integrity strings as npm records them (<c>dist.integrity</c>): <c>sha512-&lt;base64&gt;</c>.</summary>
internal static class PackageIntegrity
{
    /// <summary>The sha512 integrity string of some bytes.</summary>
    public static string Sha512(byte[] content) => "sha512-" + Convert.ToBase64String(SHA512.HashData(content));

    /// <summary>The lower-case hex sha256 of some bytes (what <c>openapi/provenance.json</c> records for the spec).</summary>
    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Throws unless <paramref name="content"/> matches <paramref name="expected"/>. npm may list several hashes
    /// separated by spaces; the strongest one this checks (sha512, else sha384, else sha256) must match.
    /// </summary>
    public static void Verify(byte[] content, string expected, string what)
    {
        var hashes = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Split('-', 2))
            .Where(h => h.Length == 2)
            .ToDictionary(h => h[0], h => h[1], StringComparer.OrdinalIgnoreCase);
        foreach (var (algorithm, hash) in new (string, Func<byte[], byte[]>)[] { ("sha512", SHA512.HashData), ("sha384", SHA384.HashData), ("sha256", SHA256.HashData) })
        {
            if (hashes.TryGetValue(algorithm, out var recorded))
            {
                var actual = Convert.ToBase64String(hash(content));
                if (!string.Equals(actual, recorded, StringComparison.Ordinal))
                {
                    throw new UpdateException($"{what} does not match the registry's integrity: expected {algorithm}-{recorded}, got {algorithm}-{actual}.");
                }

                return;
            }
        }

        throw new UpdateException($"The registry's integrity for {what} ('{expected}') names no sha512, sha384 or sha256 hash to check.");
    }
}
