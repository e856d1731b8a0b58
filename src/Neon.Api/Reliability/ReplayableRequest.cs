using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability;

/// <summary>
/// A request whose body is buffered once, so that every attempt sends a fresh <see cref="HttpRequestMessage"/>
/// (a message cannot be sent twice, and a streamed body cannot be read twice).
/// </summary>
internal sealed class ReplayableRequest
{
    private readonly KeyValuePair<string, IEnumerable<string>>[] _headers;
    private readonly KeyValuePair<string, IEnumerable<string>>[] _contentHeaders;
    private readonly KeyValuePair<string, object?>[] _options;
    private readonly byte[]? _body;

    private ReplayableRequest(HttpRequestMessage template, byte[]? body)
    {
        Method = template.Method;
        RequestUri = template.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(template));
        Version = template.Version;
        _headers = [.. template.Headers];
        _contentHeaders = template.Content is null ? [] : [.. template.Content.Headers];
#if NET5_0_OR_GREATER
        _options = [.. template.Options];
#else
        _options = [.. template.Properties];
#endif
        _body = body;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The absolute (or base-relative) URI.</summary>
    public Uri RequestUri { get; }

    /// <summary>The HTTP version of the template.</summary>
    public Version Version { get; }

    /// <summary>The buffered body length, 0 when there is none.</summary>
    public int BodyLength => _body?.Length ?? 0;

    /// <summary>"METHOD /path" without query string, for messages.</summary>
    public string Description => Method.Method + " " + (RequestUri.IsAbsoluteUri ? RequestUri.AbsolutePath : RequestUri.OriginalString.Split('?')[0]);

    /// <summary>Buffers the template's body and takes ownership of (disposes) the template.</summary>
    public static async Task<ReplayableRequest> FromAsync(HttpRequestMessage template, CancellationToken cancellationToken)
    {
        using (template)
        {
            byte[]? body = null;
            if (template.Content is not null)
            {
#if NET5_0_OR_GREATER
                body = await template.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
                cancellationToken.ThrowIfCancellationRequested();
                body = await template.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
            }

            return new ReplayableRequest(template, body);
        }
    }

    /// <summary>A new message for one attempt; the caller disposes it.</summary>
    public HttpRequestMessage CreateMessage() => CreateMessage(Method, RequestUri, withBody: true);

    /// <summary>
    /// A GET of another URI with this request's headers (authentication, user agent) and no body: the poll of an
    /// operation on behalf of a queued mutation.
    /// </summary>
    public ReplayableRequest DeriveGet(Uri requestUri)
    {
        using HttpRequestMessage message = CreateMessage(HttpMethod.Get, requestUri, withBody: false);
        return new ReplayableRequest(message, body: null);
    }

    private HttpRequestMessage CreateMessage(HttpMethod method, Uri requestUri, bool withBody)
    {
        var message = new HttpRequestMessage(method, requestUri) { Version = Version };
        foreach (var header in _headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (withBody && _body is not null)
        {
            message.Content = new ByteArrayContent(_body);
            foreach (var header in _contentHeaders)
            {
                message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in _options)
        {
#if NET5_0_OR_GREATER
            ((IDictionary<string, object?>)message.Options)[option.Key] = option.Value;
#else
            message.Properties[option.Key] = option.Value;
#endif
        }

        return message;
    }
}
