using System;
using System.IO;
using System.Net;
using System.Net.Http;

namespace Neon.Api;

/// <summary>
/// A binary response (for example an object downloaded from a branch bucket). Read <see cref="Stream"/>, then
/// dispose the response to release the connection.
/// </summary>
public sealed class NeonFileResponse : IDisposable
{
    private readonly HttpResponseMessage _response;

    internal NeonFileResponse(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        Stream = stream;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode => _response.StatusCode;

    /// <summary>The media type the server declared, if any.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The length the server declared, if any.</summary>
    public long? ContentLength => _response.Content.Headers.ContentLength;

    /// <summary>The body.</summary>
    public Stream Stream { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stream.Dispose();
        _response.Dispose();
    }
}
