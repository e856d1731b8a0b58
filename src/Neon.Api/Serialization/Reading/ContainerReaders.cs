using System;
using System.Collections.Generic;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Serialization.Reading;

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
                kept?.Add(RawJson.Written(item));
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
            array.Add(RawJson.Written(item));
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
                    kept[name] = RawJson.Written(entry);
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
