using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Spec;

/// <summary>
/// Validates a JSON value against a schema of the spec with OpenAPI 3.0 semantics, and strictly: an object may hold
/// only the properties its schema (with every <c>allOf</c> member, and the chosen <c>oneOf</c> variant) defines,
/// unless the schema allows more with <c>additionalProperties</c>.
/// </summary>
/// <remarks>
/// Written for the suite rather than borrowed from a JSON Schema validator: those do not know OpenAPI's
/// <c>discriminator</c>, so a <c>oneOf</c> whose variants overlap (Neon's email server settings) would match twice, and
/// an <c>additionalProperties: false</c> pasted into <c>allOf</c> members rejects the fields of the other members.
/// </remarks>
internal sealed partial class SchemaValidator(ContractSpec spec)
{
    /// <summary>The problems of <paramref name="value"/> against <paramref name="schema"/>; empty when valid.</summary>
    public List<string> Validate(JToken value, JsonObject schema, string path = "$")
    {
        var problems = new List<string>();
        Check(value, schema, path, problems);
        return problems;
    }

    /// <summary>Checks a path, query or header value as the text that was sent.</summary>
    public List<string> ValidateText(string text, JsonObject schema, string path)
    {
        var resolved = spec.Resolve(schema);
        JToken value = SchemaSynthesizer.TypeOf(resolved) switch
        {
            "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new JValue(integer),
            "number" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
            "boolean" when text is "true" or "false" => new JValue(text == "true"),
            "integer" or "number" or "boolean" => new JValue(text),
            _ => new JValue(text),
        };
        return Validate(value, resolved, path);
    }

    /// <summary>The property names an object may have under <paramref name="schema"/>; null when any name is allowed.</summary>
    public HashSet<string>? AllowedNames(JsonObject schema, JObject value)
    {
        var resolved = spec.Resolve(schema);
        var additional = resolved["additionalProperties"];
        if (additional is JsonObject || (additional is JsonValue flag && flag.GetValue<bool>()))
        {
            return null;
        }

        var hasComposition = resolved.ContainsKey("allOf") || resolved.ContainsKey("oneOf") || resolved.ContainsKey("anyOf");
        if (additional is null && !hasComposition && resolved["properties"] is not JsonObject { Count: > 0 })
        {
            // `type: object` and nothing else: a free-form object.
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        if (resolved["properties"] is JsonObject properties)
        {
            names.UnionWith(properties.Select(p => p.Key));
        }

        if (resolved["allOf"] is JsonArray members)
        {
            foreach (var member in members.OfType<JsonObject>())
            {
                var memberNames = AllowedNames(member, value);
                if (memberNames is null)
                {
                    return null;
                }

                names.UnionWith(memberNames);
            }
        }

        if ((resolved["oneOf"] ?? resolved["anyOf"]) is JsonArray)
        {
            var variant = ChooseVariant(value, resolved, "$", problems: null);
            if (variant is not null)
            {
                var variantNames = AllowedNames(variant, value);
                if (variantNames is null)
                {
                    return null;
                }

                names.UnionWith(variantNames);
            }

            if (resolved["discriminator"]?["propertyName"] is JsonValue discriminator)
            {
                names.Add(discriminator.GetValue<string>());
            }
        }

        return names;
    }

    private void Check(JToken value, JsonObject schema, string path, List<string> problems)
    {
        Structure(value, schema, path, problems);
        if (value is JObject obj && AllowedNames(schema, obj) is { } allowed)
        {
            foreach (var property in obj.Properties())
            {
                if (!allowed.Contains(property.Name))
                {
                    problems.Add($"{path}.{property.Name}: a property the schema does not define");
                }
            }
        }
    }

    /// <summary>Every check but the property names of this object (those need the whole composition).</summary>
    private void Structure(JToken value, JsonObject schema, string path, List<string> problems)
    {
        var resolved = spec.Resolve(schema);
        if (value.Type == JTokenType.Null)
        {
            if ((bool?)resolved["nullable"] != true)
            {
                problems.Add($"{path}: null where the schema does not allow it");
            }

            return;
        }

        if (resolved["allOf"] is JsonArray members)
        {
            foreach (var member in members.OfType<JsonObject>())
            {
                Structure(value, member, path, problems);
            }
        }

        if ((resolved["oneOf"] ?? resolved["anyOf"]) is JsonArray)
        {
            var variant = ChooseVariant(value, resolved, path, problems);
            if (variant is not null)
            {
                Structure(value, variant, path, problems);
            }
        }

        if (resolved["enum"] is JsonArray choices && !choices.Any(c => JToken.DeepEquals(ContractSpec.ToToken(c), value)))
        {
            problems.Add($"{path}: {Json.Write(value)} is not one of the values the schema lists");
            return;
        }

        if (resolved["type"] is null && !resolved.ContainsKey("properties") && !resolved.ContainsKey("items"))
        {
            return;
        }

        switch (SchemaSynthesizer.TypeOf(resolved))
        {
            case "object":
                CheckObject(value, resolved, path, problems);
                break;
            case "array":
                CheckArray(value, resolved, path, problems);
                break;
            case "string":
                CheckString(value, resolved, path, problems);
                break;
            case "integer":
                CheckNumber(value, resolved, path, problems, integer: true);
                break;
            case "number":
                CheckNumber(value, resolved, path, problems, integer: false);
                break;
            case "boolean" when value.Type != JTokenType.Boolean:
                problems.Add($"{path}: expected a boolean, found {Describe(value)}");
                break;
        }
    }

    private JsonObject? ChooseVariant(JToken value, JsonObject schema, string path, List<string>? problems)
    {
        var variants = ((schema["oneOf"] ?? schema["anyOf"]) as JsonArray)!.OfType<JsonObject>().ToList();
        if (schema["discriminator"] is JsonObject discriminator)
        {
            var propertyName = (string)discriminator["propertyName"]!;
            var key = value is JObject obj && obj[propertyName] is JValue { Type: JTokenType.String } text ? (string)text! : null;
            var variant = key is null ? null : variants.FirstOrDefault(v => SchemaSynthesizer.DiscriminatorValue(discriminator, v) == key);
            if (variant is null)
            {
                var known = string.Join(", ", variants.Select(v => SchemaSynthesizer.DiscriminatorValue(discriminator, v)));
                problems?.Add(key is null
                    ? $"{path}.{propertyName}: the discriminator is missing (one of {known})"
                    : $"{path}.{propertyName}: '{key}' is not a discriminator value of the schema (one of {known})");
            }

            return variant;
        }

        var matching = variants.Where(v => Validate(value, v, path).Count == 0).ToList();
        var isOneOf = schema.ContainsKey("oneOf");
        if (matching.Count == 0 || (isOneOf && matching.Count > 1))
        {
            problems?.Add($"{path}: matches {matching.Count} of the {variants.Count} variants ({(isOneOf ? "oneOf needs exactly one" : "anyOf needs one")})");
            return null;
        }

        return matching[0];
    }

    private void CheckObject(JToken value, JsonObject schema, string path, List<string> problems)
    {
        if (value is not JObject obj)
        {
            problems.Add($"{path}: expected an object, found {Describe(value)}");
            return;
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => (string)r!))
            {
                if (obj[name] is null)
                {
                    problems.Add($"{path}.{name}: required but missing");
                }
            }
        }

