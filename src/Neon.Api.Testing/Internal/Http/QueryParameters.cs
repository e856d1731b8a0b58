using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>The query string of a request with validating accessors (failures are 400s naming the parameter).</summary>
internal sealed class QueryParameters
{
    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, List<string>> _all;

    private QueryParameters(Dictionary<string, string> values, Dictionary<string, List<string>> all)
    {
        _values = values;
        _all = all;
    }

    public static QueryParameters Parse(string? query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in (query ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            values[name] = value;
            (all.TryGetValue(name, out var list) ? list : all[name] = []).Add(value);
        }

        return new QueryParameters(values, all);
    }

    /// <summary>A parameter's value; an empty value counts as absent.</summary>
    public string? String(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string RequiredString(string name) =>
        String(name) ?? throw ApiError.BadRequest($"missing required query parameter '{name}'");

    /// <summary>
    /// An array parameter, given as repeated parameters, comma-separated values, or both
    /// (<c>ids=a&amp;ids=b</c>, <c>ids=a,b</c>); empty values are skipped. At most <paramref name="maxItems"/> items.
    /// </summary>
    public IReadOnlyList<string> List(string name, int maxItems)
    {
        var items = _all.TryGetValue(name, out var given)
            ? given.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : [];
        return items.Count <= maxItems
            ? items
            : throw ApiError.BadRequest($"query parameter '{name}' takes at most {maxItems} values, got {items.Count}");
    }

    /// <summary>A required RFC 3339 date-time parameter, in UTC.</summary>
    public DateTimeOffset RequiredDateTime(string name)
    {
        var text = RequiredString(name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw ApiError.BadRequest($"query parameter '{name}' must be an RFC 3339 date-time, got '{text}'");
    }

    public int? Integer(string name, int minimum, int maximum)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiError.BadRequest($"query parameter '{name}' must be an integer, got '{text}'");
        }

        return value >= minimum && value <= maximum
            ? value
            : throw ApiError.BadRequest($"query parameter '{name}' must be between {minimum} and {maximum}, got {value}");
    }

    public bool Boolean(string name, bool defaultValue)
    {
        var text = String(name);
        return text switch
        {
            null => defaultValue,
            "true" => true,
            "false" => false,
            _ => throw ApiError.BadRequest($"query parameter '{name}' must be 'true' or 'false', got '{text}'"),
        };
    }

    /// <summary>An RFC 3339 date-time (400 naming the parameter otherwise).</summary>
    public DateTimeOffset? DateTime(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw ApiError.BadRequest($"query parameter '{name}' must be an RFC 3339 date-time such as 2025-08-05T22:00:00Z, got '{text}'");
    }

    public string Enum(string name, string defaultValue, params string[] allowed)
    {
        var text = String(name) ?? defaultValue;
        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw ApiError.BadRequest($"query parameter '{name}' must be one of: {string.Join(", ", allowed)}; got '{text}'");
    }
}
