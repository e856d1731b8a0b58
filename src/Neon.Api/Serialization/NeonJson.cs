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

    // Deserialization is synchronous, so a per-thread count tells Read whether the document it just read needed tolerance.
    [ThreadStatic]
    private static int _toleratedErrors;

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
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        var shape = JsonShape.Inspect(json);
        return shape.Root == JsonToken.Null ? default : Read<T>(json, shape);
    }

    /// <summary>Creates the reader every parse uses: dates stay strings until a model asks for a date.</summary>
    internal static JsonTextReader CreateReader(string json) => new(new StringReader(json))
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = 128,
    };

    /// <summary>Parses JSON text into a token tree without interpreting date strings.</summary>
    internal static JToken Parse(string json)
    {
        using var reader = CreateReader(json);
        var token = JToken.ReadFrom(reader);
        if (reader.Read())
        {
            throw new JsonReaderException($"Unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}.");
        }

        return token;
    }

    /// <summary>
    /// Reads a model straight from the text (no intermediate tree). A field that does not fit its type is tolerated,
    /// which is only safe in a well-formed document: text that was not scanned whole beforehand is scanned now if
    /// anything had to be tolerated, so a truncated or garbled body still fails.
    /// </summary>
    /// <exception cref="MalformedJsonException">The text is not well-formed JSON.</exception>
    internal static T? Read<T>(string json, JsonShape shape)
    {
        _toleratedErrors = 0;
        T? value;
        using (var reader = CreateReader(json))
        {
            value = Serializer.Deserialize<T>(reader);
        }

        if (_toleratedErrors > 0 && !shape.WellFormed && !JsonShape.IsWellFormed(json, out var malformed))
        {
            throw new MalformedJsonException(malformed!.Message, malformed);
        }

        return value;
    }

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
            _toleratedErrors++;
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

/// <summary>A body that is not well-formed JSON (found after reading it needed tolerance).</summary>
internal sealed class MalformedJsonException(string message, Exception inner) : JsonReaderException(message, inner);
