using System;
using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Serialization.Reading;

/// <summary>Turns the JSON value under a reader into a <see cref="JToken"/> exactly as sent (dates stay strings, big integers stay whole).</summary>
internal static class RawJson
{
    /// <summary>Reads the value whose first token is the reader's current one; the reader ends on its last token.</summary>
    public static JToken Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    obj[name] = Read(ref reader);
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(Read(ref reader));
                }

                return array;
            case JsonTokenType.String:
                return new JValue(reader.GetString());
            case JsonTokenType.Number:
                return Number(ref reader);
            case JsonTokenType.True:
                return new JValue(true);
            case JsonTokenType.False:
                return new JValue(false);
            default:
                return JValue.CreateNull();
        }
    }

    /// <summary>The kind of the value under the reader, for messages: object, array, string, number, boolean, null.</summary>
    public static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };

    /// <summary>A value that was read, written back as JSON (beside the raw items of a list or map kept whole).</summary>
    public static JToken Written(object? value) => value is null ? JValue.CreateNull() : JToken.FromObject(value, NeonJson.Serializer);

    /// <summary>The kind of a value kept raw, for messages (numbers as integer or number).</summary>
    public static string Kind(JToken token) => token.Type switch
    {
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Integer => "integer",
        JTokenType.Float or JTokenType.Raw => "number",
        JTokenType.Boolean => "boolean",
        JTokenType.String => "string",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    /// <summary>The raw text of the current token (a number or an unescaped string's bytes).</summary>
    public static string Text(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray()) : Utf8(reader.ValueSpan);

    private static JValue Number(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var whole))
        {
            return new JValue(whole);
        }

        var text = Text(ref reader);
        if (text.IndexOfAny(['.', 'e', 'E']) < 0 && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            return new JValue(big);
        }

        // A fraction or exponent: a double when it fits, else the text itself (written back verbatim).
        return reader.TryGetDouble(out var fraction) && !double.IsInfinity(fraction) ? new JValue(fraction) : new JRaw(text);
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
#if NETSTANDARD2_0
        return Encoding.UTF8.GetString(bytes.ToArray());
#else
        return Encoding.UTF8.GetString(bytes);
#endif
    }
}
