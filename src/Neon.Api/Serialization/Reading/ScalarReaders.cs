using System;
using System.Globalization;
using System.Text.Json;

namespace Neon.Api.Serialization.Reading;

internal sealed class TextReader : ScalarReader<string>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out string value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null!;
        return value is not null;
    }
}

internal sealed class Int32Reader : ScalarReader<int>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out int value) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetInt32(out value),
        JsonTokenType.String => int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        _ => Fail(out value),
    };

    internal static bool Fail<TValue>(out TValue value)
    {
        value = default!;
        return false;
    }
}

internal sealed class Int64Reader : ScalarReader<long>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out long value) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetInt64(out value),
        JsonTokenType.String => long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        _ => Int32Reader.Fail(out value),
    };
}

internal sealed class UInt64Reader : ScalarReader<ulong>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out ulong value) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetUInt64(out value),
        JsonTokenType.String => ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value),
        _ => Int32Reader.Fail(out value),
    };
}

internal sealed class DoubleReader : ScalarReader<double>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out double value) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetDouble(out value) && !double.IsInfinity(value),
        JsonTokenType.String => double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value),
        _ => Int32Reader.Fail(out value),
    };
}

internal sealed class BooleanReader : ScalarReader<bool>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.String when reader.ValueTextEquals("true"u8):
                value = true;
                return true;
            case JsonTokenType.String when reader.ValueTextEquals("false"u8):
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}

/// <summary>Dates and date-times in ISO 8601 (RFC 3339); a value without an offset is taken as UTC.</summary>
internal sealed class DateTimeOffsetReader : ScalarReader<DateTimeOffset>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = default;
            return false;
        }

        // The fast path parses the bytes in place; it would take a value without an offset as local time, so such
        // values (and escaped ones) go through the string path, which takes them as UTC.
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out value))
        {
            return true;
        }

        var text = reader.GetString()!;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            && LooksLikeIso8601(text);
    }

    private static bool HasOffset(ReadOnlySpan<byte> text) =>
        text.Length > 19
        && (text[text.Length - 1] is (byte)'Z' or (byte)'z'
            || (text[text.Length - 6] is (byte)'+' or (byte)'-' && text[text.Length - 3] == (byte)':'));

    // DateTimeOffset.TryParse also takes forms such as "1/2/2026" or "Tuesday"; the API only sends ISO 8601.
    private static bool LooksLikeIso8601(string text) =>
        text.Length >= 10 && char.IsDigit(text[0]) && char.IsDigit(text[3]) && text[4] == '-' && text[7] == '-';
}

internal sealed class UriReader : ScalarReader<Uri>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out Uri value)
    {
        value = null!;
        return reader.TokenType == JsonTokenType.String && Uri.TryCreate(reader.GetString(), UriKind.RelativeOrAbsolute, out value!);
    }
}

internal sealed class BytesReader : ScalarReader<byte[]>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out byte[] value)
    {
        value = null!;
        return reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out value!);
    }
}

internal sealed class StringEnumReader<T> : ScalarReader<T>
    where T : struct, IStringEnum<T>
{
    protected override bool TryConvert(ref Utf8JsonReader reader, out T value)
    {
        value = reader.TokenType == JsonTokenType.String ? default(T).FromWire(reader.GetString()!) : default;
        return reader.TokenType == JsonTokenType.String;
    }
}
