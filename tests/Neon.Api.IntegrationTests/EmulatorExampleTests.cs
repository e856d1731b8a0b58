using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
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
        var clock = new ManualTimeProvider();
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = clock });

        // Whenever the client would wait (retry backoff, queueing, polling operations), move the fake clock instead.
        Task Advance(TimeSpan delay, CancellationToken cancellationToken)
        {
            clock.Advance(delay);
            return Task.CompletedTask;
        }

        var options = new NeonClientOptions();
        options.Retry.Delay = Advance;
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, fake.CreateHandler(), options);   // in memory, no sockets
        var wait = new NeonWaitOptions { Delay = Advance, Clock = () => clock.GetUtcNow() - DateTimeOffset.UnixEpoch };

        var project = await neon.Project.CreateProjectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "demo" } });
        var branch = await neon.Branch
            .CreateProjectBranchAsync(project.Project.Id, new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = "preview-42" } })
            .WaitForOperationsAsync(neon, wait);

        Assert.That(branch.Branch.Name, Is.EqualTo("preview-42"));
        Assert.That(fake.Counters.ResponsesWithStatus(423), Is.Zero, "the client queued the branch behind the project's operations");
    }
    // --- end README example ---
}
