using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Neon.Api.Benchmarks.Clients;

/// <summary>
/// Baseline 2: the client a competent developer writes by hand for the four calls, with HttpClient and Json.NET:
/// response headers first, then the body streamed through a <see cref="JsonTextReader"/> into small POCOs.
/// </summary>
public sealed class HandWrittenNeonClient
{
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault();
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _apiBase;
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>Creates the client over an <see cref="HttpClient"/> the caller owns.</summary>
    public HandWrittenNeonClient(HttpClient http, Uri apiBase, string apiKey)
    {
        _http = http;
        _apiBase = apiBase;
        _authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary><c>GET /projects/{id}</c>.</summary>
    public async Task<ProjectSummary> GetProjectAsync(string projectId, CancellationToken cancellationToken = default) =>
        (await SendAsync<ProjectEnvelope>(HttpMethod.Get, "projects/" + Uri.EscapeDataString(projectId), null, cancellationToken)).Project;

    /// <summary><c>GET /projects?limit=&amp;cursor=</c>: one page.</summary>
    public Task<ProjectPage> ListProjectsAsync(int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        string path = "projects?limit=" + limit.ToString(CultureInfo.InvariantCulture);
        if (cursor is not null)
        {
            path += "&cursor=" + Uri.EscapeDataString(cursor);
        }

        return SendAsync<ProjectPage>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary><c>POST /projects/{id}/branches</c>.</summary>
    public Task<CreatedBranchSummary> CreateBranchAsync(string projectId, NewBranchRequest body, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedBranchSummary>(HttpMethod.Post, "projects/" + Uri.EscapeDataString(projectId) + "/branches", body, cancellationToken);

    /// <summary><c>GET /projects/{id}/operations/{op}</c>.</summary>
    public async Task<OperationSummary> GetOperationAsync(string projectId, string operationId, CancellationToken cancellationToken = default) =>
        (await SendAsync<OperationEnvelope>(HttpMethod.Get, "projects/" + Uri.EscapeDataString(projectId) + "/operations/" + Uri.EscapeDataString(operationId), null, cancellationToken)).Operation;

    private async Task<T> SendAsync<T>(HttpMethod method, string relativePath, object? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(_apiBase, relativePath));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(Json);
        if (body is not null)
        {
            request.Content = new StringContent(JsonConvert.SerializeObject(body), Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string error = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{method} {relativePath} failed with {(int)response.StatusCode}: {error}", null, response.StatusCode);
        }

        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var text = new StreamReader(stream, Encoding.UTF8);
        using var json = new JsonTextReader(text);
        return Serializer.Deserialize<T>(json) ?? throw new JsonSerializationException($"{method} {relativePath} answered with an empty body.");
    }
}
