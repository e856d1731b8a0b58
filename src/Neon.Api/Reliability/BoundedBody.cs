using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability;

/// <summary>A response body read with a size bound.</summary>
internal sealed class ResponseBody
{
    public static readonly ResponseBody Empty = new(string.Empty, 0, truncated: false);

    public ResponseBody(string text, long length, bool truncated)
    {
        Text = text;
        Length = length;
        Truncated = truncated;
    }

    /// <summary>The decoded text (only the part that was read, when <see cref="Truncated"/>).</summary>
    public string Text { get; }

    /// <summary>The body length in bytes as far as known (Content-Length, or the bytes read).</summary>
    public long Length { get; }

    /// <summary>Whether the body was longer than the bound and only its start was read.</summary>
    public bool Truncated { get; }

    /// <summary>Whether the body is empty or only white space.</summary>
    public bool IsBlank => !Truncated && string.IsNullOrWhiteSpace(Text);
}

/// <summary>Reads response bodies without ever holding more than a bound in memory.</summary>
internal static class BoundedBody
{
    /// <summary>The most characters of a body that an exception carries.</summary>
    public const int SnippetLength = 2048;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes. A longer body is not read to its end: the result holds its
    /// first <see cref="SnippetLength"/> bytes and is marked <see cref="ResponseBody.Truncated"/>.
    /// </summary>
    public static async Task<ResponseBody> ReadAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return ResponseBody.Empty;
        }

        Encoding encoding = EncodingOf(content);
        long? declared = content.Headers.ContentLength;
#if NET5_0_OR_GREATER
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        long limit = declared > maxBytes ? Math.Min(SnippetLength, maxBytes) : maxBytes;
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        bool truncated = declared > maxBytes;
        while (true)
        {
            int wanted = (int)Math.Min(chunk.Length, limit + 1 - buffer.Length);
            if (wanted <= 0)
            {
                truncated = true;
                break;
            }

#if NET5_0_OR_GREATER
            int read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
#else
            int read = await stream.ReadAsync(chunk, 0, wanted, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        long length = truncated ? Math.Max(declared ?? 0, buffer.Length) : buffer.Length;
        int kept = (int)Math.Min(buffer.Length, truncated ? SnippetLength : buffer.Length);
        string text = Decode(encoding, buffer.GetBuffer(), kept);
        return new ResponseBody(text, length, truncated);
    }

    /// <summary>
    /// The start of the body for an exception: at most <see cref="SnippetLength"/> characters including a marker with
    /// the full length when cut; <see langword="null"/> for an empty body.
    /// </summary>
    public static string? Snippet(ResponseBody body)
    {
        if (body.Text.Length == 0)
        {
            return null;
        }

        if (body.Text.Length <= SnippetLength && !body.Truncated)
        {
            return body.Text;
        }

        // The marker fits inside the bound, so that exceptions which cap snippets at SnippetLength keep it.
        string marker = $"... (cut; {body.Length} bytes in all)";
        return body.Text.Substring(0, Math.Min(body.Text.Length, SnippetLength - marker.Length)) + marker;
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        string? charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset: JSON is UTF-8 by definition.
            }
        }

        return Encoding.UTF8;
    }

    private static string Decode(Encoding encoding, byte[] bytes, int count)
    {
        int offset = 0;
        if (count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            offset = 3; // a UTF-8 byte order mark
        }

        return encoding.GetString(bytes, offset, count - offset);
    }
}
