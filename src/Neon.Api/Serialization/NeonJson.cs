using System;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Neon.Api.Serialization;

/// <summary>The JSON settings every request and response goes through, and the tolerance rules for responses.</summary>
public static class NeonJson
{
    internal static JsonSerializerSettings Settings { get; } = CreateSettings();

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    /// <summary>Serializes a model as the client sends it.</summary>
    /// <param name="value">The model.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object? value) => JsonConvert.SerializeObject(value, Settings);

    /// <summary>
    /// Reads a model the way the client reads responses: the text must be well-formed JSON, and a field whose value
    /// does not fit its declared type (a bad date, a null where the spec says non-null, an unknown enum value) is
    /// left at its default instead of failing the whole model.
    /// </summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="JsonReaderException">The text is not well-formed JSON.</exception>
    public static T? Deserialize<T>(string json)
    {
        var token = Parse(json);
        return token.Type == JTokenType.Null ? default : token.ToObject<T>(Serializer);
    }

    /// <summary>Parses JSON text into a token tree without interpreting date strings.</summary>
    internal static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 128,
        };
        var token = JToken.ReadFrom(reader);
        if (reader.Read())
        {
            throw new JsonReaderException($"Unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}.");
        }

        return token;
    }

    /// <summary>Converts a parsed token into a model with the client's settings.</summary>
    internal static T? ToObject<T>(JToken token) => token.Type == JTokenType.Null ? default : token.ToObject<T>(Serializer);

    /// <summary>
    /// Called by the generated models when a member fails to deserialize. Responses are read from an already
    /// parsed (so well-formed) token tree, so a failure here is about one value; tolerating it keeps the rest.
    /// </summary>
    /// <param name="model">The model being read.</param>
    /// <param name="errorContext">Newtonsoft's error context.</param>
    internal static void TolerateMemberError(object model, ErrorContext errorContext)
    {
        if (errorContext is null)
        {
            throw new ArgumentNullException(nameof(errorContext));
        }

        if (ReferenceEquals(errorContext.OriginalObject, model) && errorContext.Error is JsonException)
        {
            errorContext.Handled = true;
        }
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
