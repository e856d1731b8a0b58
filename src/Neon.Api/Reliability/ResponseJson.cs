using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Neon.Api.Core;
using Neon.Api.Serialization.Reading;

namespace Neon.Api.Reliability;

/// <summary>
/// Turns a success response body into a model, or into a <see cref="NeonResponseFormatException"/> that says what was
/// wrong; never lets a parser exception or a half-read body through, and never drops a value silently.
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
    /// Reads a success response. Checks, in order: the body was not cut by the size bound, it is not empty, it is not
    /// a markup page, it is not a Neon error body (<c>{"code", "message"}</c>) under a success status, it is one
    /// complete JSON document (whatever its label), and its root is what the operation returns (an object, or an
    /// array for a list). A value inside that does not fit its property is kept raw in the model's
    /// <c>AdditionalProperties</c> and logged as a Warning, or fails the call when <paramref name="failOnMismatch"/>.
    /// </summary>
    public static T Deserialize<T>(NeonResponse response, SecretRedactor redactor, ILogger logger, bool failOnMismatch)
    {
        ResponseBody body = response.Body;
        if (body.Truncated)
        {
            throw Failure(response, redactor, $"a body larger than the limit (NeonClientOptions.MaxResponseBytes); {body.Length} bytes or more were sent");
        }

        if (body.IsBlank)
        {
            if (response.Request.EmptySuccessAllowed && ModelPlan.Of(typeof(T))?.CreateEmpty() is T empty)
            {
                return empty; // the spec documents this success without a body (a delete of something already gone)
            }

            throw Failure(response, redactor, $"an empty body where {Expected<T>()} was expected");
        }

        if (IsMarkupMediaType(response.MediaType))
        {
            throw Failure(response, redactor, $"a body that is not JSON (content type '{response.MediaType}')");
        }

        var utf8 = body.GetUtf8();
        if (JsonDocumentReader.IsErrorShaped(utf8) && JsonDocumentReader.TryReadQuietly<GeneralError>(utf8, out var error))
        {
            throw Failure(response, redactor, $"an error body (code '{error.Code}': {redactor.Scrub(error.Message)})");
        }

        var context = new ReadContext(failOnMismatch);
        DocumentProblem problem;
        T value;
        string? detail;
        try
        {
            problem = JsonDocumentReader.TryRead(utf8, context, out value, out detail);
        }
        catch (ValueMismatchException ex)
        {
            throw Failure(
                response,
                redactor,
                $"a value that does not fit its property: {ex.Mismatch} (NeonClientOptions.ValueMismatchHandling is Fail; with KeepRaw it would be kept in AdditionalProperties)");
        }

        switch (problem)
        {
            case DocumentProblem.Malformed:
                // A JSON document is accepted whatever its label (test doubles often say text/plain); a body that does
                // not parse is explained by its content type when that is not JSON.
                var what = response.MediaType is null || IsJsonMediaType(response.MediaType)
                    ? "malformed or truncated JSON"
                    : $"a body that is not JSON (content type '{response.MediaType}')";
                throw Failure(response, redactor, what + " (" + redactor.Scrub(detail) + ")");
            case DocumentProblem.WrongRoot:
                throw Failure(response, redactor, $"{detail} where {Expected<T>()} was expected");
        }

        Report(response.Request.OperationId, context.Mismatches, logger);
        return value;
    }

    /// <summary>Logs the values kept raw: where they are and what they should have been, never what they hold.</summary>
    internal static void Report(string operationId, List<ValueMismatch>? mismatches, ILogger logger)
    {
        if (mismatches is null)
        {
            return;
        }

        foreach (var mismatch in mismatches)
        {
            NeonLog.ValueKeptRaw(logger, operationId, mismatch.Path, mismatch.Model + "." + mismatch.Property, mismatch.Expected, mismatch.Found);
        }
    }

    private static string Expected<T>() =>
        typeof(T) != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(typeof(T)) && ModelPlan.Of(typeof(T)) is null
            ? $"an array ({ReadContext.Describe(typeof(T))})"
            : $"an object ({typeof(T).Name})";

    /// <summary>Builds the exception for a response that could not be understood, with a bounded, scrubbed snippet.</summary>
    public static NeonResponseFormatException Failure(NeonResponse response, SecretRedactor redactor, string problem)
    {
        NeonRequest request = response.Request;
        string requestId = response.RequestId is null ? string.Empty : $" [request id {response.RequestId}]";
        return new NeonResponseFormatException(
            $"Neon API call {request.OperationId} ({request.Method} {request.PathTemplate}) answered {(int)response.StatusCode} ({response.MediaType ?? "no content type"}) with {problem}.{requestId}",
            response.StatusCode,
            request.OperationId,
            redactor.Scrub(BoundedBody.Snippet(response.Body)),
            null);
    }
}
