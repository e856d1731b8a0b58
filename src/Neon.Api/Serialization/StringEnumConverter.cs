using System;
using Newtonsoft.Json;

namespace Neon.Api.Serialization;

/// <summary>Reads and writes an extensible enumeration as its JSON string, keeping values this client does not know.</summary>
/// <typeparam name="T">The enumeration type.</typeparam>
internal sealed class StringEnumConverter<T> : JsonConverter
    where T : struct, IStringEnum<T>
{
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return objectType == typeof(T) ? default(T) : null;
            case JsonToken.String:
                return default(T).FromWire((string)reader.Value!);
            case JsonToken.Integer or JsonToken.Float or JsonToken.Boolean:
                // A server that sends a number or a boolean where the spec says string: keep its text.
                return default(T).FromWire(Convert.ToString(reader.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            default:
                throw new JsonSerializationException($"Expected a string for {typeof(T).Name} but found {reader.TokenType} at '{reader.Path}'.");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is T item && item.Value.Length > 0)
        {
            writer.WriteValue(item.Value);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
