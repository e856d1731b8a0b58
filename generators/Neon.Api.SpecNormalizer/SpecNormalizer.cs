using System.Text.Json.Nodes;

namespace Neon.Api.SpecNormalizer;

/// <summary>
/// Rewrites the published spec into an equivalent document whose every schema has a meaningful name, so that
/// NSwag (whose name-generator settings have no effect in 14.7.1) emits types a user can read.
/// </summary>
/// <remarks>
/// The wire contract is unchanged: only anonymous (inline) schemas are moved into <c>components/schemas</c>
/// under names derived from where they stand, and a few constructs NSwag mishandles are expressed in a form it
/// supports. The rules are generic, so a future spec is normalized without code changes:
/// <list type="bullet">
/// <item>inline request bodies become <c>{OperationId}Request</c>, inline success responses <c>{OperationId}Response</c>;</item>
/// <item>inline parameter enums become <c>{OperationId}{Parameter}</c> (shared parameters: <c>{Parameter}</c>);</item>
/// <item>inline object and enum properties become <c>{Owner}{Property}</c>, array items <c>{Owner}{Property}Item</c>;</item>
/// <item>a <c>oneOf</c> with a discriminator over referenced schemas becomes a base class the members derive from;</item>
/// <item><c>format: uuid</c> is dropped (Neon's own examples put e-mail addresses in such fields), so ids stay strings;</item>
/// <item>an <c>integer</c> field of a body schema without a format gets one from its bounds: <c>int32</c> when its <c>maximum</c> (and
/// <c>minimum</c>) fit 32 bits, else <c>int64</c>. The spec leaves such integers unbounded, and real values exceed
/// 32 bits (a day's transfer bytes in <c>ConsumptionMetricValue.value</c>), so NSwag's default <c>int</c> would not hold them.</item>
/// </list>
/// Extensions carry facts the templates cannot see in NSwag's models (both are the normalizer's own, never Neon's):
/// <list type="bullet">
/// <item><c>x-neon-accept</c> on each operation: the media types the client accepts (see <see cref="AcceptOf"/>);</item>
/// <item><c>x-neon-empty-success</c> on an operation that documents a success without a body beside one with a body
/// (see <see cref="EmptySuccessOf"/>);</item>
/// <item><c>x-neon-discriminator-values</c> on each schema with a discriminator: the values the spec defines for it,
/// as <c>|a|b|</c>. NJsonSchema names a derived class that is not in the mapping by its class name; such a class
/// (for example a request that only extends one variant through <c>allOf</c>) must not send a discriminator at all.</item>
/// </list>
/// </remarks>
internal sealed class SpecNormalizer
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly string[] PropertyLevelKeys = ["description", "nullable", "readOnly", "writeOnly", "deprecated", "example"];

    private readonly JsonObject _root;
    private readonly JsonObject _schemas;
    private readonly Queue<string> _pending = new();

    private SpecNormalizer(JsonObject root)
    {
        _root = root;
        var components = root["components"] as JsonObject ?? throw new InvalidDataException("The spec has no 'components' section.");
        _schemas = components["schemas"] as JsonObject ?? throw new InvalidDataException("The spec has no 'components/schemas' section.");
    }

    /// <summary>Names hoisted by the last run, for reporting.</summary>
    public List<string> Hoisted { get; } = [];

    public static SpecNormalizer Normalize(JsonObject root)
    {
        var normalizer = new SpecNormalizer(root);
        normalizer.Run();
        return normalizer;
    }

    private void Run()
    {
        foreach (var name in _schemas.Select(p => p.Key).ToList())
        {
            _pending.Enqueue(name);
        }

        AnnotateAccept();
        AnnotateDiscriminatorValues();
        HoistSharedParameters();
        HoistSharedResponsesAndBodies();
        HoistOperationSchemas();

        while (_pending.Count > 0)
        {
            var name = _pending.Dequeue();
            if (_schemas[name] is JsonObject schema)
            {
                HoistNested(name, schema);
            }
        }

        foreach (var name in _schemas.Select(p => p.Key).ToList())
        {
            if (_schemas[name] is JsonObject schema)
            {
                RewriteDiscriminatedOneOf(name, schema);
            }
        }

        DropUuidFormats(_root);
        SizeUnformattedIntegers(_schemas); // body fields only: parameters (page sizes, timeouts) stay int
    }

    /// <summary>Writes <c>x-neon-accept</c> on every operation (see <see cref="AcceptOf"/>).</summary>
    private void AnnotateAccept()
    {
        foreach (var operation in Operations())
        {
            operation["x-neon-accept"] = AcceptOf(operation);
            if (EmptySuccessOf(operation) is { } description)
            {
                operation["x-neon-empty-success"] = description;
            }
        }
    }

    /// <summary>
    /// For an operation that documents both a success with a body and one without (for example a delete that answers
    /// 204 when the resource is already gone): the description of the bodiless one, for the method's documentation.
    /// The client then reads an empty success as an empty model instead of failing.
    /// </summary>
    private string? EmptySuccessOf(JsonObject operation)
    {
        if (operation["responses"] is not JsonObject responses)
        {
            return null;
        }

        var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => (r.Key, Response: ResolveLocal(r.Value))).ToList();
        var empty = success.FirstOrDefault(r => r.Response?["content"] is not JsonObject { Count: > 0 });
        if (empty.Key is null || !success.Any(r => r.Response?["content"] is JsonObject { Count: > 0 }))
        {
            return null;
        }

        var description = (empty.Response?["description"] as JsonValue)?.GetValue<string>()?.Trim();
        return $"{empty.Key}: {(string.IsNullOrEmpty(description) ? "no body" : description)}";
    }

    /// <summary>
    /// The <c>Accept</c> header of an operation: the media types of its success (2xx) responses. When no success
    /// response has a body (a 204, or a 200 documented without content), the media types of its error responses:
    /// an error body is then the only body the client reads. Empty when no response has a body (no header is sent).
    /// </summary>
    private string AcceptOf(JsonObject operation)
    {
        var success = new List<string>();
        var errors = new List<string>();
        if (operation["responses"] is JsonObject responses)
        {
            foreach (var (status, node) in responses)
            {
                if (ResolveLocal(node)?["content"] is JsonObject content)
                {
                    (status.StartsWith('2') ? success : errors).AddRange(content.Select(c => c.Key));
                }
            }
        }

        var chosen = success.Count > 0 ? success : errors;
        return string.Join(", ", chosen.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Writes <c>x-neon-discriminator-values</c> on every schema that declares a discriminator: the keys of its mapping,
    /// and the implicit values (schema names) of the variants the mapping leaves out — the members of its <c>oneOf</c>
    /// or <c>anyOf</c>, or, for an <c>allOf</c> base, the schemas that extend it directly. Runs on the spec as published,
    /// before the rewriting below turns variants into derived classes.
    /// </summary>
    private void AnnotateDiscriminatorValues()
    {
        foreach (var (name, node) in _schemas.ToList())
        {
            if (node is not JsonObject schema || schema["discriminator"] is not JsonObject discriminator)
            {
                continue;
            }

            var mapping = discriminator["mapping"] as JsonObject ?? new JsonObject();
            var values = mapping.Select(m => m.Key).ToList();
            var mapped = mapping.Select(m => RefNameOf(m.Value)).ToHashSet(StringComparer.Ordinal);
            var variants = (schema["oneOf"] ?? schema["anyOf"]) is JsonArray members
                ? members.OfType<JsonObject>().Select(RefName)
                : _schemas.Where(s => s.Value?["allOf"] is JsonArray allOf && allOf.OfType<JsonObject>().Any(m => RefName(m) == name)).Select(s => s.Key);
            values.AddRange(variants.Where(v => v is not null && !mapped.Contains(v)).Select(v => v!));
            schema["x-neon-discriminator-values"] = "|" + string.Join("|", values.Distinct(StringComparer.Ordinal)) + "|";
        }
    }

    private IEnumerable<JsonObject> Operations()
    {
        if (_root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (_, pathNode) in paths)
        {
            foreach (var method in HttpMethods)
            {
                if (pathNode?[method] is JsonObject operation)
                {
                    yield return operation;
                }
            }
        }
    }

    /// <summary>Follows a local <c>$ref</c> (for example to <c>#/components/responses/GeneralError</c>).</summary>
    private JsonObject? ResolveLocal(JsonNode? node)
    {
        for (var hops = 0; node is JsonObject obj && obj["$ref"] is JsonValue reference && hops < 32; hops++)
        {
            var text = reference.GetValue<string>();
            if (!text.StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }

            node = text[2..].Split('/').Aggregate<string, JsonNode?>(_root, (current, part) => current?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
        }

        return node as JsonObject;
    }

    private static string? RefNameOf(JsonNode? reference) =>
        reference is JsonValue value && value.GetValue<string>() is { } text && text.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? text["#/components/schemas/".Length..]
            : null;

    private void HoistSharedParameters()
    {
        if (_root["components"]?["parameters"] is not JsonObject parameters)
        {
            return;
        }

        foreach (var (_, node) in parameters)
        {
            if (node is JsonObject parameter && parameter["name"] is JsonValue name)
            {
                HoistParameterSchema(parameter, Identifier.Pascal(name.GetValue<string>()));
            }
        }
    }

    private void HoistSharedResponsesAndBodies()
    {
        // Shared responses and request bodies are named by their component key (for example CreatedBranch).
        foreach (var section in new[] { "responses", "requestBodies" })
        {
            if (_root["components"]?[section] is not JsonObject shared)
            {
                continue;
            }

            foreach (var (key, node) in shared)
            {
                if (node?["content"] is JsonObject content)
                {
                    foreach (var (_, media) in content)
                    {
                        HoistMediaSchema(media as JsonObject, Identifier.Pascal(key));
                    }
                }
            }
        }
    }

    private void HoistOperationSchemas()
    {
        if (_root["paths"] is not JsonObject paths)
        {
            return;
        }

        foreach (var (_, pathNode) in paths)
        {
            if (pathNode is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var method in HttpMethods)
            {
                if (pathItem[method] is not JsonObject operation || operation["operationId"] is not JsonValue id)
                {
                    continue;
                }

                var operationName = Identifier.Pascal(id.GetValue<string>());
                HoistOperation(operation, operationName);
            }
        }
    }

    private void HoistOperation(JsonObject operation, string operationName)
    {
        if (operation["parameters"] is JsonArray parameters)
        {
            foreach (var parameter in parameters.OfType<JsonObject>())
            {
                if (parameter["name"] is JsonValue name)
                {
                    HoistParameterSchema(parameter, operationName + Identifier.Pascal(name.GetValue<string>()));
                }
            }
        }

        if (operation["requestBody"]?["content"] is JsonObject requestContent)
        {
            foreach (var (_, media) in requestContent)
            {
                HoistMediaSchema(media as JsonObject, operationName + "Request");
            }
        }

        if (operation["responses"] is JsonObject responses)
        {
            var firstSuccess = true;
            foreach (var (status, responseNode) in responses)
            {
                if (responseNode?["content"] is not JsonObject content)
                {
                    continue;
                }

                var isSuccess = status.StartsWith('2');
                var name = isSuccess
                    ? operationName + "Response" + (firstSuccess ? string.Empty : status)
                    : operationName + "Error" + Identifier.Pascal(status);
                if (isSuccess)
                {
                    firstSuccess = false;
                }

                foreach (var (_, media) in content)
                {
                    HoistMediaSchema(media as JsonObject, name);
                }
            }
        }
    }

    private void HoistMediaSchema(JsonObject? media, string name)
    {
        if (media?["schema"] is JsonObject schema && NeedsName(schema))
        {
            media["schema"] = Hoist(name, schema, keepPropertyLevelKeys: false);
        }
    }

    private void HoistParameterSchema(JsonObject parameter, string name)
    {
        if (parameter["schema"] is not JsonObject schema)
        {
            return;
        }

        if (IsInlineEnum(schema))
        {
            parameter["schema"] = Hoist(name, schema, keepPropertyLevelKeys: true);
        }
        else if (schema["items"] is JsonObject items && IsInlineEnum(items))
        {
            schema["items"] = Hoist(name, items, keepPropertyLevelKeys: false);
        }
    }

    private void HoistNested(string owner, JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (propertyName, node) in properties.ToList())
            {
                if (node is not JsonObject property)
                {
                    continue;
                }

                var name = owner + Identifier.Pascal(propertyName);
                if (NeedsName(property))
                {
                    properties[propertyName] = Hoist(name, property, keepPropertyLevelKeys: true);
                }
                else if (property["items"] is JsonObject items && NeedsName(items))
                {
                    property["items"] = Hoist(name + "Item", items, keepPropertyLevelKeys: false);
                }
                else if (property["additionalProperties"] is JsonObject values && NeedsName(values))
                {
                    property["additionalProperties"] = Hoist(name + "Value", values, keepPropertyLevelKeys: false);
                }
            }
        }

        if (schema["items"] is JsonObject ownItems && NeedsName(ownItems))
        {
            schema["items"] = Hoist(owner + "Item", ownItems, keepPropertyLevelKeys: false);
        }

        // Members of a composition merge into the owner, so their nested schemas are named after it.
        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema[keyword] is JsonArray members)
            {
                foreach (var member in members.OfType<JsonObject>())
                {
                    HoistNested(owner, member);
                }
            }
        }
    }

    /// <summary>
    /// NSwag emits a property typed after a oneOf-with-discriminator schema but never the type itself. Expressed
    /// as inheritance (members derive from a base that declares the discriminator) it generates a polymorphic model.
    /// </summary>
    private void RewriteDiscriminatedOneOf(string name, JsonObject schema)
    {
        if (schema["discriminator"] is not JsonObject discriminator
            || schema["oneOf"] is not JsonArray members
            || discriminator["propertyName"] is not JsonValue propertyNameValue)
        {
            return;
        }

        var memberNames = members.OfType<JsonObject>().Select(RefName).ToList();
        if (memberNames.Count != members.Count || memberNames.Any(m => m is null || _schemas[m!] is not JsonObject))
        {
            return;
        }

        var propertyName = propertyNameValue.GetValue<string>();
        schema.Remove("oneOf");
        schema["type"] = "object";
        var required = schema["required"] as JsonArray ?? new JsonArray();
        schema["required"] = required;
        if (!required.Any(r => r?.GetValue<string>() == propertyName))
        {
            required.Add(propertyName);
        }

        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        schema["properties"] = properties;
        properties[propertyName] ??= new JsonObject { ["type"] = "string" };

        foreach (var member in memberNames)
        {
            var memberSchema = (JsonObject)_schemas[member!]!;
            (memberSchema["properties"] as JsonObject)?.Remove(propertyName);
            if (memberSchema["required"] is JsonArray memberRequired)
            {
                foreach (var item in memberRequired.Where(r => r?.GetValue<string>() == propertyName).ToList())
                {
                    memberRequired.Remove(item);
                }
            }

            var copy = new JsonObject();
            foreach (var (key, value) in memberSchema.ToList())
            {
                memberSchema.Remove(key);
                copy[key] = value;
            }

            memberSchema["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + name }, copy);
        }
    }

    private JsonObject Hoist(string name, JsonObject inline, bool keepPropertyLevelKeys)
    {
        // The caller replaces the inline schema with the returned reference; the component gets a detached copy.
        var schema = inline.DeepClone().AsObject();
        var unique = name;
        for (var i = 2; _schemas.ContainsKey(unique); i++)
        {
            unique = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var reference = new JsonObject { ["$ref"] = "#/components/schemas/" + unique };
        if (keepPropertyLevelKeys)
        {
            foreach (var key in PropertyLevelKeys)
            {
                if (schema.TryGetPropertyValue(key, out var value))
                {
                    schema.Remove(key);
                    reference[key] = value;
                }
            }
        }

        schema.Remove("title");
        _schemas[unique] = schema;
        _pending.Enqueue(unique);
        Hoisted.Add(unique);
        return reference;
    }

    private static bool NeedsName(JsonObject schema) =>
        !schema.ContainsKey("$ref") && (IsInlineObject(schema) || IsInlineEnum(schema) || IsComposition(schema));

    private static bool IsInlineObject(JsonObject schema) => schema["properties"] is JsonObject { Count: > 0 };

    private static bool IsInlineEnum(JsonObject schema) => schema["enum"] is JsonArray && !schema.ContainsKey("$ref");

    private static bool IsComposition(JsonObject schema) =>
        schema["allOf"] is JsonArray { Count: > 1 } || schema["oneOf"] is JsonArray || schema["anyOf"] is JsonArray;

    private static string? RefName(JsonObject node) => RefNameOf(node["$ref"]);

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
