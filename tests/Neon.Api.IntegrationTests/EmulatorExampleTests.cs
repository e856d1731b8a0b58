using System;
using System.Threading.Tasks;
using Neon.Api.Testing;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests;

/// <summary>The example of docs/README-quickstart.md ("Testing your own code with the emulator"), compiled and run.</summary>
public sealed class EmulatorExampleTests
{
    // --- begin README example ---
    [Test]
    public async Task Creates_a_preview_branch()
    {
        var clock = new ManualTimeProvider();
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = clock });
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, fake.CreateHandler());   // in memory, no sockets

        var project = await neon.Project.CreateProjectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "demo" } });
        clock.Advance(TimeSpan.FromSeconds(1));   // the project's operations finish: no sleeping

        var branch = await neon.Branch.CreateProjectBranchAsync(
            project.Project.Id,
            new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = "preview-42" } });
        Assert.That(branch.Branch.Name, Is.EqualTo("preview-42"));

        // While the branch's operations run, the project is locked: Neon answers 423.
        await Assert.ThrowsAsync<NeonLockedException>(() => neon.Branch.CreateProjectBranchAsync(project.Project.Id));
        Assert.That(fake.Counters.ResponsesWithStatus(423), Is.EqualTo(1));
    }
    // --- end README example ---
}
