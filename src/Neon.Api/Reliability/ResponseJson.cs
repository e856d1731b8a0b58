using System;
using Neon.Api.Core;
using Neon.Api.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Reliability;

/// <summary>
/// Turns a success response body into a model, or into a <see cref="NeonResponseFormatException"/> that says what was
/// wrong; never lets a parser exception or a half-read body through.
/// </summary>
internal static class ResponseJson
{
    /// <summary>Whether the media type is a markup page (HTML, XML): an error page or proxy answer, never a Neon document.</summary>
    public static bool IsMarkupMediaType(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the media type is JSON (<c>application/json</c>, <c>text/json</c>, <c>*/*+json</c>).</summary>
    public static bool IsJsonMediaType(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            return false;
        }

        return mediaType!.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Deserializes a success response. Checks, in order: the body was not cut by the size bound, it is not empty,
    /// it is not a markup page (HTML, XML), it parses completely as JSON (whatever its label), it is an object (unless a token was asked for),
    /// it is not a Neon error body (<c>{"code", "message"}</c>) under a success status, and it is not <c>null</c>.
    /// </summary>
    public static T Deserialize<T>(NeonResponse response, SecretRedactor redactor)
    {
        ResponseBody body = response.Body;
        if (body.Truncated)
        {
            throw Failure(response, redactor, $"a body larger than the limit (NeonClientOptions.MaxResponseBytes); {body.Length} bytes or more were sent");
        }

        if (body.IsBlank)
        {
            throw Failure(response, redactor, $"an empty body where a {typeof(T).Name} was expected");
        }

        if (IsMarkupMediaType(response.MediaType))
        {
            throw Failure(response, redactor, $"a body that is not JSON (content type '{response.MediaType}')");
        }

        JsonShape shape;
        try
        {
            shape = JsonShape.Inspect(body.Text);
        }
        catch (JsonException ex)
        {
            // A JSON document is accepted whatever its label (test doubles often say text/plain); a body that does not
            // parse is explained by its content type when that is not JSON.
            string what = response.MediaType is null || IsJsonMediaType(response.MediaType)
                ? "malformed or truncated JSON"
                : $"a body that is not JSON (content type '{response.MediaType}')";
            throw Failure(response, redactor, what + " (" + redactor.Scrub(ex.Message) + ")", ex);
        }

        if (shape.Root == JsonToken.Null)
        {
            throw Failure(response, redactor, $"a JSON null where a {typeof(T).Name} was expected");
        }

        if (shape.Root != JsonToken.StartObject && !typeof(JToken).IsAssignableFrom(typeof(T)))
        {
            throw Failure(response, redactor, $"a JSON {Describe(shape.Root)} where an object ({typeof(T).Name}) was expected");
        }

        if (shape.IsErrorBody)
        {
            throw Failure(response, redactor, $"an error body (code '{shape.ErrorCode}': {redactor.Scrub(shape.ErrorMessage)})");
        }

        T? value;
        try
        {
            value = NeonJson.Read<T>(body.Text, shape);
        }
        catch (MalformedJsonException ex)
        {
            throw Failure(response, redactor, "malformed or truncated JSON (" + redactor.Scrub(ex.Message) + ")", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            // A large body was not scanned up front: tell a broken document from one that does not fit the model.
            string problem = !shape.WellFormed && !JsonShape.IsWellFormed(body.Text, out _) ? "malformed or truncated JSON" : $"a body that does not match {typeof(T).Name}";
            throw Failure(response, redactor, problem + " (" + redactor.Scrub(ex.Message) + ")", ex);
        }

        return value ?? throw Failure(response, redactor, $"a JSON null where a {typeof(T).Name} was expected");
    }

    private static string Describe(JsonToken root) => root switch
    {
        JsonToken.StartArray => "array",
        JsonToken.String => "string",
        JsonToken.Integer or JsonToken.Float => "number",
        JsonToken.Boolean => "boolean",
        _ => root.ToString().ToLowerInvariant(),
    };

    /// <summary>Builds the exception for a response that could not be understood, with a bounded, scrubbed snippet.</summary>
    public static NeonResponseFormatException Failure(NeonResponse response, SecretRedactor redactor, string problem, Exception? inner = null)
    {
        NeonRequest request = response.Request;
        string requestId = response.RequestId is null ? string.Empty : $" [request id {response.RequestId}]";
        return new NeonResponseFormatException(
            $"Neon API call {request.OperationId} ({request.Method} {request.PathTemplate}) answered {(int)response.StatusCode} ({response.MediaType ?? "no content type"}) with {problem}.{requestId}",
            response.StatusCode,
            request.OperationId,
            redactor.Scrub(BoundedBody.Snippet(response.Body)),
            Sanitize(inner, redactor));
    }

    /// <summary>
    /// The parser's exception, or a stand-in with the scrubbed message when the original quotes a secret (the JSON
    /// path of an echoed key, for example): an exception's <c>ToString()</c> includes its inner exception.
    /// </summary>
    private static Exception? Sanitize(Exception? inner, SecretRedactor redactor) =>
        inner is not null && redactor.Reveals(inner.ToString()) ? new JsonException(redactor.Scrub(inner.Message) ?? string.Empty) : inner;
}
