using System.Text.Json.Nodes;

namespace Neon.Api.SpecUpdate.Specs;

/// <summary>Follows local <c>$ref</c> pointers (<c>#/components/...</c>) inside one document.</summary>
internal sealed class RefResolver(JsonObject document)
{
    /// <summary>The node itself, or what its <c>$ref</c> chain ends at; null when a pointer leads nowhere or loops.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (RefOf(node) is { } pointer)
        {
            if (!seen.Add(pointer))
            {
                return null;
            }

            node = Find(pointer);
        }

        return node;
    }

    /// <summary>The node's <c>$ref</c> value, when it is a reference.</summary>
    public static string? RefOf(JsonNode? node) =>
        node is JsonObject obj && obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var pointer) ? pointer : null;

    /// <summary>The node a local JSON pointer names, or null.</summary>
    public JsonNode? Find(string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? node = document;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
