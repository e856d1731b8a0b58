using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Serialization.Reading;

/// <summary>
/// Reads one JSON value into a <typeparamref name="T"/>. The reader starts on the value's first token and ends on
/// its last. A value that does not fit is not dropped: the reader returns <see langword="false"/> with the value as
/// sent in <c>raw</c>, and the caller keeps it. A JSON <c>null</c> always fits (as the type's default).
/// </summary>
/// <typeparam name="T">The type read.</typeparam>
internal abstract class ValueReader<T>
{
    /// <summary>The reader for <typeparamref name="T"/>, chosen once per type.</summary>
    public static readonly ValueReader<T> Instance = (ValueReader<T>)ValueReaders.For(typeof(T));

    public abstract bool TryRead(ref Utf8JsonReader reader, ReadContext context, out T value, out JToken? raw);
}

/// <summary>Reads a scalar: the conversion is tried on the current token; anything else is kept raw.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal abstract class ScalarReader<T> : ValueReader<T>
{
    public sealed override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out T value, out JToken? raw)
    {
        raw = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = default!;
            return true;
        }

        if (TryConvert(ref reader, out value))
        {
            return true;
        }

        value = default!;
        raw = RawJson.Read(ref reader);
        return false;
    }

    /// <summary>Converts the current token; must not move the reader.</summary>
    protected abstract bool TryConvert(ref Utf8JsonReader reader, out T value);
}

/// <summary>Chooses the reader for a type.</summary>
internal static class ValueReaders
{
    public static object For(Type type)
    {
        if (type == typeof(string))
        {
            return new TextReader();
        }

        if (type == typeof(int))
        {
            return new Int32Reader();
        }

        if (type == typeof(long))
        {
            return new Int64Reader();
        }

        if (type == typeof(ulong))
        {
            return new UInt64Reader();
        }

        if (type == typeof(double))
        {
            return new DoubleReader();
        }

        if (type == typeof(bool))
        {
            return new BooleanReader();
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffsetReader();
        }

        if (type == typeof(Uri))
        {
            return new UriReader();
        }

        if (type == typeof(byte[]))
        {
            return new BytesReader();
        }

        if (typeof(JToken).IsAssignableFrom(type))
        {
            return Create(typeof(TokenReader<>), type);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Create(typeof(NullableReader<>), underlying);
        }

        if (type.IsValueType && typeof(IStringEnum).IsAssignableFrom(type))
        {
            return Create(typeof(StringEnumReader<>), type);
        }

        if (ModelPlan.Of(type) is { } plan)
        {
            return Activator.CreateInstance(typeof(ModelReader<>).MakeGenericType(type), plan)!;
        }

        if (ElementOf(type, typeof(IDictionary<,>)) is { } entry && entry.GetGenericArguments()[0] == typeof(string))
        {
            var concrete = type.IsInterface ? typeof(Dictionary<,>).MakeGenericType(entry.GetGenericArguments()) : type;
            return Create(typeof(DictionaryReader<,,>), type, concrete, entry.GetGenericArguments()[1]);
        }

        if (type != typeof(string) && ElementOf(type, typeof(ICollection<>)) is { } collection)
        {
            var item = collection.GetGenericArguments()[0];
            var concrete = type.IsInterface ? typeof(List<>).MakeGenericType(item) : type;
            return Create(typeof(CollectionReader<,,>), type, concrete, item);
        }

        if (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() is var open
            && (open == typeof(IEnumerable<>) || open == typeof(IReadOnlyList<>) || open == typeof(IReadOnlyCollection<>)))
        {
            var item = type.GetGenericArguments()[0];
            return Create(typeof(CollectionReader<,,>), type, typeof(List<>).MakeGenericType(item), item);
        }

        return Create(typeof(FallbackReader<>), type);
    }

    private static object Create(Type open, params Type[] arguments) => Activator.CreateInstance(open.MakeGenericType(arguments))!;

    /// <summary>The closed generic interface <paramref name="open"/> that <paramref name="type"/> is or implements.</summary>
    private static Type? ElementOf(Type type, Type open)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == open)
        {
            return type;
        }

        foreach (var candidate in type.GetInterfaces())
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == open)
            {
                return candidate;
            }
        }

        return null;
    }
}

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

