using System;
using System.Diagnostics;
using System.Linq;
using Neon.Api.Operations;
using System.Threading.Tasks;
using Neon.Api.Testing;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests;

/// <summary>The example of README.md ("Testing your own code with the emulator"), compiled and run.</summary>
public sealed class EmulatorExampleTests
{
    // --- begin README example ---
    [Test]
    public async Task Creates_a_preview_branch()
    {
        // One clock for both: each emulator operation takes half a minute of it, and each wait of the client fast-forwards it.
        var time = new FastForwardTimeProvider();
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = time, OperationDuration = TimeSpan.FromSeconds(30) });
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, fake.CreateHandler(), new NeonClientOptions { TimeProvider = time });

        var project = await neon.Project.CreateProjectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "demo" } });
        var branch = await neon.Branch
            .CreateProjectBranchAsync(project.Project.Id, new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = "preview-42" } })
            .WaitForOperationsAsync(neon);

        Assert.That(branch.Branch.Name, Is.EqualTo("preview-42"));
        Assert.That(fake.Counters.ResponsesWithStatus(423), Is.Zero, "the client queued the branch behind the project's operations");
        Assert.That(time.GetUtcNow() - time.Start, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(90)), "three operations, one after another, waited in virtual time");
    }
    // --- end README example ---

    [Test]
    public async Task Minutes_of_operations_are_waited_in_virtual_time()
    {
        var time = new FastForwardTimeProvider();
        // createProject's two operations run one after another: four minutes in all.
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = time, OperationDuration = TimeSpan.FromMinutes(2) });
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, fake.CreateHandler(), new NeonClientOptions { TimeProvider = time });
        var real = Stopwatch.StartNew();

        var created = await neon.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "slow" } })
            .WaitForOperationsAsync(neon);
        real.Stop();

        var waited = time.GetUtcNow() - time.Start;
        var operations = await neon.Operation.ListProjectOperationsAsync(created.Project.Id);
        Assert.That(operations.Operations.Select(o => o.Status.ToString()), Is.All.EqualTo("finished"));
        Assert.That(waited, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(4)).And.LessThan(TimeSpan.FromMinutes(4) + NeonWaitOptions.Default.MaxDelay), "polled until the operations finished, no longer");
        TestContext.Progress.WriteLine($"waited {waited} of virtual time in {real.ElapsedMilliseconds} ms of real time");
    }

    [Test]
    public async Task A_wait_deadline_passes_in_virtual_time()
    {
        var time = new FastForwardTimeProvider();
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = time, OperationDuration = TimeSpan.FromMinutes(10) });
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, fake.CreateHandler(), new NeonClientOptions { TimeProvider = time });
        var created = await neon.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "slow" } });
        var start = time.GetUtcNow();

        var error = await Assert.ThrowsAsync<NeonOperationTimeoutException>(() => created.WaitForOperationsAsync(neon, new NeonWaitOptions { Timeout = TimeSpan.FromMinutes(2) }));

        Assert.That(error!.UnfinishedOperations, Is.Not.Empty);
        Assert.That(time.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromMinutes(2)), "the last poll delay was cut to the deadline, measured on the client's clock");
    }
}
