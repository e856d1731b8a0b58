using System;
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
        // One clock for both: the emulator's operations take a minute of it, and each wait of the client fast-forwards it.
        var time = new FastForwardTimeProvider();
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = time, OperationDuration = TimeSpan.FromMinutes(1) });
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, fake.CreateHandler(), new NeonClientOptions { TimeProvider = time });

        var project = await neon.Project.CreateProjectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "demo" } });
        var branch = await neon.Branch
            .CreateProjectBranchAsync(project.Project.Id, new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = "preview-42" } })
            .WaitForOperationsAsync(neon);

        Assert.That(branch.Branch.Name, Is.EqualTo("preview-42"));
        Assert.That(fake.Counters.ResponsesWithStatus(423), Is.Zero, "the client queued the branch behind the project's operations");
        Assert.That(time.GetUtcNow() - time.Start, Is.GreaterThan(TimeSpan.FromMinutes(2)), "two minutes of operations, waited in virtual time");
    }
    // --- end README example ---
}
