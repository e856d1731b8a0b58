using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Neon.Api.Benchmarks.Clients;
using Neon.Api.Benchmarks.Server;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Benchmarks.Scenarios;

/// <summary>
/// What every scenario shares: the server (the one the host process started, named by <see cref="ServerVariable"/>,
/// so that its work is not counted in the benchmark process's allocations; or an in-process one when run otherwise),
/// the three clients over one transport, and a check before measuring that every client gets the expected answer.
/// </summary>
/// <remarks>
/// Each scenario names its methods <c>NeonClient</c>, <c>RawNSwag</c> (the baseline) and <c>HandWritten</c>; the report
/// reads scenario and client from the class and method names.
/// </remarks>
public abstract class ScenarioBase
{
    /// <summary>The environment variable holding the server root (e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    public const string ServerVariable = "NEON_BENCH_SERVER";

    private LoopbackNeonServer? _ownServer;

    /// <summary>The clients, created in <see cref="Setup"/>.</summary>
    protected BenchClients Clients { get; private set; } = null!;

    /// <summary>NeonClient's project queue in this scenario (off unless a scenario measures it).</summary>
    protected virtual bool QueueProjectMutations => false;

    /// <summary>Connects (or starts a server), creates the clients and checks their answers once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string? root = Environment.GetEnvironmentVariable(ServerVariable);
        Uri serverRoot;
        if (string.IsNullOrEmpty(root))
        {
            _ownServer = LoopbackNeonServer.StartAsync().GetAwaiter().GetResult();
            serverRoot = _ownServer.Root;
        }
        else
        {
            serverRoot = new Uri(root);
        }

        Clients = new BenchClients(BenchData.ApiBase(serverRoot), QueueProjectMutations);
        VerifyAsync().GetAwaiter().GetResult();
    }

    /// <summary>Releases the clients and an in-process server.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Clients.Dispose();
        _ownServer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Runs each client once and throws when an answer is not the expected one.</summary>
    protected abstract Task VerifyAsync();

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    protected static void Expect<T>(T expected, T actual, string what)
    {
        if (!Equals(expected, actual))
        {
            throw new InvalidOperationException($"Benchmark check failed: {what} was '{actual}', expected '{expected}'.");
        }
    }

    /// <summary>The server's request counters by route (list, get, create, operation).</summary>
    protected async Task<JObject> ServerStatsAsync()
    {
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, new Uri(Clients.Neon.BaseUri, "/_bench/stats"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchData.ApiKey);
        using var response = await Clients.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }
}
