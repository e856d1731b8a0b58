using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability;

/// <summary>
/// A response body read with a size bound into pooled byte segments (no large-object-heap buffers, no copy into a
/// string). Dispose it to give the segments back to the pool; <see cref="Text"/> is a copy and survives that.
/// </summary>
internal sealed class ResponseBody : IDisposable
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly Encoding _encoding;
    private List<byte[]>? _segments;
    private int _lastCount;
    private string? _text;

    internal ResponseBody(List<byte[]>? segments, int lastCount, long count, long length, bool truncated, Encoding encoding)
    {
        _segments = segments;
        _lastCount = lastCount;
        _encoding = encoding;
        Count = count;
        Length = length;
        Truncated = truncated;
    }

    /// <summary>An empty body (a streamed download's, or no content at all).</summary>
    public static ResponseBody Empty => new(null, 0, 0, 0, truncated: false, StrictUtf8);

    /// <summary>The bytes held (the part that was read, when <see cref="Truncated"/>).</summary>
    public long Count { get; }

    /// <summary>The body length in bytes as far as known (Content-Length, or the bytes read).</summary>
    public long Length { get; }

    /// <summary>Whether the body was longer than the bound and only its start was kept.</summary>
    public bool Truncated { get; }

    /// <summary>Whether the body is empty or only white space.</summary>
    public bool IsBlank
    {
        get
        {
            if (Truncated)
            {
                return false;
            }

            foreach (var segment in Segments())
            {
                var bytes = segment.Span;
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    /// <summary>The decoded text of the bytes held (read for error bodies and snippets, which are small).</summary>
    public string Text => _text ??= Decode(int.MaxValue);

    /// <summary>
    /// The body as UTF-8 for the JSON reader: the pooled segments themselves when the body is UTF-8 (a byte order mark
    /// skipped), else a transcoded copy. Valid until the body is disposed.
    /// </summary>
    public ReadOnlySequence<byte> GetUtf8()
    {
        if (_encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(Text));
        }

        var sequence = Segment.Chain(Segments());
        return sequence.Length >= 3 && sequence.First.Length >= 3 && sequence.First.Span[0] == 0xEF && sequence.First.Span[1] == 0xBB && sequence.First.Span[2] == 0xBF
            ? sequence.Slice(3)
            : sequence;
    }

    /// <summary>Decodes at most <paramref name="maxBytes"/> bytes from the start.</summary>
    public string Decode(int maxBytes)
    {
        if (_segments is null)
        {
            return _text ?? string.Empty; // disposed (or empty): only text read before is left
        }

        var take = (int)Math.Min(Count, maxBytes);
        if (take == 0)
        {
            return string.Empty;
        }

        var bytes = new byte[take];
        var at = 0;
        foreach (var segment in Segments())
        {
            var part = Math.Min(segment.Length, take - at);
            segment.Span.Slice(0, part).CopyTo(bytes.AsSpan(at));
            at += part;
            if (at == take)
            {
                break;
            }
        }

        var offset = take >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return _encoding.GetString(bytes, offset, take - offset);
    }

    /// <summary>Gives the segments back to the pool. The text stays readable if it was read before.</summary>
    public void Dispose()
    {
        var segments = Interlocked.Exchange(ref _segments, null);
        if (segments is null)
        {
            return;
        }

        _lastCount = 0;
        foreach (var segment in segments)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> Segments()
    {
        var segments = _segments;
        if (segments is null)
        {
            yield break;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            yield return new ReadOnlyMemory<byte>(segments[i], 0, i == segments.Count - 1 ? _lastCount : segments[i].Length);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Chain(IEnumerable<ReadOnlyMemory<byte>> parts)
        {
            Segment? first = null, last = null;
            foreach (var part in parts)
            {
                if (part.Length == 0)
                {
                    continue;
                }

                if (first is null)
                {
                    first = last = new Segment(part, 0);
                }
                else
                {
                    var next = new Segment(part, last!.RunningIndex + last.Memory.Length);
                    last.Next = next;
                    last = next;
                }
            }

            if (first is null)
            {
                return ReadOnlySequence<byte>.Empty;
            }

            return ReferenceEquals(first, last) ? new ReadOnlySequence<byte>(first.Memory) : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
        }
    }
}

/// <summary>Reads response bodies without ever holding much more than a bound in memory.</summary>
internal static class BoundedBody
{
    /// <summary>The most characters of a body that an exception carries.</summary>
    public const int SnippetLength = 2048;

    private const int FirstSegment = 16 * 1024;
    private const int LargestSegment = 1024 * 1024;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes, whatever the transfer (Content-Length, chunked, compressed).
    /// A longer body is not read to its end: the result keeps its first <see cref="SnippetLength"/> bytes and is
    /// marked <see cref="ResponseBody.Truncated"/>. Memory held never exceeds the bound by more than one segment
    /// (an eighth of the bound, at most 1 MiB).
    /// </summary>
    public static async Task<ResponseBody> ReadAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return ResponseBody.Empty;
        }

        var encoding = EncodingOf(content);
        long? declared = content.Headers.ContentLength;
        var truncated = declared > maxBytes;
        long limit = truncated ? Math.Min(SnippetLength, maxBytes) : maxBytes;
        if (declared == 0)
        {
            return new ResponseBody(null, 0, 0, 0, truncated: false, encoding);
        }

#if NET5_0_OR_GREATER
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var largest = (int)Math.Max(FirstSegment, Math.Min(LargestSegment, maxBytes / 8));
        var segments = new List<byte[]>();
        long count = 0;
        var used = 0;
        try
        {
            // One segment for a declared length that fits it; otherwise segments that double up to the largest size.
            var next = declared is long known && known <= largest ? (int)known + 1 : FirstSegment;
            while (true)
            {
                if (segments.Count == 0 || used == segments[segments.Count - 1].Length)
                {
                    var size = (int)Math.Min(next, limit + 1 - count);
                    segments.Add(ArrayPool<byte>.Shared.Rent(Math.Max(size, 1)));
                    used = 0;
                    next = Math.Min(largest, next * 2);
                }

                var segment = segments[segments.Count - 1];
                var wanted = (int)Math.Min(segment.Length - used, limit + 1 - count);
#if NET5_0_OR_GREATER
                var read = await stream.ReadAsync(segment.AsMemory(used, wanted), cancellationToken).ConfigureAwait(false);
#else
                var read = await stream.ReadAsync(segment, used, wanted, cancellationToken).ConfigureAwait(false);
#endif
                if (read == 0)
                {
                    break;
                }

                used += read;
                count += read;
                if (count > limit)
                {
                    truncated = true;
                    break;
                }
            }
        }
        catch
        {
            foreach (var segment in segments)
            {
                ArrayPool<byte>.Shared.Return(segment);
            }

            throw;
        }

        if (truncated)
        {
            // Keep only what a snippet needs: the first segment is at least that large.
            for (var i = segments.Count - 1; i > 0; i--)
            {
                ArrayPool<byte>.Shared.Return(segments[i]);
                segments.RemoveAt(i);
            }

            var kept = Math.Min(Math.Min(count, SnippetLength), segments[0].Length);
            return new ResponseBody(segments, (int)kept, kept, Math.Max(declared ?? 0, count), truncated: true, encoding);
        }

        return new ResponseBody(segments, used, count, count, truncated: false, encoding);
    }

    /// <summary>
    /// The start of the body for an exception: at most <see cref="SnippetLength"/> characters including a marker with
    /// the full length when cut; <see langword="null"/> for an empty body.
    /// </summary>
    public static string? Snippet(ResponseBody body)
    {
        var text = body.Decode(SnippetLength + 1);
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length <= SnippetLength && !body.Truncated)
        {
            return text;
        }

        // The marker fits inside the bound, so that exceptions which cap snippets at SnippetLength keep it.
        string marker = $"... (cut; {body.Length} bytes in all)";
        return text.Substring(0, Math.Min(text.Length, SnippetLength - marker.Length)) + marker;
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
}
