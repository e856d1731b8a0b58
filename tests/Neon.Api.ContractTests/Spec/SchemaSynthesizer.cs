using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Spec;

/// <summary>
/// Builds a JSON value that a schema accepts: only the required fields, or every field the schema defines; the first
/// or the last variant of a <c>oneOf</c>/<c>anyOf</c> (with its discriminator value); strings that need escaping
/// wherever the schema allows any text. Values are distinct per field, so a swapped or dropped field shows.
/// </summary>
internal sealed class SchemaSynthesizer
{
    /// <summary>A date-time with a fraction and a non-UTC offset: the client must keep the instant.</summary>
    public const string DateTimeValue = "2024-03-05T08:07:08.123+02:00";

    /// <summary>A date-time as a Go server writes it (RFC 3339 with nanoseconds): the client must keep the instant.</summary>
    public const string ServerDateTimeValue = "2024-03-05T06:07:08.123456789Z";

    private const int MaxDepth = 12;

    private readonly ContractSpec _spec;
    private readonly List<string> _refStack = [];

    /// <param name="spec">The spec the schemas come from.</param>
    /// <param name="fillOptional">Fill every field (true) or only the required ones (false).</param>
    /// <param name="lastVariant">Take the last variant of a composition instead of the first.</param>
    /// <param name="serverValues">
    /// Build what a server may send rather than what a user passes: integers without a format or a maximum beyond
    /// 32 bits (the spec bounds them nowhere, and Neon's consumption values grow past 2^31), and date-times with
    /// nanoseconds. A user's arguments stay within 32 bits for such fields.
    /// </param>
    public SchemaSynthesizer(ContractSpec spec, bool fillOptional, bool lastVariant, bool serverValues = false)
    {
        _spec = spec;
        FillOptional = fillOptional;
        LastVariant = lastVariant;
        ServerValues = serverValues;
    }

    public bool ServerValues { get; }

    public bool FillOptional { get; }

    public bool LastVariant { get; }

