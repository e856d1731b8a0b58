using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests;

/// <summary>
/// Forty database creates at once in one project, over loopback HTTP: Neon locks a project while an operation runs,
/// so a burst of mutations turns into 423s unless the client queues its own mutations behind the operations.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Creates = 40;

    [Test]
    public async Task Forty_concurrent_database_creates_all_succeed_with_the_project_queue_and_draw_no_423()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var figures = await BurstAsync(neon, neon.Client);

        TestContext.Out.WriteLine($"queue on:  {figures}");
        Assert.Multiple(() =>
        {
            Assert.That(figures.Succeeded, Is.EqualTo(Creates), figures.Errors);
            Assert.That(figures.Locked, Is.Zero, "the client's own mutations never race its operations");
        });
    }

    [Test]
    public async Task Without_the_queue_the_same_burst_draws_423s_that_retries_absorb()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        using var client = neon.CreateClient(options => options.QueueProjectMutations = false);
        var figures = await BurstAsync(neon, client);

        TestContext.Out.WriteLine($"queue off: {figures}");
        Assert.Multiple(() =>
        {
            Assert.That(figures.Locked, Is.GreaterThan(0), "without the queue the creates race the running operations");
            Assert.That(figures.Requests, Is.EqualTo(Creates + figures.Locked - figures.LockedFailures), "every 423 but a call's last is followed by one retry");
            Assert.That(figures.Succeeded + figures.LockedFailures, Is.EqualTo(Creates), figures.Errors);
        });
    }

    private static async Task<Figures> BurstAsync(LoopbackNeon neon, NeonClient client)
    {
        var projectId = await neon.CreateProjectAsync();
        var main = (await client.Branch.ListProjectBranchesAsync(projectId)).Branches.Single();
        var before = neon.Neon.Counters.RequestsReceived;
        var lockedBefore = neon.Neon.Counters.ResponsesWithStatus(HttpStatusCode.Locked);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Creates).Select(async i =>
        {
            try
            {
                await client.Branch.CreateProjectBranchDatabaseAsync(
                    projectId,
                    main.Id,
                    new DatabaseCreateRequest { Database = new DatabaseCreateRequestDatabase { Name = $"db_{i}", OwnerName = "neondb_owner" } });
                return (Exception?)null;
            }
            catch (NeonApiException exception)
            {
                return exception;
            }
        }));

        var requests = neon.Neon.Counters.RequestsReceived - before;
        var locked = neon.Neon.Counters.ResponsesWithStatus(HttpStatusCode.Locked) - lockedBefore;
        var others = outcomes.Where(o => o is not null and not NeonLockedException).Select(o => o!.Message).ToList();
        return new Figures(
            Requests: requests,
            Locked: locked,
            Succeeded: outcomes.Count(o => o is null),
            LockedFailures: outcomes.Count(o => o is NeonLockedException),
            Errors: string.Join(Environment.NewLine, others));
    }

    private sealed record Figures(long Requests, long Locked, int Succeeded, int LockedFailures, string Errors)
    {
        public override string ToString() =>
            $"{Creates} concurrent createProjectBranchDatabase calls: requests sent {Requests} (creates, retries and operation polls), 423 responses {Locked}, succeeded {Succeeded}, failed with 423 after all retries {LockedFailures}";
    }
}