        var properties = schema["properties"] as JsonObject;
        foreach (var property in obj.Properties())
        {
            if (properties?[property.Name] is JsonObject propertySchema)
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", problems);
            }
            else if (schema["additionalProperties"] is JsonObject { Count: > 0 } values && !schema.ContainsKey("allOf"))
            {
                Check(property.Value, values, $"{path}.{property.Name}", problems);
            }
        }
    }

    private void CheckArray(JToken value, JsonObject schema, string path, List<string> problems)
    {
        if (value is not JArray array)
        {
            problems.Add($"{path}: expected an array, found {Describe(value)}");
            return;
        }

        if (ContractSpec.Number(schema["minItems"]) is { } min && array.Count < min)
        {
            problems.Add($"{path}: {array.Count} items, fewer than {min}");
        }

        if (ContractSpec.Number(schema["maxItems"]) is { } max && array.Count > max)
        {
            problems.Add($"{path}: {array.Count} items, more than {max}");
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", problems);
            }
        }
    }

    private static void CheckString(JToken value, JsonObject schema, string path, List<string> problems)
    {
        if (value.Type != JTokenType.String)
        {
            problems.Add($"{path}: expected a string, found {Describe(value)}");
            return;
        }

        var text = (string)value!;
        var length = text.EnumerateRunes().Count();
        if (ContractSpec.Number(schema["minLength"]) is { } min && length < min)
        {
            problems.Add($"{path}: shorter than {min}");
        }

        if (ContractSpec.Number(schema["maxLength"]) is { } max && length > max)
        {
            problems.Add($"{path}: longer than {max}");
        }

        if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(5)))
        {
            problems.Add($"{path}: '{text}' does not match {pattern}");
        }

        var format = (string?)schema["format"];
        var valid = format switch
        {
            "date-time" => IsDateTime(text),
            "date" => DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "email" => EmailPattern().IsMatch(text),
            "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
            "uuid" => Guid.TryParseExact(text, "D", out _),
            _ => true,
        };
        if (!valid)
        {
            problems.Add($"{path}: '{text}' is not a valid {format}");
        }
    }

    private static void CheckNumber(JToken value, JsonObject schema, string path, List<string> problems, bool integer)
    {
        if (value.Type != JTokenType.Integer && (integer || value.Type != JTokenType.Float))
        {
            problems.Add($"{path}: expected {(integer ? "an integer" : "a number")}, found {Describe(value)}");
            return;
        }

        var number = value.Value<decimal>();
        if ((string?)schema["format"] == "int32" && (number < int.MinValue || number > int.MaxValue))
        {
            problems.Add($"{path}: {number} does not fit int32");
        }

        if (ContractSpec.Number(schema["minimum"]) is { } min && (number < min || ((bool?)schema["exclusiveMinimum"] == true && number == min)))
        {
            problems.Add($"{path}: {number} is below the minimum {min}");
        }

        if (ContractSpec.Number(schema["maximum"]) is { } max && (number > max || ((bool?)schema["exclusiveMaximum"] == true && number == max)))
        {
            problems.Add($"{path}: {number} is above the maximum {max}");
        }
    }

    /// <summary>An RFC 3339 date-time (what OpenAPI's <c>date-time</c> format means).</summary>
    public static bool IsDateTime(string text) => TryParseDateTime(text, out _);

    /// <summary>Reads an RFC 3339 date-time; digits of the fraction beyond the 7 a <see cref="DateTimeOffset"/> holds are cut.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        var trimmed = match.Groups["head"].Value + (fraction.Length > 8 ? fraction[..8] : fraction) + match.Groups["zone"].Value;
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    private static string Describe(JToken value) => value.Type.ToString().ToLowerInvariant() + " " + Json.Write(value);

    [GeneratedRegex(@"^(?<head>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?<fraction>\.\d+)?(?<zone>[Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
