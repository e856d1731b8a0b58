using System;
using System.Net;
using System.Net.Http;
using Neon.Api.Benchmarks.Server;

namespace Neon.Api.Benchmarks.Clients;

/// <summary>
/// The three clients under comparison over ONE <see cref="HttpClient"/> and handler, configured as NeonClient
/// configures its own (a <see cref="SocketsHttpHandler"/> with a 5-minute connection lifetime and gzip/deflate), so
/// that every client pays the same transport costs. None of them adds default headers to the shared client.
/// </summary>
public sealed class BenchClients : IDisposable
{
    /// <summary>Creates the shared transport and the three clients for a server's API base.</summary>
    /// <param name="apiBase">For example <c>http://127.0.0.1:41234/api/v2/</c>.</param>
    /// <param name="queueProjectMutations">NeonClient's <see cref="NeonClientOptions.QueueProjectMutations"/>.</param>
    public BenchClients(Uri apiBase, bool queueProjectMutations)
    {
        Http = CreateHttpClient();
        Neon = CreateNeonClient(Http, apiBase, queueProjectMutations);
        Raw = CreateRawClient(Http, apiBase);
        Hand = new HandWrittenNeonClient(Http, apiBase, BenchData.ApiKey);
    }

    /// <summary>The transport all three clients send through.</summary>
    public HttpClient Http { get; }

    /// <summary>The client under test.</summary>
    public NeonClient Neon { get; }

    /// <summary>Baseline 1: NSwag's default output.</summary>
    public RawNSwag.Client Raw { get; }

    /// <summary>Baseline 2: hand-written HttpClient + Json.NET.</summary>
    public HandWrittenNeonClient Hand { get; }

    /// <summary>The shared transport: the handler NeonClient builds for itself when it owns the connection pool.</summary>
    public static HttpClient CreateHttpClient() => new(
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        },
        disposeHandler: true);

    /// <summary>A NeonClient over the shared transport; every other option is the default.</summary>
    public static NeonClient CreateNeonClient(HttpClient http, Uri apiBase, bool queueProjectMutations = true) =>
        new(BenchData.ApiKey, http, new NeonClientOptions { BaseUri = apiBase, QueueProjectMutations = queueProjectMutations });

    /// <summary>The raw NSwag client over the shared transport.</summary>
    public static RawNSwag.Client CreateRawClient(HttpClient http, Uri apiBase) =>
        new(http) { BaseUrl = apiBase.ToString(), ApiKey = BenchData.ApiKey };

    /// <inheritdoc/>
    public void Dispose()
    {
        Neon.Dispose();
        Http.Dispose();
    }
}