    /// <summary>The component schema each synthesized object was built from (the innermost one), by reference.</summary>
    public Dictionary<JToken, string> TypeHints { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Builds a value for <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema (a reference or inline).</param>
    /// <param name="name">The field or parameter it is for; it goes into strings so that fields stay distinct.</param>
    /// <param name="index">The position among siblings (array items, dictionary entries).</param>
    /// <exception cref="ContractSynthesisException">The schema asks for something no value can satisfy here.</exception>
    public JToken Create(JsonObject schema, string name, int index = 0)
    {
        if (_refStack.Count > MaxDepth)
        {
            return new JObject();
        }

        var refName = ContractSpec.RefName(schema);
        if (refName is not null)
        {
            // A recursive schema is followed twice at most; below that only its required fields are filled.
            var seen = _refStack.Count(r => r == refName);
            _refStack.Add(refName);
            try
            {
                var value = seen >= 2 ? new JObject() : Create(_spec.Resolve(schema), name, index);
                if (value is JObject && !TypeHints.ContainsKey(value))
                {
                    TypeHints[value] = refName;
                }

                return value;
            }
            finally
            {
                _refStack.RemoveAt(_refStack.Count - 1);
            }
        }

        if (schema["enum"] is JsonArray values)
        {
            var choices = values.Where(v => v is not null).ToList();
            if (choices.Count == 0)
            {
                throw new ContractSynthesisException($"the enum of '{name}' lists no value");
            }

            var start = LastVariant ? choices.Count - 1 : 0;
            return ContractSpec.ToToken(choices[(start + index) % choices.Count]);
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            var merged = new JObject();
            foreach (var member in allOf.OfType<JsonObject>())
            {
                var part = Create(member, name, index);
                if (part is not JObject)
                {
                    // A scalar composition (for example `type: string` with `allOf: [an enum]`): the member's value.
                    return part;
                }

                MergeInto(merged, part);
            }

            if (schema["properties"] is JsonObject)
            {
                var own = new JsonObject();
                foreach (var (key, value) in schema)
                {
                    if (key != "allOf")
                    {
                        own[key] = value?.DeepClone();
                    }
                }

                MergeInto(merged, Create(own, name, index));
            }

            return merged;
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray variants && variants.Count > 0)
        {
            var chosen = (JsonObject)variants[LastVariant ? variants.Count - 1 : 0]!;
            var value = Create(chosen, name, index);
            if (schema["discriminator"] is JsonObject discriminator && value is JObject obj)
            {
                obj[(string)discriminator["propertyName"]!] = DiscriminatorValue(discriminator, chosen);
            }

            return value;
        }

        return TypeOf(schema) switch
        {
            "object" => CreateObject(schema, name),
            "array" => CreateArray(schema, name, index),
            "string" => new JValue(CreateString(schema, name, index, ServerValues)),
            "integer" => new JValue(CreateInteger(schema, index, ServerValues)),
            "number" => new JValue(CreateNumber(schema, index)),
            "boolean" => new JValue(schema["default"] is JsonValue d && d.TryGetValue<bool>(out var b) ? !b : true),
            _ => new JValue($"{name} value"),
        };
    }

    /// <summary>The value a discriminator takes for a variant: its mapping key, else (implicit mapping) the schema name.</summary>
    public static string DiscriminatorValue(JsonObject discriminator, JsonObject variant)
    {
        var reference = (string?)variant["$ref"] ?? throw new ContractSynthesisException("a discriminated variant must be a reference");
        if (discriminator["mapping"] is JsonObject mapping)
        {
            foreach (var (key, target) in mapping)
            {
                if ((string?)target == reference)
                {
                    return key;
                }
            }
        }

        return ContractSpec.RefName(variant)!;
    }

    public static string TypeOf(JsonObject schema) =>
        (string?)schema["type"]
        ?? (schema.ContainsKey("properties") || schema.ContainsKey("additionalProperties") ? "object"
            : schema.ContainsKey("items") ? "array"
            : "any");

    private static void MergeInto(JObject target, JToken part)
    {
        if (part is not JObject obj)
        {
            return;
        }

        // Moved, not copied: the synthesized objects keep their identity for the type hints.
        foreach (var property in obj.Properties().ToList())
        {
            property.Remove();
            target.Remove(property.Name);
            target.Add(property);
        }
    }

    private JObject CreateObject(JsonObject schema, string name)
    {
        var obj = new JObject();
        var required = RequiredOf(schema);
        var properties = schema["properties"] as JsonObject;
        if (properties is not null)
        {
            foreach (var (propertyName, propertySchema) in properties)
            {
                if ((FillOptional || required.Contains(propertyName)) && propertySchema is JsonObject propertyObject)
                {
                    obj[propertyName] = Create(propertyObject, propertyName);
                }
            }
        }

        if (!FillOptional)
        {
            return obj;
        }

        switch (schema["additionalProperties"])
        {
            case JsonObject values when values.Count > 0:
                for (var i = 0; i < 2; i++)
                {
                    obj[$"{name}-key-{i + 1}"] = Create(values, name, i);
                }

                break;
            case JsonObject:
            case JsonValue flag when flag.TryGetValue<bool>(out var allowed) && allowed:
                if (properties is null || properties.Count == 0)
                {
                    obj["free-form"] = new JObject { ["nested"] = $"{name} value" };
                }

                break;
        }

        return obj;
    }

    private JArray CreateArray(JsonObject schema, string name, int index)
    {
        var count = FillOptional ? 2 : 1;
        if (schema["minItems"] is JsonValue min)
        {
            count = Math.Max(count, (int)ContractSpec.Number(min)!.Value);
        }

        if (schema["maxItems"] is JsonValue max)
        {
            count = Math.Min(count, (int)ContractSpec.Number(max)!.Value);
        }

        var items = schema["items"] as JsonObject ?? new JsonObject();
        if ((bool?)schema["uniqueItems"] == true && _spec.Resolve(items)["enum"] is JsonArray choices)
        {
            count = Math.Min(count, choices.Count);
        }

        var array = new JArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(Create(items, name, index + i));
        }

        return array;
    }

