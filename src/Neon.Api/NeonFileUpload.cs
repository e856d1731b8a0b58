using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api;

/// <summary>
/// A file sent in a multipart request (for example a function deployment archive). The content is held in memory
/// so that a retried request sends exactly the same bytes.
/// </summary>
public sealed class NeonFileUpload
{
    private readonly byte[] _content;

    /// <summary>Creates an upload from bytes.</summary>
    /// <param name="content">The file content.</param>
    /// <param name="fileName">The file name sent to the server.</param>
    /// <param name="contentType">The media type; <c>application/octet-stream</c> by default.</param>
    public NeonFileUpload(byte[] content, string fileName, string contentType = "application/octet-stream")
    {
        _content = content ?? throw new ArgumentNullException(nameof(content));
        FileName = string.IsNullOrWhiteSpace(fileName) ? throw new ArgumentException("A file name is required.", nameof(fileName)) : fileName;
        ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
    }

    /// <summary>The file name sent to the server.</summary>
    public string FileName { get; }

    /// <summary>The media type.</summary>
    public string ContentType { get; }

    /// <summary>The size in bytes.</summary>
    public long Length => _content.Length;

    /// <summary>Reads a stream to its end into an upload.</summary>
    /// <param name="stream">The content.</param>
    /// <param name="fileName">The file name sent to the server.</param>
    /// <param name="contentType">The media type.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The upload.</returns>
    public static async Task<NeonFileUpload> FromStreamAsync(Stream stream, string fileName, string contentType = "application/octet-stream", CancellationToken cancellationToken = default)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        return new NeonFileUpload(buffer.ToArray(), fileName, contentType);
    }

    internal byte[] GetBytes() => _content;

    /// <inheritdoc/>
    public override string ToString() => $"{FileName} ({ContentType}, {Length} bytes)";
}
