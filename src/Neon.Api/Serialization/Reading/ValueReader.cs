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
