using System;
using System.Globalization;
using Newtonsoft.Json;

namespace Neon.Api.Serialization;

/// <summary>Writes <c>format: date</c> fields as <c>yyyy-MM-dd</c>; reads any ISO 8601 date or date-time.</summary>
internal sealed class DateOnlyConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return objectType == typeof(DateTimeOffset) ? default(DateTimeOffset) : null;
        }

        if (reader.Value is DateTimeOffset offset)
        {
            return offset;
        }

        if (reader.Value is DateTime dateTime)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
        }

        var text = Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new JsonSerializationException($"'{text}' at '{reader.Path}' is not a date.");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is DateTimeOffset date)
        {
            writer.WriteValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull();
        }
    }
}
