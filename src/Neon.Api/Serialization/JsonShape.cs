using System.IO;
using Newtonsoft.Json;

namespace Neon.Api.Serialization;

/// <summary>
/// What a single forward scan of a JSON text found: that it is well-formed, the type of its root, and whether it is
/// shaped like Neon's <c>GeneralError</c> (only <c>code</c>, <c>message</c> and <c>request_id</c>, as strings).
/// </summary>
/// <remarks>
/// Responses are scanned before they are read into models. The scan builds no tree, so it is cheap; knowing the text
/// is well-formed is what lets the models tolerate a bad value in one field without risking a misread document.
/// </remarks>
internal readonly struct JsonShape
{
    /// <summary>
    /// Bodies up to this size are scanned whole before they are read (an error document is always this small); larger
    /// ones are only peeked at, and scanned afterwards if reading them needed any tolerance.
    /// </summary>
    public const int FullScanLimit = 8 * 1024;

    private JsonShape(JsonToken root, string? errorCode, string? errorMessage, bool wellFormed)
    {
        Root = root;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        WellFormed = wellFormed;
    }

    /// <summary>Whether the whole text was scanned and found well-formed (false after <see cref="Peek"/>).</summary>
    public bool WellFormed { get; }

    /// <summary>The first token: <see cref="JsonToken.StartObject"/>, <see cref="JsonToken.StartArray"/>, a scalar or <see cref="JsonToken.Null"/>.</summary>
    public JsonToken Root { get; }

    /// <summary>The <c>code</c> of an error-shaped object, else null.</summary>
    public string? ErrorCode { get; }

    /// <summary>The <c>message</c> of an error-shaped object, else null.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Whether the root is an object holding only a string <c>code</c>, a string <c>message</c> and optionally <c>request_id</c>.</summary>
    public bool IsErrorBody => ErrorCode is not null && ErrorMessage is not null;

    /// <summary>Scans a small text whole, a large one only up to its first token.</summary>
    public static JsonShape Inspect(string json) => json.Length <= FullScanLimit ? Scan(json) : Peek(json);

    /// <summary>Reads only the first token of <paramref name="json"/>.</summary>
    /// <exception cref="JsonReaderException">The text does not start with a JSON value.</exception>
    public static JsonShape Peek(string json)
    {
        using var reader = NeonJson.CreateReader(json);
        if (!reader.Read())
        {
            throw new JsonReaderException("The body holds no JSON value.");
        }

        return new JsonShape(reader.TokenType, null, null, wellFormed: false);
    }

    /// <summary>Whether <paramref name="json"/> is one well-formed JSON value; <paramref name="error"/> says why not.</summary>
    public static bool IsWellFormed(string json, out JsonReaderException? error)
    {
        try
        {
            Scan(json);
            error = null;
            return true;
        }
        catch (JsonReaderException exception)
        {
            error = exception;
            return false;
        }
    }

    /// <summary>Scans <paramref name="json"/> to its end.</summary>
    /// <exception cref="JsonReaderException">The text is not one well-formed JSON value.</exception>
    public static JsonShape Scan(string json)
    {
        using var reader = NeonJson.CreateReader(json);
        if (!reader.Read())
        {
            throw new JsonReaderException("The body holds no JSON value.");
        }

        var root = reader.TokenType;
        string? code = null, message = null;
        var errorShaped = root == JsonToken.StartObject;
        var properties = 0;
        string? property = null;
        while (reader.Read())
        {
            if (errorShaped && reader.Depth == 1)
            {
                if (reader.TokenType == JsonToken.PropertyName)
                {
                    property = (string?)reader.Value;
                    properties++;
                    errorShaped = properties <= 3 && property is "code" or "message" or "request_id";
                }
                else if (property is "code" or "message")
                {
                    if (reader.TokenType == JsonToken.String)
                    {
                        if (property == "code")
                        {
                            code = (string?)reader.Value;
                        }
                        else
                        {
                            message = (string?)reader.Value;
                        }
                    }
                    else
                    {
                        errorShaped = false;
                    }
                }
            }

            if (reader.Depth == 0 && reader.TokenType is JsonToken.EndObject or JsonToken.EndArray)
            {
                break;
            }
        }

        if (reader.Read())
        {
            throw new JsonReaderException($"Unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}.");
        }

        return errorShaped ? new JsonShape(root, code, message, wellFormed: true) : new JsonShape(root, null, null, wellFormed: true);
    }
}
