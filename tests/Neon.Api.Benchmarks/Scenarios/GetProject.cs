using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Neon.Api.Benchmarks.Server;

namespace Neon.Api.Benchmarks.Scenarios;

/// <summary>One <c>GET /projects/{id}</c>, deserialized into each client's model.</summary>
public class GetProject : ScenarioBase
{
    private static readonly string Id = BenchData.BenchProjectId;

    [Benchmark]
    public async Task<string> NeonClient() => (await Clients.Neon.Project.GetProjectAsync(Id)).Project.Id;

    [Benchmark(Baseline = true)]
    public async Task<string> RawNSwag() => (await Clients.Raw.GetProjectAsync(Id)).Project.Id;

    [Benchmark]
    public async Task<string> HandWritten() => (await Clients.Hand.GetProjectAsync(Id)).Id;

    /// <inheritdoc/>
    protected override async Task VerifyAsync()
    {
        Expect(Id, await NeonClient(), "NeonClient's project id");
        Expect(Id, await RawNSwag(), "the raw NSwag client's project id");
        Expect(Id, await HandWritten(), "the hand-written client's project id");
    }
}