    private static string CreateString(JsonObject schema, string name, int index, bool serverValues)
    {
        var suffix = index > 0 ? "-" + index.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var ordinal = (index + 1).ToString(CultureInfo.InvariantCulture);
        string[] candidates = (string?)schema["format"] switch
        {
            "date-time" => [serverValues ? ServerDateTimeValue : DateTimeValue],
            "date" => ["2024-03-05"],
            "email" => [$"contract.user{ordinal}@example.com"],
            "uri" or "url" => [$"https://example.com/contract/{ordinal}?q=a%20b"],
            "uuid" => [new Guid(0x7a4b6f0e, 0x3c2d, 0x4e1f, 0x9a, 0x8b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, (byte)index).ToString("D")],
            "ipv4" => [$"192.0.2.{ordinal}"],
            "hostname" => [$"host{ordinal}.example.com"],
            _ =>
            [
                $"{name}{suffix} \"q\" é✓ a/b?c#d%e&f=g+h",
                $"{Slug(name, '-')}-{ordinal}",
                $"{Slug(name, null)}{ordinal}",
                $"v{ordinal}",
            ],
        };

        var minLength = (int?)ContractSpec.Number(schema["minLength"]) ?? 0;
        var maxLength = (int?)ContractSpec.Number(schema["maxLength"]) ?? int.MaxValue;
        var pattern = (string?)schema["pattern"];
        foreach (var candidate in candidates)
        {
            var text = candidate.Length > maxLength ? candidate[..maxLength] : candidate;
            if (text.Length < minLength)
            {
                text += new string('x', minLength - text.Length);
            }

            if (pattern is null || Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(5)))
            {
                return text;
            }
        }

        throw new ContractSynthesisException($"no value for '{name}' fits the pattern {pattern}");
    }

    private static long CreateInteger(JsonObject schema, int index, bool serverValues)
    {
        var format = (string?)schema["format"];
        var wide = format is "int64" or "uint64" || (serverValues && format is null);
        var candidates = new List<decimal>();
        if (wide)
        {
            // Beyond the 32-bit range: a model that narrows the field loses the value.
            candidates.Add(3_000_000_000m + index);
        }

        candidates.Add(42m + index);
        var (min, max) = Bounds(schema);
        if (min is not null)
        {
            candidates.Add(Math.Ceiling(min.Value));
        }

        if (max is not null)
        {
            candidates.Add(Math.Floor(max.Value));
        }

        return (long)Choose(candidates, min, max, ContractSpec.Number(schema["default"]));
    }

    private static decimal CreateNumber(JsonObject schema, int index)
    {
        var (min, max) = Bounds(schema);
        var candidates = new List<decimal> { 12.5m + index };
        if (min is not null)
        {
            candidates.Add(min.Value);
        }

        if (max is not null)
        {
            candidates.Add(max.Value);
        }

        return Choose(candidates, min, max, ContractSpec.Number(schema["default"]));
    }

    private static (decimal? Min, decimal? Max) Bounds(JsonObject schema)
    {
        var min = ContractSpec.Number(schema["minimum"]);
        var max = ContractSpec.Number(schema["maximum"]);
        if ((bool?)schema["exclusiveMinimum"] == true && min is not null)
        {
            min += 1;
        }

        if ((bool?)schema["exclusiveMaximum"] == true && max is not null)
        {
            max -= 1;
        }

        return (min, max);
    }

    private static decimal Choose(List<decimal> candidates, decimal? min, decimal? max, decimal? avoid)
    {
        var fitting = candidates.Where(c => (min is null || c >= min) && (max is null || c <= max)).ToList();
        if (fitting.Count == 0)
        {
            throw new ContractSynthesisException($"no number between {min} and {max}");
        }

        // Prefer a value other than the default, so that sending it proves the argument travelled.
        return fitting.FirstOrDefault(c => c != avoid, fitting[0]);
    }

    private static HashSet<string> RequiredOf(JsonObject schema) =>
        schema["required"] is JsonArray required
            ? required.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal)
            : [];

    private static string Slug(string name, char? separator)
    {
        var builder = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (separator is not null && builder.Length > 0 && builder[^1] != separator)
            {
                builder.Append(separator.Value);
            }
        }

        var text = builder.ToString().Trim('-');
        return text.Length == 0 ? "value" : text.Length > 16 ? text[..16].Trim('-') : text;
    }
}

/// <summary>A schema asks for a value the synthesizer cannot build.</summary>
internal sealed class ContractSynthesisException(string message) : Exception(message);
