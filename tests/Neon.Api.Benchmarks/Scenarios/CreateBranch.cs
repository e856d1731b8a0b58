using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Neon.Api.Benchmarks.Clients;
using Neon.Api.Benchmarks.Server;
using Raw = Neon.Api.Benchmarks.RawNSwag;

namespace Neon.Api.Benchmarks.Scenarios;

/// <summary>
/// One <c>POST /projects/{id}/branches</c> (a branch with a read-write endpoint; 201 with the branch, the endpoint and
/// two running operations), with NeonClient's project queue OFF: each client sends the request and reads the answer.
/// </summary>
public class CreateBranch : CreateBranchScenario
{
    [Benchmark]
    public Task<string> NeonClient() => CreateWithNeonAsync();

    [Benchmark(Baseline = true)]
    public async Task<string> RawNSwag() => (await CreateWithRawAsync()).Branch.Id;

    [Benchmark]
    public async Task<string> HandWritten() => (await CreateWithHandAsync()).Branch.Id;

    /// <inheritdoc/>
    protected override async Task VerifyAsync()
    {
        var before = await ServerStatsAsync();
        string branchId = await NeonClient();
        Expect(branchId, await RawNSwag(), "the raw NSwag client's branch id");
        Expect(branchId, await HandWritten(), "the hand-written client's branch id");
        var after = await ServerStatsAsync();
        Expect(3, (int)after["create"]! - (int)before["create"]!, "the number of creates");
        Expect(0, (int)after["operation"]! - (int)before["operation"]!, "the number of operation polls (queue off)");
    }
}

/// <summary>
/// <see cref="CreateBranch"/> with NeonClient's defaults (project queue ON): before each create, NeonClient polls the
/// two operations the previous create left running (the server answers <c>finished</c>), then creates. The baselines
/// do the same by hand: one <c>GET /operations/{op}</c> per operation the previous create listed as not finished, then
/// the create. In the steady state one invocation is 2 polls + 1 create for every client.
/// </summary>
public class CreateBranchQueued : CreateBranchScenario
{
    private static readonly HashSet<Raw.OperationStatus> RawTerminal =
        [Raw.OperationStatus.Finished, Raw.OperationStatus.Skipped, Raw.OperationStatus.Failed, Raw.OperationStatus.Error, Raw.OperationStatus.Cancelled];

    private static readonly HashSet<string> Terminal = ["finished", "skipped", "failed", "error", "cancelled"];

    private readonly List<string> _rawPending = [];
    private readonly List<string> _handPending = [];

    /// <inheritdoc/>
    protected override bool QueueProjectMutations => true;

    [Benchmark]
    public Task<string> NeonClient() => CreateWithNeonAsync();

    [Benchmark(Baseline = true)]
    public async Task<string> RawNSwag()
    {
        foreach (string operation in _rawPending)
        {
            while (!RawTerminal.Contains((await Clients.Raw.GetProjectOperationAsync(ProjectId, operation)).Operation.Status))
            {
                await Task.Delay(250);
            }
        }

        _rawPending.Clear();
        Raw.CreatedBranch created = await CreateWithRawAsync();
        foreach (Raw.Operation operation in created.Operations)
        {
            if (!RawTerminal.Contains(operation.Status))
            {
                _rawPending.Add(operation.Id);
            }
        }

        return created.Branch.Id;
    }

    [Benchmark]
    public async Task<string> HandWritten()
    {
        foreach (string operation in _handPending)
        {
            while (!Terminal.Contains((await Clients.Hand.GetOperationAsync(ProjectId, operation)).Status))
            {
                await Task.Delay(250);
            }
        }

        _handPending.Clear();
        CreatedBranchSummary created = await CreateWithHandAsync();
        foreach (OperationSummary operation in created.Operations)
        {
            if (!Terminal.Contains(operation.Status))
            {
                _handPending.Add(operation.Id);
            }
        }

        return created.Branch.Id;
    }

    /// <inheritdoc/>
    protected override async Task VerifyAsync()
    {
        // First round: nothing pending yet, so no polls; second round: each client polls the two operations its first
        // create left running, then creates.
        for (int round = 0; round < 2; round++)
        {
            var before = await ServerStatsAsync();
            string branchId = await NeonClient();
            Expect(branchId, await RawNSwag(), "the raw NSwag client's branch id");
            Expect(branchId, await HandWritten(), "the hand-written client's branch id");
            var after = await ServerStatsAsync();
            Expect(3, (int)after["create"]! - (int)before["create"]!, $"the number of creates in round {round + 1}");
            Expect(round * 3 * BenchData.OperationIds.Length, (int)after["operation"]! - (int)before["operation"]!, $"the number of operation polls in round {round + 1}");
        }
    }
}

/// <summary>The create call of each client, shared by the two branch scenarios.</summary>
public abstract class CreateBranchScenario : ScenarioBase
{
    /// <summary>The project the branches are created in.</summary>
    protected static readonly string ProjectId = BenchData.BenchProjectId;

    /// <summary>NeonClient's create call (with whatever queueing the scenario configured).</summary>
    protected async Task<string> CreateWithNeonAsync()
    {
        var created = await Clients.Neon.Branch.CreateProjectBranchAsync(ProjectId, new CreateProjectBranchRequest
        {
            Branch = new BranchCreateRequestBranch { Name = "bench-branch" },
            Endpoints = [new BranchCreateRequestEndpointOptions { Type = EndpointType.ReadWrite }],
        });
        return created.Branch.Id;
    }

    /// <summary>The raw NSwag client's create call.</summary>
    protected Task<Raw.CreatedBranch> CreateWithRawAsync() =>
        Clients.Raw.CreateProjectBranchAsync(
            new Raw.CreateProjectBranchRequest
            {
                Branch = new Raw.BranchCreateRequestBranch { Name = "bench-branch" },
                Endpoints = [new Raw.BranchCreateRequestEndpointOptions { Type = Raw.EndpointType.Read_write }],
            },
            ProjectId);

    /// <summary>The hand-written client's create call.</summary>
    protected Task<CreatedBranchSummary> CreateWithHandAsync() =>
        Clients.Hand.CreateBranchAsync(ProjectId, new NewBranchRequest
        {
            Branch = new NewBranch { Name = "bench-branch" },
            Endpoints = [new NewEndpoint { Type = "read_write" }],
        });
}
