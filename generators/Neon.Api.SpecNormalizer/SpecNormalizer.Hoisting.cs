using System.Text.Json.Nodes;

namespace Neon.Api.SpecNormalizer;

// Moving inline schemas into components/schemas under the names of where they stand (see the class remarks).
internal sealed partial class SpecNormalizer
{
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
        if (media?["schema"] is JsonObject schema)
        {
            NameSchema(media, "schema", schema, name, keepPropertyLevelKeys: false);
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
                if (node is JsonObject property)
                {
                    NameSchema(properties, propertyName, property, owner + Identifier.Pascal(propertyName), keepPropertyLevelKeys: true);
                }
            }
        }

        NameContents(schema, owner);

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
    /// Names the schema at <paramref name="holder"/>[<paramref name="key"/>] when it needs a name (an inline object, enum
    /// or composition); otherwise names what it holds, however deep: array items as <c>{name}Item</c>, map values
    /// (<c>additionalProperties</c>) as <c>{name}Value</c>. So an enum in the items of a map's values is named too.
    /// </summary>
    private void NameSchema(JsonObject holder, string key, JsonObject schema, string name, bool keepPropertyLevelKeys)
    {
        if (NeedsName(schema))
        {
            holder[key] = Hoist(name, schema, keepPropertyLevelKeys);
        }
        else
        {
            NameContents(schema, name);
        }
    }

    /// <summary>Names the array items and the map values of a schema that keeps no name of its own.</summary>
    private void NameContents(JsonObject schema, string name)
    {
        if (schema["items"] is JsonObject items)
        {
            NameSchema(schema, "items", items, name + "Item", keepPropertyLevelKeys: false);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            NameSchema(schema, "additionalProperties", values, name + "Value", keepPropertyLevelKeys: false);
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
        !schema.ContainsKey("$ref") && (IsInlineObject(schema) || IsInlineEnum(schema) || (IsComposition(schema) && !IsScalarUnion(schema)));

    /// <summary>
    /// A <c>oneOf</c>/<c>anyOf</c> of plain scalars (for example a flag that is a boolean or a string): no type to name,
    /// so it stays where it is and NSwag types it as it always has.
    /// </summary>
    private static bool IsScalarUnion(JsonObject schema) =>
        (schema["oneOf"] ?? schema["anyOf"]) is JsonArray members
        && members.All(m => m is JsonObject member
            && !member.ContainsKey("$ref") && !member.ContainsKey("properties") && !member.ContainsKey("enum")
            && (member["type"] as JsonValue)?.GetValue<string>() is "string" or "boolean" or "number" or "integer");

    private static bool IsInlineObject(JsonObject schema) => schema["properties"] is JsonObject { Count: > 0 };

    private static bool IsInlineEnum(JsonObject schema) => schema["enum"] is JsonArray && !schema.ContainsKey("$ref");

    private static bool IsComposition(JsonObject schema) =>
        schema["allOf"] is JsonArray { Count: > 1 } || schema["oneOf"] is JsonArray || schema["anyOf"] is JsonArray;

    private static string? RefName(JsonObject node) => RefNameOf(node["$ref"]);
}