internal sealed class NullableReader<T> : ValueReader<T?>
    where T : struct
{
    private readonly ValueReader<T> _inner = ValueReader<T>.Instance;

    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out T? value, out JToken? raw)
    {
        raw = null;
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (!_inner.TryRead(ref reader, context, out var inner, out raw))
        {
            return false;
        }

        value = inner;
        return true;
    }
}

/// <summary>A <see cref="JToken"/> property holds whatever was sent.</summary>
internal sealed class TokenReader<T> : ValueReader<T>
    where T : JToken
{
    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out T value, out JToken? raw)
    {
        var token = RawJson.Read(ref reader);
        value = (token as T)!;
        raw = value is null ? token : null;
        return value is not null || token.Type == JTokenType.Null;
    }
}

/// <summary>A nested model: an object read by the model's plan.</summary>
internal sealed class ModelReader<T>(ModelPlan plan) : ValueReader<T>
    where T : class
{
    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out T value, out JToken? raw)
    {
        raw = null;
        value = null!;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.StartObject && plan.Read(ref reader, context) is T model)
        {
            value = model;
            return true;
        }

        raw = RawJson.Read(ref reader);
        return false;
    }
}

/// <summary>
/// An array. When any item does not fit, the whole array is kept raw (with the items that did fit written back as
/// JSON), so that a partial list is never mistaken for the real one.
/// </summary>
internal sealed class CollectionReader<TCollection, TConcrete, TItem> : ValueReader<TCollection>
    where TConcrete : TCollection, ICollection<TItem>, new()
{
    private readonly ValueReader<TItem> _items = ValueReader<TItem>.Instance;

    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out TCollection value, out JToken? raw)
    {
        raw = null;
        value = default!;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            raw = RawJson.Read(ref reader);
            return false;
        }

        var items = new TConcrete();
        JArray? kept = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            context.Enter(index++);
            if (_items.TryRead(ref reader, context, out var item, out var itemRaw))
            {
                items.Add(item);
                kept?.Add(item is null ? JValue.CreateNull() : JToken.FromObject(item, NeonJson.Serializer));
            }
            else
            {
                kept ??= ToArray(items);
                kept.Add(itemRaw!);
            }

            context.Leave();
        }

        if (kept is not null)
        {
            raw = kept;
            return false;
        }

        value = items;
        return true;
    }

    private static JArray ToArray(TConcrete items)
    {
        var array = new JArray();
        foreach (var item in items)
        {
            array.Add(item is null ? JValue.CreateNull() : JToken.FromObject(item, NeonJson.Serializer));
        }

        return array;
    }
}

/// <summary>An object read as a map; like arrays, kept raw whole when any entry does not fit.</summary>
internal sealed class DictionaryReader<TDictionary, TConcrete, TValue> : ValueReader<TDictionary>
    where TConcrete : TDictionary, IDictionary<string, TValue>, new()
{
    private readonly ValueReader<TValue> _values = ValueReader<TValue>.Instance;

    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out TDictionary value, out JToken? raw)
    {
        raw = null;
        value = default!;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            raw = RawJson.Read(ref reader);
            return false;
        }

        var entries = new TConcrete();
        JObject? kept = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            context.Enter(name);
            if (_values.TryRead(ref reader, context, out var entry, out var entryRaw))
            {
                entries[name] = entry;
                if (kept is not null)
                {
                    kept[name] = entry is null ? JValue.CreateNull() : JToken.FromObject(entry, NeonJson.Serializer);
                }
            }
            else
            {
                kept ??= JObject.FromObject(entries, NeonJson.Serializer);
                kept[name] = entryRaw;
            }

            context.Leave();
        }

        if (kept is not null)
        {
            raw = kept;
            return false;
        }

        value = entries;
        return true;
    }
}

/// <summary>Any other type: read raw, then converted by Json.NET with the client's settings.</summary>
internal sealed class FallbackReader<T> : ValueReader<T>
{
    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, out T value, out JToken? raw)
    {
        var token = RawJson.Read(ref reader);
        try
        {
            value = token.ToObject<T>(NeonJson.Serializer)!;
            raw = null;
            return true;
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            value = default!;
            raw = token;
            return false;
        }
    }
}
