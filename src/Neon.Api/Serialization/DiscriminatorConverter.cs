using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Serialization;

/// <summary>Names the JSON discriminator value of one derived model of a polymorphic base.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
internal sealed class DiscriminatorValueAttribute : Attribute
{
    public DiscriminatorValueAttribute(string value, Type type)
    {
        Value = value;
        Type = type;
    }

    public string Value { get; }

    public Type Type { get; }
}

/// <summary>
/// Reads a polymorphic model by its discriminator property (a value this client does not know yields the base
/// type, so nothing fails) and writes the discriminator of the concrete type.
/// </summary>
internal sealed class DiscriminatorConverter : JsonConverter
{
    private static readonly ConcurrentDictionary<Type, (Type Base, DiscriminatorValueAttribute[] Values)> Maps = new();

    [ThreadStatic]
    private static bool _busy;

    private readonly string _propertyName;

    public DiscriminatorConverter(string propertyName)
    {
        _propertyName = propertyName;
    }

    public override bool CanWrite => !_busy;

    public override bool CanRead => !_busy;

    public override bool CanConvert(Type objectType) => true;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var json = JObject.Load(reader);
        var (baseType, values) = MapFor(objectType);
        var discriminator = json[_propertyName]?.Type == JTokenType.String ? (string?)json[_propertyName] : null;
        var target = values.FirstOrDefault(v => string.Equals(v.Value, discriminator, StringComparison.Ordinal))?.Type ?? baseType;
        if (!objectType.IsAssignableFrom(target))
        {
            target = objectType;
        }

        return WithoutSelf(() => json.ToObject(target, serializer));
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var json = WithoutSelf(() => JObject.FromObject(value, serializer));
        var (_, values) = MapFor(value.GetType());
        var name = values.FirstOrDefault(v => v.Type == value.GetType())?.Value;
        if (name is not null)
        {
            json[_propertyName] = name;
        }

        json.WriteTo(writer);
    }

    private static T WithoutSelf<T>(Func<T> action)
    {
        _busy = true;
        try
        {
            return action();
        }
        finally
        {
            _busy = false;
        }
    }

    private static (Type Base, DiscriminatorValueAttribute[] Values) MapFor(Type type) => Maps.GetOrAdd(type, static t =>
    {
        // The attributes sit on the base class that declares the converter.
        for (var current = t; current is not null; current = current.BaseType)
        {
            var values = current.GetCustomAttributes<DiscriminatorValueAttribute>(inherit: false).ToArray();
            if (values.Length > 0)
            {
                return (current, values);
            }
        }

        return (t, Array.Empty<DiscriminatorValueAttribute>());
    });
}
