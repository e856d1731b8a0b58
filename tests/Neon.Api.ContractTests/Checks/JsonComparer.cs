using System;
using System.Collections.Generic;
using Neon.Api.ContractTests.Spec;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Checks;

/// <summary>
/// Compares what should be on the wire with what is: every field of <c>expected</c> must be in <c>actual</c> with the
/// same value. Values compare as JSON, except that numbers compare by value (<c>1</c> equals <c>1.0</c>) and two
/// RFC 3339 date-times compare by instant (<c>+02:00</c> equals the same moment in <c>Z</c>).
/// </summary>
internal static class JsonComparer
{
    /// <summary>The paths of the fields of <paramref name="expected"/> that are missing from, or differ in, <paramref name="actual"/>.</summary>
    public static List<string> Lost(JToken expected, JToken? actual, string path = "$")
    {
        var lost = new List<string>();
        Compare(expected, actual, path, lost);
        return lost;
    }

    /// <summary>Whether two scalar values are the same under the rules above.</summary>
    public static bool SameValue(JToken expected, JToken actual)
    {
        if (JToken.DeepEquals(expected, actual))
        {
            return true;
        }

        if (expected.Type is JTokenType.Integer or JTokenType.Float && actual.Type is JTokenType.Integer or JTokenType.Float)
        {
            return expected.Value<decimal>() == actual.Value<decimal>();
        }

        return expected.Type == JTokenType.String && actual.Type == JTokenType.String
            && SameText((string)expected!, (string)actual!);
    }

    /// <summary>Whether two texts are equal, or are the same instant written as RFC 3339 date-times.</summary>
    /// <remarks>
    /// Instants compare to the tick (100 ns), the precision of <see cref="DateTimeOffset"/>: finer digits are not data,
    /// and whether they were rounded or cut moves the last tick by one.
    /// </remarks>
    public static bool SameText(string expected, string actual) =>
        expected == actual
        || (SchemaValidator.TryParseDateTime(expected, out var left) && SchemaValidator.TryParseDateTime(actual, out var right)
            && Math.Abs(left.UtcTicks - right.UtcTicks) <= 1);

    private static void Compare(JToken expected, JToken? actual, string path, List<string> lost)
    {
        switch (expected)
        {
            case JObject obj:
                if (actual is not JObject other)
                {
                    lost.Add($"{path} (an object became {Describe(actual)})");
                    return;
                }

                foreach (var property in obj.Properties())
                {
                    var childPath = $"{path}.{property.Name}";
                    if (property.Value.Type == JTokenType.Null)
                    {
                        continue;
                    }

                    if (other[property.Name] is not { } value || value.Type == JTokenType.Null)
                    {
                        lost.Add(property.Value is JValue scalar ? $"{childPath} ({Json.Write(scalar)} missing)" : $"{childPath} (missing)");
                        continue;
                    }

                    Compare(property.Value, value, childPath, lost);
                }

                return;
            case JArray array:
                if (actual is not JArray actualArray || actualArray.Count != array.Count)
                {
                    lost.Add($"{path} (an array of {array.Count} became {Describe(actual)})");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Compare(array[i], actualArray[i], $"{path}[{i}]", lost);
                }

                return;
            default:
                if (actual is null || !SameValue(expected, actual))
                {
                    lost.Add($"{path} ({Json.Write(expected)} became {Describe(actual)})");
                }

                return;
        }
    }

    private static string Describe(JToken? token) => token switch
    {
        null => "nothing",
        JArray array => $"an array of {array.Count}",
        JObject => "an object",
        _ => Json.Write(token),
    };
}
