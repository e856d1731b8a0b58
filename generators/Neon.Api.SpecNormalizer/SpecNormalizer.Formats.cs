using System.Text.Json.Nodes;

namespace Neon.Api.SpecNormalizer;

// The format rules: uuid formats dropped, unformatted integers sized from their bounds (see the class remarks).
internal sealed partial class SpecNormalizer
{
    private static void DropUuidFormats(JsonNode? node) => VisitObjects(node, obj =>
    {
        if (obj["format"] is JsonValue format && format.GetValue<string>() == "uuid")
        {
            obj.Remove("format");
        }
    });

    /// <summary>Gives every <c>integer</c> without a format one that holds its range (examples are data and left alone).</summary>
    private static void SizeUnformattedIntegers(JsonNode? node) => VisitObjects(
        node,
        obj =>
        {
            if (obj["type"] is JsonValue type && type.GetValue<string>() == "integer" && !obj.ContainsKey("format"))
            {
                obj["format"] = FitsInt32(obj["maximum"], int.MaxValue) && FitsInt32(obj["minimum"], int.MinValue) && obj.ContainsKey("maximum") ? "int32" : "int64";
            }
        },
        // example(s) hold data; a schema's default is a value (a response named "default" is walked).
        skip: (obj, key) => key is "example" or "examples" || (key == "default" && obj.ContainsKey("type")));

    /// <summary>Calls <paramref name="visit"/> on every object in the tree, parents before children.</summary>
    private static void VisitObjects(JsonNode? node, Action<JsonObject> visit, Func<JsonObject, string, bool>? skip = null)
    {
        switch (node)
        {
            case JsonObject obj:
                visit(obj);
                foreach (var (key, child) in obj.ToList())
                {
                    if (skip?.Invoke(obj, key) != true)
                    {
                        VisitObjects(child, visit, skip);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    VisitObjects(child, visit, skip);
                }

                break;
        }
    }

    private static bool FitsInt32(JsonNode? bound, long limit) =>
        bound is null || (bound is JsonValue value && NumberOf(value) is { } number && Math.Abs(number) <= Math.Abs((double)limit));

    // The YAML reader stores numbers as whatever CLR type fits them; a JsonValue converts only to that type.
    private static double? NumberOf(JsonValue value) =>
        value.TryGetValue<long>(out var whole) ? whole
        : value.TryGetValue<int>(out var small) ? small
        : value.TryGetValue<double>(out var real) ? real
        : value.TryGetValue<decimal>(out var exact) ? (double)exact
        : null;
}
