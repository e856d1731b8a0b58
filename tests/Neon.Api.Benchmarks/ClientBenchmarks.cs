using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Neon.Api;
using Neon.Api.Serialization;
using Newtonsoft.Json;

namespace Neon.Api.Benchmarks;

/// <summary>
/// The cost of the client over the raw floor: one listProjects call (100 projects) answered by an in-memory handler,
/// through NeonClient versus hand-written HttpClient + Json.NET code doing the same request.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private static readonly Uri Base = new("https://console.neon.tech/api/v2/");
    private byte[] _body = [];
    private NeonClient _client = null!;
    private HttpClient _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        var projects = Enumerable.Range(0, 100).Select(i => new
        {
            id = $"shiny-wind-{i:000000}",
            platform_id = "aws",
            region_id = "aws-us-east-2",
            name = $"project-{i}",
            provisioner = "k8s-neonvm",
            pg_version = 17,
            proxy_host = "us-east-2.aws.neon.tech",
            branch_logical_size_limit = 0,
            store_passwords = true,
            active_time = 1234,
            cpu_used_sec = 56,
            creation_source = "console",
            created_at = "2026-06-01T10:00:00Z",
            updated_at = "2026-06-02T10:00:00Z",
            owner_id = "user-1",
            org_id = "org-1",
        }).ToArray();
        _body = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(new { projects, pagination = new { cursor = "shiny-wind-000099" } }));
        var handler = new CannedHandler(_body);
        _client = new NeonClient("napi_benchmark_key", handler);
        _raw = new HttpClient(handler) { BaseAddress = Base };
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient + Json.NET")]
    public async Task<int> RawHttpClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "projects?limit=100");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "napi_benchmark_key");
        using var response = await _raw.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return JsonConvert.DeserializeObject<ListProjectsResponse>(text)!.Projects.Count;
    }

    [Benchmark(Description = "NeonClient.ListProjectsAsync")]
    public async Task<int> NeonClientCall()
    {
        var response = await _client.Project.ListProjectsAsync(limit: 100).ConfigureAwait(false);
        return response.Projects.Count;
    }

    [Benchmark(Description = "NeonJson.Deserialize (body only)")]
    public int DeserializeOnly() => NeonJson.Deserialize<ListProjectsResponse>(Encoding.UTF8.GetString(_body))!.Projects.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _raw.Dispose();
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            });
    }
}
