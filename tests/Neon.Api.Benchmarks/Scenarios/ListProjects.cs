using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Neon.Api.Benchmarks.Clients;
using Neon.Api.Benchmarks.Server;
using Raw = Neon.Api.Benchmarks.RawNSwag;

namespace Neon.Api.Benchmarks.Scenarios;

/// <summary>
/// Every project of the account: 10,000 in 25 pages of 400 (plus the empty page that ends the listing), following
/// <c>pagination.cursor</c>. NeonClient through its item-level pageable; the baselines with a loop over cursors.
/// </summary>
public class ListProjects : ScenarioBase
{
    private const int Limit = BenchData.PageSize;

    [Benchmark]
    public async Task<int> NeonClient()
    {
        int count = 0;
        await foreach (ProjectListItem project in Clients.Neon.Project.ListProjectsAllAsync(limit: Limit))
        {
            count += project.Id.Length > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawNSwag()
    {
        int count = 0;
        string? cursor = null;
        while (true)
        {
            Raw.ListProjectsResponse page = await Clients.Raw.ListProjectsAsync(cursor, Limit, null, null, null, null);
            foreach (Raw.ProjectListItem project in page.Projects)
            {
                count += project.Id.Length > 0 ? 1 : 0;
            }

            // A shorter (or empty) page is the last one.
            if (page.Projects.Count < Limit || page.Pagination?.Cursor is not { Length: > 0 } next)
            {
                return count;
            }

            cursor = next;
        }
    }

    [Benchmark]
    public async Task<int> HandWritten()
    {
        int count = 0;
        string? cursor = null;
        while (true)
        {
            ProjectPage page = await Clients.Hand.ListProjectsAsync(Limit, cursor);
            foreach (ProjectSummary project in page.Projects)
            {
                count += project.Id.Length > 0 ? 1 : 0;
            }

            if (page.Projects.Count < Limit || page.Pagination?.Cursor is not { Length: > 0 } next)
            {
                return count;
            }

            cursor = next;
        }
    }

    /// <inheritdoc/>
    protected override async Task VerifyAsync()
    {
        var before = await ServerStatsAsync();
        Expect(BenchData.ProjectCount, await NeonClient(), "NeonClient's project count");
        Expect(BenchData.ProjectCount, await RawNSwag(), "the raw NSwag client's project count");
        Expect(BenchData.ProjectCount, await HandWritten(), "the hand-written client's project count");
        var after = await ServerStatsAsync();

        // 25 full pages and the empty one, for each client.
        Expect(3 * ((BenchData.ProjectCount / Limit) + 1), (int)after["list"]! - (int)before["list"]!, "the number of page requests of the three listings");
    }
}
