using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>
/// A JSON object of a request body with typed, validating accessors. Every failure is a 400 whose
/// message names the field by its dotted path and says what was wrong.
/// </summary>
internal sealed class BodyObject
{
    private readonly JsonObject _json;
    private readonly string _path;

    private BodyObject(JsonObject json, string path)
    {
        _json = json;
        _path = path;
    }

    /// <summary>Parses a request body that must be a JSON object; an absent body gives an empty object unless required.</summary>
    public static BodyObject Parse(string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                throw ApiError.BadRequest("request body is required and must be a JSON object");
            }

            return new BodyObject(new JsonObject(), string.Empty);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest($"request body is not valid JSON: {ex.Message}");
        }

        return node is JsonObject obj
            ? new BodyObject(obj, string.Empty)
            : throw ApiError.BadRequest("request body must be a JSON object");
    }

    /// <summary>The names of the properties present.</summary>
    public IEnumerable<string> Names => _json.Select(pair => pair.Key);

    public bool Has(string name) => _json.TryGetPropertyValue(name, out var value) && value is not null;

    public BodyObject RequiredObject(string name) =>
        OptionalObject(name) ?? throw Missing(name);

    public BodyObject? OptionalObject(string name)
    {
        var node = Get(name);
        return node switch
        {
            null => null,
            JsonObject obj => new BodyObject(obj, PathOf(name)),
            _ => throw WrongType(name, "an object"),
        };
    }

    /// <summary>The JSON object under <paramref name="name"/>, copied, for values the emulator stores and echoes as is.</summary>
    public JsonObject? OptionalRawObject(string name) =>
        OptionalObject(name) is { } obj ? (JsonObject)obj._json.DeepClone() : null;

    public IReadOnlyList<BodyObject> OptionalObjectArray(string name)
    {
        var node = Get(name);
        if (node is null)
        {
            return Array.Empty<BodyObject>();
        }

        if (node is not JsonArray array)
        {
            throw WrongType(name, "an array");
        }

        return array.Select((item, i) => item is JsonObject obj
                ? new BodyObject(obj, $"{PathOf(name)}[{i}]")
                : throw ApiError.BadRequest($"field '{PathOf(name)}[{i}]' must be an object"))
            .ToArray();
    }

    /// <summary>An array of strings, each one of <paramref name="allowed"/> when that is given; null when absent.</summary>
    public IReadOnlyList<string>? OptionalStringArray(string name, params string[] allowed)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw WrongType(name, "an array of strings");
        }

        return array.Select((item, i) => item?.GetValueKind() == JsonValueKind.String
                && item.GetValue<string>() is var value
                && (allowed.Length == 0 || allowed.Contains(value, StringComparer.Ordinal))
                    ? value
                    : throw ApiError.BadRequest(allowed.Length == 0
                        ? $"field '{PathOf(name)}[{i}]' must be a string"
                        : $"field '{PathOf(name)}[{i}]' must be one of: {string.Join(", ", allowed)}"))
            .ToArray();
    }

    public string RequiredString(string name, int minLength = 0, int maxLength = int.MaxValue) =>
        OptionalString(name, minLength, maxLength) ?? throw Missing(name);

    public string? OptionalString(string name, int minLength = 0, int maxLength = int.MaxValue)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw WrongType(name, "a string");
        }

        var value = node.GetValue<string>();
        if (value.Length < minLength || value.Length > maxLength)
        {
            throw ApiError.BadRequest(minLength == maxLength
                ? $"field '{PathOf(name)}' must be {minLength} characters long"
                : $"field '{PathOf(name)}' must be between {minLength} and {maxLength} characters long");
        }

        return value;
    }

    /// <summary>An email address (1-256 characters, one <c>@</c> with text on both sides, no spaces).</summary>
    public string RequiredEmail(string name)
    {
        var value = RequiredString(name, 1, 256);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
            ? value
            : throw ApiError.BadRequest($"field '{PathOf(name)}' must be an email address, got '{value}'");
    }

    /// <summary>An array of strings, each 1 to <paramref name="maxLength"/> characters, of <paramref name="minItems"/> to <paramref name="maxItems"/> items.</summary>
    public IReadOnlyList<string>? OptionalStringArray(string name, int minItems, int maxItems, int maxLength = int.MaxValue)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw WrongType(name, "an array of strings");
        }

        if (array.Count < minItems || array.Count > maxItems)
        {
            throw ApiError.BadRequest($"field '{PathOf(name)}' must have between {minItems} and {maxItems} items, got {array.Count}");
        }

        return array.Select((item, i) => item?.GetValueKind() == JsonValueKind.String && item.GetValue<string>() is { Length: > 0 } text && text.Length <= maxLength
                ? text
                : throw ApiError.BadRequest($"field '{PathOf(name)}[{i}]' must be a string of 1 to {maxLength} characters"))
            .ToArray();
    }

    /// <summary>A required string that must be one of <paramref name="allowed"/>.</summary>
    public string RequiredEnum(string name, params string[] allowed) => OptionalEnum(name, allowed) ?? throw Missing(name);

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string? OptionalEnum(string name, params string[] allowed)
    {
        var value = OptionalString(name);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw ApiError.BadRequest($"field '{PathOf(name)}' must be one of: {string.Join(", ", allowed)}");
        }

        return value;
    }

    /// <summary>A string that must be an RFC 3339 date-time.</summary>
    public DateTimeOffset? OptionalDateTime(string name)
    {
        var value = OptionalString(name);
        if (value is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : throw ApiError.BadRequest($"field '{PathOf(name)}' must be an RFC 3339 date-time, got '{value}'");
    }

    public bool? OptionalBool(string name)
    {
        var node = Get(name);
        return node?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "a boolean"),
        };
    }

    public long? OptionalInteger(string name, long minimum = long.MinValue, long maximum = long.MaxValue)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue(out long value))
        {
            throw WrongType(name, "an integer");
        }

        return value >= minimum && value <= maximum
            ? value
            : throw ApiError.BadRequest($"field '{PathOf(name)}' must be between {minimum} and {maximum}, got {value}");
    }

    public double? OptionalNumber(string name, double minimum = double.MinValue, double maximum = double.MaxValue)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw WrongType(name, "a number");
        }

        var value = node.GetValue<double>();
        return value >= minimum && value <= maximum
            ? value
            : throw ApiError.BadRequest(string.Create(
                CultureInfo.InvariantCulture,
                $"field '{PathOf(name)}' must be between {minimum} and {maximum}, got {value}"));
    }

    /// <summary>An object whose values must all be strings (for example annotation values).</summary>
    public Dictionary<string, string>? OptionalStringMap(string name)
    {
        var obj = OptionalObject(name);
        return obj?._json.ToDictionary(
            pair => pair.Key,
            pair => pair.Value?.GetValueKind() == JsonValueKind.String
                ? pair.Value.GetValue<string>()
                : throw ApiError.BadRequest($"field '{obj.PathOf(pair.Key)}' must be a string"),
            StringComparer.Ordinal);
    }

    private JsonNode? Get(string name) => _json.TryGetPropertyValue(name, out var node) ? node : null;

    private string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private ApiError Missing(string name) => ApiError.BadRequest($"missing required field '{PathOf(name)}'");

    private ApiError WrongType(string name, string expected) =>
        ApiError.BadRequest($"field '{PathOf(name)}' must be {expected}");
}
