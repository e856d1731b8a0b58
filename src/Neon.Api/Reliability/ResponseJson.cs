using System;
using System.IO;
using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Reliability;

/// <summary>
/// Turns a success response body into a model, or into a <see cref="NeonResponseFormatException"/> that says what was
/// wrong; never lets a parser exception or a half-read body through.
/// </summary>
internal static class ResponseJson
{
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
    /// the content type (when present) is JSON, it parses completely, it is not a Neon error body
    /// (<c>{"code", "message"}</c>) under a success status, and it is not <c>null</c>.
    /// </summary>
    public static T Deserialize<T>(NeonResponse response, JsonSerializer serializer, SecretRedactor redactor)
    {
        ResponseBody body = response.Body;
        if (body.Truncated)
        {
            throw Failure(response, redactor, $"The response body is larger than the limit (NeonClientOptions.MaxResponseBodySize); {body.Length} bytes or more were sent.");
        }

        if (body.IsBlank)
        {
            throw Failure(response, redactor, "The response body is empty, but a JSON document was expected.");
        }

        if (response.MediaType is not null && !IsJsonMediaType(response.MediaType))
        {
            throw Failure(response, redactor, $"The response has content type '{response.MediaType}', but JSON was expected.");
        }

        if (MayBeErrorBody(body.Text) && LooksLikeErrorBody(body.Text, out string? code, out string? message))
        {
            throw Failure(response, redactor, $"The server answered {(int)response.StatusCode} with an error body: code '{code}', message '{redactor.Scrub(message)}'.");
        }

        T? value;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body.Text));
            value = serializer.Deserialize<T>(reader);

            // Anything but white space or comments after the document means a malformed body.
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException($"Additional text after the JSON document, line {reader.LineNumber} position {reader.LinePosition}.");
                }
            }
        }
        catch (JsonReaderException ex)
        {
            throw Failure(response, redactor, "The response body is not valid JSON (" + redactor.Scrub(ex.Message) + ").", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            throw Failure(response, redactor, $"The response body does not match the expected {typeof(T).Name} (" + redactor.Scrub(ex.Message) + ").", ex);
        }

        return value ?? throw Failure(response, redactor, $"The response body is null, but a {typeof(T).Name} was expected.");
    }

    /// <summary>
    /// The parser's exception, or a stand-in with the scrubbed message when the original quotes a secret (the JSON
    /// path of an echoed key, for example): an exception's <c>ToString()</c> includes its inner exception.
    /// </summary>
    private static Exception? Sanitize(Exception? inner, SecretRedactor redactor) =>
        inner is not null && redactor.Reveals(inner.ToString()) ? new JsonException(redactor.Scrub(inner.Message) ?? string.Empty) : inner;

    /// <summary>A cheap pre-check so that large documents are parsed only once.</summary>
    private static bool MayBeErrorBody(string text) =>
        text.Length < 8 * 1024 && text.Contains("\"code\"") && text.Contains("\"message\"");

    /// <summary>
    /// Whether the document is a Neon <c>GeneralError</c>: an object whose only properties are <c>code</c>,
    /// <c>message</c> and optionally <c>request_id</c>, with code and message strings.
    /// </summary>
    public static bool LooksLikeErrorBody(string text, out string? code, out string? message)
    {
        code = null;
        message = null;
        JToken token;
        try
        {
            token = JToken.Parse(text);
        }
        catch (JsonException)
        {
            return false;
        }

        if (token is not JObject obj || obj["code"] is not JValue { Type: JTokenType.String } c || obj["message"] is not JValue { Type: JTokenType.String } m)
        {
            return false;
        }

        foreach (var property in obj.Properties())
        {
            if (property.Name is not ("code" or "message" or "request_id"))
            {
                return false;
            }
        }

        code = (string?)c;
        message = (string?)m;
        return true;
    }

    /// <summary>Builds the exception for a response that could not be understood, with a bounded, scrubbed snippet.</summary>
    public static NeonResponseFormatException Failure(NeonResponse response, SecretRedactor redactor, string problem, Exception? inner = null)
    {
        string status = $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
        return new NeonResponseFormatException(
            $"{response.Request}: {problem} (HTTP {status}{(response.RequestId is null ? string.Empty : ", request id " + response.RequestId)})",
            response.StatusCode,
            response.MediaType,
            redactor.Scrub(BoundedBody.Snippet(response.Body)),
            response.RequestId,
            Sanitize(inner, redactor));
    }
}
