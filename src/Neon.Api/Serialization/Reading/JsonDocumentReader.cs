using System;
using System.Buffers;
using System.Text.Json;

namespace Neon.Api.Serialization.Reading;

/// <summary>Why a document could not be read as a whole (not about a single value: those are kept raw).</summary>
internal enum DocumentProblem
{
    /// <summary>Read.</summary>
    None,

    /// <summary>Empty, cut short, or not JSON.</summary>
    Malformed,

    /// <summary>Well-formed, but its root is not what the operation returns (an array for an object, null, ...).</summary>
    WrongRoot,
}

/// <summary>
/// Reads a whole JSON document (UTF-8, already in memory and bounded) into a model or collection. The reader checks
/// the document completely: a document cut anywhere, or followed by anything but white space, fails.
/// </summary>
internal static class JsonDocumentReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads <paramref name="utf8"/> into a <typeparamref name="T"/>.</summary>
    /// <param name="utf8">The document.</param>
    /// <param name="context">Where values that do not fit are recorded.</param>
    /// <param name="value">The result.</param>
    /// <param name="detail">What was wrong, for a message (never a value from the document).</param>
    /// <returns>What, if anything, was wrong.</returns>
    /// <exception cref="ValueMismatchException">A value does not fit and <see cref="ReadContext.FailOnMismatch"/> is set.</exception>
    public static DocumentProblem TryRead<T>(in ReadOnlySequence<byte> utf8, ReadContext context, out T value, out string? detail)
    {
        value = default!;
        detail = null;
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read())
            {
                detail = "the body holds no JSON value";
                return DocumentProblem.Malformed;
            }

            var root = reader.TokenType;
            if (root == JsonTokenType.Null)
            {
                Finish(ref reader);
                detail = "a JSON null";
                return DocumentProblem.WrongRoot;
            }

            var fits = ValueReader<T>.Instance.TryRead(ref reader, context, out value, out _);
            Finish(ref reader);
            if (!fits)
            {
                value = default!;
                detail = "a JSON " + RawJson.Kind(root);
                return DocumentProblem.WrongRoot;
            }

            return DocumentProblem.None;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8.
            value = default!;
            detail = ex.Message;
            return DocumentProblem.Malformed;
        }
    }

    /// <summary>
    /// Whether the document is an object with a string <c>code</c> and <c>message</c> and nothing else but
    /// <c>request_id</c>: Neon's <c>GeneralError</c>. Stops at the first other field, so a normal body costs one name.
    /// </summary>
    public static bool IsErrorShaped(in ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool code = false, message = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                var isMessage = reader.ValueTextEquals("message"u8);
                if (!isCode && !isMessage && !reader.ValueTextEquals("request_id"u8))
                {
                    return false;
                }

                reader.Read();
                if ((isCode || isMessage) && reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                code |= isCode;
                message |= isMessage;
                reader.Skip();
            }

            return code && message;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads a document whose values that do not fit are simply kept raw (no report, no failure): the error bodies
    /// and operation polls the client reads for itself.
    /// </summary>
    public static bool TryReadQuietly<T>(in ReadOnlySequence<byte> utf8, out T value) =>
        TryRead(utf8, new ReadContext(failOnMismatch: false), out value, out _) == DocumentProblem.None;

    /// <summary>Checks that nothing but white space follows the root value (the reader throws otherwise).</summary>
    private static void Finish(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the JSON value at byte {reader.TokenStartIndex}.");
        }
    }
}
