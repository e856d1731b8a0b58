using System;
using System.Text;

namespace Neon.Api.Testing.Internal.State;

/// <summary>Neon-looking identifiers from a seeded generator, so runs are reproducible.</summary>
internal sealed partial class IdGenerator
{
    private static readonly string[] Adjectives =
    [
        "silent", "shiny", "winter", "floral", "bitter", "dark", "cool", "morning", "autumn", "billowing",
        "calm", "damp", "empty", "falling", "gentle", "hidden", "icy", "jolly", "late", "misty",
        "noisy", "old", "patient", "quiet", "restless", "small", "twilight", "young", "wild", "white",
    ];

    private static readonly string[] Nouns =
    [
        "river", "wind", "boat", "king", "sound", "snowflake", "darkness", "bread", "lake", "meadow",
        "sun", "field", "forest", "glade", "hill", "mountain", "night", "pond", "rain", "sea",
        "shadow", "sky", "smoke", "star", "stream", "thunder", "violet", "water", "wave", "leaf",
    ];

    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Random _random;

    public IdGenerator(int seed) => _random = new Random(seed);

    /// <summary>A project id such as <c>silent-river-12345678</c>.</summary>
    public string ProjectId() => $"{Words()}-{Digits(8)}";

    /// <summary>A branch id such as <c>br-silent-river-a1b2c3d4</c>.</summary>
    public string BranchId() => $"br-{Words()}-{Chars(Alphanumeric, 8)}";

    /// <summary>An endpoint id such as <c>ep-silent-river-a1b2c3d4</c>.</summary>
    public string EndpointId() => $"ep-{Words()}-{Chars(Alphanumeric, 8)}";

    /// <summary>An organization id such as <c>org-silent-river-12345678</c>.</summary>
    public string OrganizationId() => $"org-{Words()}-{Digits(8)}";

    /// <summary>A version 4 UUID.</summary>
    public Guid Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid byte order)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>A role password in Neon's style (<c>npg_</c> and twelve characters).</summary>
    public string Password() => "npg_" + Chars("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);

    /// <summary>An API key token (64 characters).</summary>
    public string ApiKeyToken() => Chars(Alphanumeric, 64);

    private string Words() => $"{Adjectives[_random.Next(Adjectives.Length)]}-{Nouns[_random.Next(Nouns.Length)]}";

    private string Digits(int count) => Chars("0123456789", count);

    private string Chars(string alphabet, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
