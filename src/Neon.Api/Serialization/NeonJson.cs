using System;
using System.Buffers;
using System.Text;
using Neon.Api.Serialization.Reading;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Neon.Api.Serialization;

/// <summary>The JSON settings every request and response goes through, and the tolerance rules for responses.</summary>
public static class NeonJson
{
    internal static JsonSerializerSettings Settings { get; } = CreateSettings();
    /// <summary>The serializer for request bodies and for the rare values the response reader hands to Json.NET.</summary>
    internal static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>Serializes a model as the client sends it.</summary>
    /// <param name="value">The model.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object? value) => JsonConvert.SerializeObject(value, Settings);

    /// <summary>
    /// Reads a model the way the client reads responses: the text must be one complete JSON document; unknown fields
    /// are kept in the model's <c>AdditionalProperties</c>, and so is a value that does not fit its property's type
    /// (a bad date, a number too large, an object where a string belongs), with the property left unset.
    /// </summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model, or the default for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonReaderException">The text is not well-formed JSON (for example cut short).</exception>
    /// <exception cref="JsonSerializationException">The document's root does not fit <typeparamref name="T"/> (an array for an object, ...).</exception>
    public static T? Deserialize<T>(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        var utf8 = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json));
        var problem = JsonDocumentReader.TryRead<T>(utf8, new ReadContext(failOnMismatch: false), out var value, out var detail);
        return problem switch
        {
            DocumentProblem.None => value,
            DocumentProblem.Malformed => throw new JsonReaderException($"The text is not one well-formed JSON document: {detail}"),
            _ when detail == "a JSON null" => default,
            _ => throw new JsonSerializationException($"The JSON document is {detail}, which does not fit {typeof(T).Name}."),
        };
    }

    /// <summary>
    /// Creates a copy of the client's serializer settings: unset (null) fields are not sent, dates stay as written
    /// until a model property asks for a date, and unknown fields go to the models' <c>AdditionalProperties</c>.
    /// </summary>
    /// <returns>New settings; changing them does not affect the client.</returns>
    public static JsonSerializerSettings CreateSettings() => new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        MaxDepth = 128,
        ContractResolver = new NeonContractResolver(),
    };

    /// <summary>Leaves unset extensible-enum fields out of request bodies, as unset nullable fields are.</summary>
    private sealed class NeonContractResolver : DefaultContractResolver
    {
        protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (property.PropertyType is { IsValueType: true } type && typeof(IStringEnum).IsAssignableFrom(type) && property.ValueProvider is { } values)
            {
                property.ShouldSerialize = model => values.GetValue(model) is IStringEnum { Value.Length: > 0 };
            }

            return property;
        }
    }
}

