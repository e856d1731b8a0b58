using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.Support;

/// <summary>A response as the tests see it.</summary>
public sealed record ApiResponse(int Status, string Text, JsonNode? Json, HttpResponseHeaders Headers)
{
    /// <summary>The raw body (a binary download's bytes).</summary>
    public byte[] Bytes { get; init; } = [];

    /// <summary>The content headers (<c>Content-Type</c>, <c>Content-Disposition</c>, ...).</summary>
    public HttpContentHeaders? ContentHeaders { get; init; }

    public JsonNode Body => Json ?? throw new InvalidOperationException($"status {Status} had no JSON body");

    /// <summary>The <c>message</c> of a <c>GeneralError</c> body.</summary>
    public string Message => (string?)Json?["message"] ?? string.Empty;

    public override string ToString() => $"{Status} {Text}";
}

/// <summary>
/// Sends requests for a named spec operation and checks, on every call, that the method and path
/// fit the spec's operation and that the response body validates against the spec's schema for
/// the status received. Records which operations were answered with success.
/// </summary>
public sealed class SpecCheckedClient : IDisposable
{
    private readonly HttpClient _http;

    public SpecCheckedClient(HttpClient http) => _http = http;

    /// <summary>Operations that answered 2xx in any test of this run (for the coverage check).</summary>
    public static ConcurrentDictionary<string, int> Covered { get; } = new(StringComparer.Ordinal);

    public HttpClient Http => _http;

    /// <summary>Operations that answered 2xx through this client.</summary>
    public ISet<string> CoveredHere { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Calls an operation; the HTTP method comes from the spec.</summary>
    /// <param name="operationId">The spec's operationId.</param>
    /// <param name="uri">The path and query relative to <c>/api/v2/</c>, for example <c>projects?limit=5</c>.</param>
    /// <param name="body">A JSON body, or null.</param>
    /// <param name="rawBody">A raw body (for malformed JSON), used when <paramref name="body"/> is null.</param>
    /// <param name="configure">Changes the request before it is sent (headers).</param>
    public async Task<ApiResponse> CallAsync(
        string operationId, string uri, JsonNode? body = null, string? rawBody = null, Action<HttpRequestMessage>? configure = null)
    {
        var description = SpecContract.Operation(operationId);
        AssertPathFits(description.Path, uri);
        using var request = new HttpRequestMessage(new HttpMethod(description.Method.ToUpperInvariant()), uri);
        var text = body?.ToJsonString() ?? rawBody;
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isJson = mediaType is null or "application/json";
        var responseText = isJson ? Encoding.UTF8.GetString(bytes) : string.Empty;
        var json = string.IsNullOrEmpty(responseText) ? null : JsonNode.Parse(responseText);
        var status = (int)response.StatusCode;
        var problems = isJson
            ? SpecContract.Validate(operationId, status, responseText)
            : SpecContract.ValidateMediaType(operationId, status, mediaType!);
        Assert.That(problems, Is.Empty, $"{operationId} answered {status} with a body the spec does not allow:\n{responseText}");
        if (status is >= 200 and < 300)
        {
            Covered.AddOrUpdate(operationId, 1, (_, n) => n + 1);
            CoveredHere.Add(operationId);
        }

        return new ApiResponse(status, responseText, json, response.Headers)
        {
            Bytes = bytes,
            ContentHeaders = response.Content.Headers,
        };
    }

    /// <summary>Calls an operation and asserts the status.</summary>
    public async Task<JsonNode> ExpectAsync(int status, string operationId, string uri, JsonNode? body = null)
    {
        var response = await CallAsync(operationId, uri, body);
        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        return response.Json ?? new JsonObject();
    }

    public void Dispose() => _http.Dispose();

    private static void AssertPathFits(string template, string uri)
    {
        var path = uri.Split('?')[0];
        var expected = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var actual = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fits = expected.Length == actual.Length
            && expected.Zip(actual).All(pair => pair.First.StartsWith('{') || pair.First == pair.Second);
        Assert.That(fits, Is.True, $"'{uri}' does not fit the spec path {template}");
    }
}
