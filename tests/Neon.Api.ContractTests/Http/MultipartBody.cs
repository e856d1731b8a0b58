using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;

namespace Neon.Api.ContractTests.Http;

/// <summary>One part of a <c>multipart/form-data</c> body as it was on the wire.</summary>
internal sealed record MultipartPart(string? Name, string? FileName, string? ContentType, byte[] Body);

/// <summary>A small reader of <c>multipart/form-data</c> bodies (RFC 7578), for checking what the client sent.</summary>
internal static class MultipartBody
{
    /// <summary>The parts of <paramref name="body"/>; throws <see cref="FormatException"/> when it is not well formed.</summary>
    public static List<MultipartPart> Parse(string contentType, byte[] body)
    {
        var header = MediaTypeHeaderValue.Parse(contentType);
        var boundary = header.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"')
            ?? throw new FormatException("the multipart content type has no boundary");
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<MultipartPart>();
        var position = IndexOf(body, delimiter, 0);
        if (position < 0)
        {
            throw new FormatException("the body does not contain its boundary");
        }

        while (true)
        {
            position += delimiter.Length;
            if (position + 1 < body.Length && body[position] == '-' && body[position + 1] == '-')
            {
                return parts;
            }

            position = Expect(body, position, "\r\n");
            var next = IndexOf(body, [.. "\r\n"u8, .. delimiter], position);
            if (next < 0)
            {
                throw new FormatException("a part does not end with the boundary");
            }

            if (next > position)
            {
                // A zero-length part (no headers, no body) is how an empty form is written; it carries no field.
                parts.Add(ParsePart(body.AsSpan(position, next - position)));
            }

            position = next + 2;
        }
    }

    private static MultipartPart ParsePart(ReadOnlySpan<byte> part)
    {
        var split = part.IndexOf("\r\n\r\n"u8);
        if (split < 0)
        {
            throw new FormatException("a part has no blank line after its headers");
        }

        string? name = null, fileName = null, contentType = null;
        foreach (var line in Encoding.UTF8.GetString(part[..split]).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"malformed part header '{line}'");
            }

            var headerName = line[..colon].Trim();
            var headerValue = line[(colon + 1)..].Trim();
            if (headerName.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                var disposition = ContentDispositionHeaderValue.Parse(headerValue);
                if (!string.Equals(disposition.DispositionType, "form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException($"a part is '{disposition.DispositionType}', not form-data");
                }

                name = Unquote(disposition.Name);
                fileName = disposition.FileNameStar ?? Unquote(disposition.FileName);
            }
            else if (headerName.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = headerValue;
            }
        }

        return new MultipartPart(name, fileName, contentType, part[(split + 4)..].ToArray());
    }

    private static string? Unquote(string? text) =>
        text is { Length: >= 2 } && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    private static int Expect(byte[] body, int position, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (!body.AsSpan(position).StartsWith(bytes))
        {
            throw new FormatException($"expected a line break after the boundary at byte {position}");
        }

        return position + bytes.Length;
    }

    private static int IndexOf(byte[] body, byte[] pattern, int start)
    {
        var found = body.AsSpan(start).IndexOf(pattern);
        return found < 0 ? -1 : start + found;
    }
}
