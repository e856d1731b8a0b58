using System.Text.Json.Nodes;

namespace Neon.Api.SpecUpdate.Specs;

/// <summary>
/// Flattens schemas into one entry per JSON path: <c>$.branch.name</c>, <c>$.branches[*].id</c>, <c>$.labels.*</c>.
/// <c>$ref</c> is followed; the parts of <c>allOf</c> are merged, and the alternatives of <c>oneOf</c> and
/// <c>anyOf</c> are merged too (a field is there if any alternative has it; differing types read "a | b").
/// </summary>
internal sealed class SchemaFlattener(RefResolver resolver)
{
    // Deep enough for Neon's nesting (about 8), shallow enough to stop a schema that nests itself through inline parts.
    private const int MaxDepth = 24;

    private readonly SortedDictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>Adds a schema under a root key; <paramref name="missing"/> is the root's type when there is no schema.</summary>
    public void Add(string root, JsonNode? schema, bool required, string missing = "any")
    {
        if (schema is null)
        {
            SlotAt(root).Types.Add(missing);
            SlotAt(root).Required |= required;
            return;
        }

        Walk(schema, root, required, [], 0, insidePart: false);
    }

    /// <summary>Every path seen, with its type.</summary>
    public IReadOnlyDictionary<string, FieldShape> Result()
    {
        var result = new SortedDictionary<string, FieldShape>(StringComparer.Ordinal);
        foreach (var (path, slot) in slots)
        {
            var types = slot.Types.Count == 0 ? "any" : string.Join(" | ", slot.Types);
            result[path] = new FieldShape(slot.Nullable ? types + " | null" : types, slot.Required);
        }

        return result;
    }

    private void Walk(JsonNode? node, string path, bool required, HashSet<string> refs, int depth, bool insidePart)
    {
        var slot = SlotAt(path);
        slot.Required |= required;
        if (depth > MaxDepth)
        {
            return;
        }

        // Follow the $ref chain; a reference already open on this branch is a recursive schema: name it, do not descend.
        var entered = new List<string>();
        while (RefResolver.RefOf(node) is { } pointer)
        {
            if (refs.Contains(pointer))
            {
                slot.Types.Add("object");
                Leave(refs, entered);
                return;
            }

            refs.Add(pointer);
            entered.Add(pointer);
            node = resolver.Find(pointer);
        }

        if (node is not JsonObject schema)
        {
            if (!insidePart)
            {
                slot.Types.Add("any");
            }

            Leave(refs, entered);
            return;
        }

        var composed = false;
        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema[keyword] is JsonArray parts)
            {
                foreach (var part in parts)
                {
                    Walk(part, path, required: false, refs, depth + 1, insidePart: true);
                    composed = true;
                }
            }
        }

        if (OwnType(schema) is { } own)
        {
            slot.Types.Add(own);
        }
        else if (!composed && !insidePart)
        {
            slot.Types.Add("any");
        }

        if ((schema["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable) && isNullable)
            || (schema["type"] is JsonArray typeNames && typeNames.Any(t => t?.GetValue<string>() == "null")))
        {
            slot.Nullable = true;
        }

        var requiredNames = schema["required"] is JsonArray names
            ? names.Select(n => n?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                Walk(property, $"{path}.{name}", requiredNames.Contains(name), refs, depth + 1, insidePart: false);
            }
        }

        if (schema["items"] is { } items)
        {
            Walk(items, path + "[*]", required: false, refs, depth + 1, insidePart: false);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Walk(values, path + ".*", required: false, refs, depth + 1, insidePart: false);
        }

        Leave(refs, entered);
    }

    private static void Leave(HashSet<string> refs, List<string> entered)
    {
        foreach (var pointer in entered)
        {
            refs.Remove(pointer);
        }
    }

    // "string(date-time)", "integer(int64)", "array", "object"; null when the schema only composes others.
    private static string? OwnType(JsonObject schema)
    {
        var type = schema["type"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var name) => name,
            JsonArray names => string.Join(" | ", names.Select(n => n?.GetValue<string>()).OfType<string>().Where(n => n != "null").Order(StringComparer.Ordinal)),
            _ => null,
        };
        type ??= schema["properties"] is not null || schema["additionalProperties"] is JsonObject ? "object"
            : schema["items"] is not null ? "array"
            : null;
        if (type is null)
        {
            return null;
        }

        return schema["format"] is JsonValue format && format.TryGetValue<string>(out var f) ? $"{type}({f})" : type;
    }

    private Slot SlotAt(string path)
    {
        if (!slots.TryGetValue(path, out var slot))
        {
            slot = new Slot();
            slots[path] = slot;
        }

        return slot;
    }

    private sealed class Slot
    {
        public SortedSet<string> Types { get; } = new(StringComparer.Ordinal);

        public bool Required { get; set; }

        public bool Nullable { get; set; }
    }
}
