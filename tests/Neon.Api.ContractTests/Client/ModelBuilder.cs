using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Client;

/// <summary>
/// Turns a synthesized JSON value into the C# argument a user would pass: models are filled property by property
/// through their <c>[JsonProperty]</c> names (not through the client's JSON reader, which is not under test here),
/// extensible enums through their string constructor, collections as lists.
/// </summary>
internal sealed class ModelBuilder(IReadOnlyDictionary<JToken, string> typeHints)
{
    /// <summary>Spec fields that no typed member of the model can hold.</summary>
    public List<string> Problems { get; } = [];

    public object? Build(JToken value, Type type, string path)
    {
        if (value.Type == JTokenType.Null)
        {
            return null;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Build(value, underlying, path);
        }

        if (typeof(JToken).IsAssignableFrom(type) || type == typeof(object))
        {
            return value.DeepClone();
        }

        if (value is JValue scalar)
        {
            return BuildScalar(scalar, type, path);
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            var concrete = type.IsInterface ? typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType) : type;
            var dictionary = (IDictionary)Activator.CreateInstance(concrete)!;
            foreach (var property in ((JObject)value).Properties())
            {
                dictionary[property.Name] = Build(property.Value, valueType, $"{path}.{property.Name}");
            }

            return dictionary;
        }

        if (ElementType(type) is { } elementType && value is JArray array)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            for (var i = 0; i < array.Count; i++)
            {
                list.Add(Build(array[i], elementType, $"{path}[{i}]"));
            }

            if (type.IsArray)
            {
                var result = Array.CreateInstance(elementType, list.Count);
                list.CopyTo(result, 0);
                return result;
            }

            return list;
        }

        if (value is JObject obj && type.IsClass)
        {
            return BuildModel(obj, type, path);
        }

        Problems.Add($"{path}: cannot pass {Json.Write(value)} as {type.Name}");
        return null;
    }

    /// <summary>The JSON name of each settable property of a model.</summary>
    public static Dictionary<string, PropertyInfo> JsonProperties(Type type)
    {
        var map = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyAttribute>() is { PropertyName: { } name } && property.CanWrite)
            {
                map.TryAdd(name, property);
            }
        }

        return map;
    }

    /// <summary>The discriminator property name a polymorphic base declares with its converter, if any.</summary>
    public static string? DiscriminatorName(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetCustomAttribute<JsonConverterAttribute>(inherit: false) is { } converter
                && converter.ConverterType.Name == "DiscriminatorConverter"
                && converter.ConverterParameters is [string name])
            {
                return name;
            }
        }

        return null;
    }

    private object? BuildModel(JObject obj, Type declared, string path)
    {
        var type = ConcreteType(obj, declared, path);
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            Problems.Add($"{path}: {type.Name} cannot be created (abstract or without a parameterless constructor)");
            return null;
        }

        var instance = Activator.CreateInstance(type)!;
        var properties = JsonProperties(type);
        var discriminator = DiscriminatorName(type);
        foreach (var field in obj.Properties())
        {
            if (properties.TryGetValue(field.Name, out var property))
            {
                var built = Build(field.Value, property.PropertyType, $"{path}.{field.Name}");
                if (built is not null || !property.PropertyType.IsValueType)
                {
                    property.SetValue(instance, built);
                }
            }
            else if (field.Name == discriminator)
            {
                // Written by the model's converter from its type, which ConcreteType chose.
            }
            else
            {
                Problems.Add($"{path}.{field.Name}: {type.Name} has no property for this field of the spec");
                if (type.GetProperty("AdditionalProperties")?.GetValue(instance) is IDictionary<string, JToken> extra)
                {
                    extra[field.Name] = field.Value.DeepClone();
                }
            }
        }

        return instance;
    }

    /// <summary>The model for a value built from a named schema: the declared type, or the derived type of that name.</summary>
    private Type ConcreteType(JObject obj, Type declared, string path)
    {
        if (!typeHints.TryGetValue(obj, out var hint) || Normalize(declared.Name) == Normalize(hint))
        {
            return declared;
        }

        var derived = declared.Assembly.GetTypes()
            .Where(t => declared.IsAssignableFrom(t) && !t.IsAbstract && Normalize(t.Name) == Normalize(hint))
            .ToList();
        if (derived.Count == 1)
        {
            return derived[0];
        }

        if (declared.IsAbstract)
        {
            Problems.Add($"{path}: no model derived from {declared.Name} for the spec's {hint}");
        }

        return declared;
    }

    private object? BuildScalar(JValue value, Type type, string path)
    {
        try
        {
            if (type == typeof(string))
            {
                return value.Type == JTokenType.String ? (string)value! : Json.Write(value);
            }

            if (type == typeof(DateTimeOffset))
            {
                return DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            }

            if (type == typeof(DateTime))
            {
                return DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            }

            if (type == typeof(TimeSpan))
            {
                return TimeSpan.Parse((string)value!, CultureInfo.InvariantCulture);
            }

            if (type == typeof(Uri))
            {
                return new Uri((string)value!, UriKind.RelativeOrAbsolute);
            }

            if (type == typeof(Guid))
            {
                return Guid.Parse((string)value!);
            }

            if (type.IsValueType && type.GetConstructor([typeof(string)]) is { } fromWire && value.Type == JTokenType.String)
            {
                // An extensible enum: the wire text is its value.
                return fromWire.Invoke([(string)value!]);
            }

            if (type.IsEnum)
            {
                return Enum.Parse(type, value.ToString(CultureInfo.InvariantCulture), ignoreCase: true);
            }

            if (type.IsPrimitive || type == typeof(decimal))
            {
                return Convert.ChangeType(value.Value, type, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException or ArgumentException)
        {
            Problems.Add($"{path}: the spec's value {Json.Write(value)} does not fit {type.Name} ({ex.Message})");
            return null;
        }

        Problems.Add($"{path}: cannot pass {Json.Write(value)} as {type.Name}");
        return null;
    }

    /// <summary>The value type of a string-keyed dictionary (declared as an interface, or a named model deriving from one).</summary>
    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments() is [var key, var value] && key == typeof(string) ? value : null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || !type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IList<>)
            || definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    public static string Normalize(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
