using System.Diagnostics;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>
/// Measures, and only reports, how long creating a branch and connecting to it takes on real PostgreSQL: with an empty
/// database, then with about 50 MB of rows. The assertions check the copy, never the time.
/// </summary>
[OperationSpecific("createProjectBranch", "getConnectionURI")]
[Category("Diagnostic")]
public sealed class BranchTimingDiagnostics
{
    [Test]
    public async Task Create_a_branch_and_connect_on_an_empty_database_and_on_about_50_MB()
    {
        await using var neon = await PostgresNeon.StartAsync();
        var (projectId, mainId, uri) = await neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(uri, "create table payload (id int primary key, body text)");

        var empty = await MeasureAsync(neon, projectId, mainId, expectedRows: 0);

        // 50,000 rows of 1 KB (md5 text does not compress) is about 50 MB of table.
        await PostgresNeon.ExecuteAsync(uri, "insert into payload select g, repeat(md5(g::text), 32) from generate_series(1, 50000) g");
        var size = await PostgresNeon.ScalarAsync<long>(uri, "select pg_database_size(current_database())");
        var loaded = await MeasureAsync(neon, projectId, mainId, expectedRows: 50000);

        TestContext.Out.WriteLine($"create branch + connect, empty database:  {empty.TotalMilliseconds,7:0} ms");
        TestContext.Out.WriteLine($"create branch + connect, {size / (1024.0 * 1024.0),5:0.0} MB database: {loaded.TotalMilliseconds,7:0} ms");
    }

    private static async Task<System.TimeSpan> MeasureAsync(PostgresNeon neon, string projectId, string parentId, long expectedRows)
    {
        var watch = Stopwatch.StartNew();
        var (_, _, childUri) = await neon.CreateChildAsync(projectId, parentId);
        var rows = await PostgresNeon.ScalarAsync<long>(childUri, "select count(*) from payload");
        watch.Stop();
        Assert.That(rows, Is.EqualTo(expectedRows), "the child has the parent's rows");
        return watch.Elapsed;
    }
}
