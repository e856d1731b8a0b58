using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Text;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>The parts of a <c>multipart/form-data</c> request body by field name (RFC 7578); failures are 400s.</summary>
internal sealed class MultipartForm
{
    private readonly Dictionary<string, byte[]> _parts;

    private MultipartForm(Dictionary<string, byte[]> parts) => _parts = parts;

    /// <summary>The field names present.</summary>
    public IReadOnlyCollection<string> Names => _parts.Keys;

    public static MultipartForm Parse(byte[]? body, string? contentType)
    {
        if (contentType is null
            || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiError.BadRequest($"request body must be multipart/form-data, got '{contentType ?? "no content type"}'");
        }

        var boundary = Boundary(mediaType)
            ?? throw ApiError.BadRequest("multipart/form-data content type has no boundary parameter");
        var delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        // A leading CRLF makes the first delimiter look like the others.
        var text = new byte[(body?.Length ?? 0) + 2];
        text[0] = (byte)'\r';
        text[1] = (byte)'\n';
        body?.CopyTo(text, 2);
        var rest = text.AsSpan();
        var at = rest.IndexOf(delimiter);
        if (at < 0)
        {
            throw Malformed("no part starts with the boundary");
        }

        rest = rest[(at + delimiter.Length)..];
        while (!rest.StartsWith("--"u8))
        {
            if (!rest.StartsWith("\r\n"u8))
            {
                throw Malformed("a boundary line is not followed by a line break");
            }

            rest = rest[2..];
            var end = rest.IndexOf(delimiter);
            if (end == 0)
            {
                // An empty body part (what a form with no fields is sent as): nothing to read.
                rest = rest[delimiter.Length..];
                continue;
            }

            var headersEnd = rest.IndexOf("\r\n\r\n"u8);
            if (end < 0 || headersEnd < 0 || headersEnd > end)
            {
                throw Malformed("a part is not terminated by the boundary");
            }

            var name = FieldName(Encoding.UTF8.GetString(rest[..headersEnd]));
            if (!parts.TryAdd(name, rest[(headersEnd + 4)..end].ToArray()))
            {
                throw ApiError.BadRequest($"multipart field '{name}' is sent more than once");
            }

            rest = rest[(end + delimiter.Length)..];
        }

        return new MultipartForm(parts);
    }

    public byte[]? Bytes(string name) => _parts.GetValueOrDefault(name);

    public string? Text(string name) => _parts.TryGetValue(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static string FieldName(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && string.Equals(line[..colon].Trim(), "Content-Disposition", StringComparison.OrdinalIgnoreCase)
                && ContentDispositionHeaderValue.TryParse(line[(colon + 1)..].Trim(), out var disposition)
                && disposition.Name?.Trim('"') is { Length: > 0 } name)
            {
                return name;
            }
        }

        throw Malformed("a part has no Content-Disposition header with a field name");
    }

    private static string? Boundary(MediaTypeHeaderValue mediaType)
    {
        foreach (var parameter in mediaType.Parameters)
        {
            if (string.Equals(parameter.Name, "boundary", StringComparison.OrdinalIgnoreCase) && parameter.Value?.Trim('"') is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static ApiError Malformed(string problem) => ApiError.BadRequest($"malformed multipart/form-data body: {problem}");
}
