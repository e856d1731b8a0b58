using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.ContractTests.Http;

/// <summary>A request as it left the client: method, URL, headers and body bytes.</summary>
internal sealed record CapturedRequest(
    string Method,
    Uri Uri,
    IReadOnlyDictionary<string, string[]> Headers,
    string? ContentType,
    byte[] Body)
{
    /// <summary>The values of a header (request or content header), split at commas; empty when absent.</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        Headers.TryGetValue(name, out var values)
            ? values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList()
            : [];
}

/// <summary>The canned answer of the handler: status, content type and body bytes.</summary>
internal sealed record CannedResponse(int Status, string? ContentType, byte[] Body);

/// <summary>
/// The transport under the client: records every request (its body read as sent) and answers with a canned response.
/// Nothing leaves the process.
/// </summary>
internal sealed class ContractHandler(CannedResponse answer) : HttpMessageHandler
{
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests => _requests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }
        }

        _requests.Add(new CapturedRequest(
            request.Method.Method,
            request.RequestUri!,
            headers,
            request.Content?.Headers.ContentType?.ToString(),
            body));

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body),
        };
        if (answer.ContentType is not null)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        }

        return response;
    }
}
