using Neon.Api.Operations;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Neon.Api.QuickStart;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests;

/// <summary>The quick start's flow end to end against the emulator over loopback HTTP.</summary>
public sealed class QuickStartFlowTests
{
    private static readonly string[] ExpectedBranches = ["main", "quickstart-dev"];

    [Test]
    public async Task The_quick_start_flow_creates_lists_connects_and_deletes()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        using var output = new StringWriter();

        var result = await new QuickStartFlow(neon.Client, output, neon.FlowOptions(pageSize: 1)).RunAsync();

        TestContext.Out.WriteLine(output.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.ProjectId, Is.Not.Empty);
            Assert.That(result.BranchId, Does.StartWith("br-"));
            Assert.That(result.BranchNames, Is.EquivalentTo(ExpectedBranches));
            Assert.That(result.Pages, Is.EqualTo(2), "page size 1: one page per branch");
            Assert.That(result.MaskedConnectionUri, Does.Match(@"^postgres(ql)?://quickstart_app:\*\*\*\*@[^/@]+/quickstart_db"));
            Assert.That(result.ProjectDeleted, Is.True);
            Assert.That(output.ToString(), Does.Contain($"Created project").And.Contain($"Deleted project {result.ProjectId}"));
            Assert.That(output.ToString(), Does.Not.Contain(Testing.FakeNeon.DefaultApiKey));
            Assert.That(neon.Neon.Counters.ResponsesWithStatus(HttpStatusCode.Locked), Is.Zero, "the flow waits before each mutation");
        });
        await Assert.ThrowsAsync<NeonNotFoundException>(() => neon.Client.Project.GetProjectAsync(result.ProjectId));
    }

    [Test]
    public async Task A_failed_operation_stops_the_flow_with_a_clear_error_and_the_project_is_still_deleted()
    {
        await using var neon = await LoopbackNeon.StartAsync(options => options.FailNextOperations = 1);
        using var output = new StringWriter();

        var failure = await Assert.ThrowsAsync<NeonOperationFailedException>(
            () => new QuickStartFlow(neon.Client, output, neon.FlowOptions()).RunAsync());

        Assert.That(failure!.Message, Does.Contain("ended with status 'failed'"));
        Assert.That(output.ToString(), Does.Contain("Deleted project"));
        var projects = await neon.Client.Project.ListProjectsAsync();
        Assert.That(projects.Projects, Is.Empty);
    }

    [Test]
    public async Task Waiting_gives_up_at_the_deadline_measured_on_the_injected_clock()
    {
        // The emulator's operations take an hour of (manual) time; the waiter's deadline is one minute.
        await using var neon = await LoopbackNeon.StartAsync(options => options.OperationDuration = System.TimeSpan.FromHours(1));
        var created = await neon.Client.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject() });

        var timeout = await Assert.ThrowsAsync<NeonOperationTimeoutException>(() => created.WaitForOperationsAsync(neon.Client, LoopbackNeon.WaitOptions(System.TimeSpan.FromMinutes(1))));

        Assert.That(timeout!.UnfinishedOperations, Is.Not.Empty);
        Assert.That(timeout.Message, Does.Contain(created.Operations[0].Id));
    }

    [Test]
    public async Task The_flow_survives_injected_429s_and_503s_through_retries()
    {
        // One request in five answers 429 or 503 with Retry-After: 1; the client retries them (its waits move the
        // emulator's clock), so the whole flow still succeeds.
        await using var neon = await LoopbackNeon.StartAsync(options =>
        {
            options.TooManyRequestsRate = 0.1;
            options.ServiceUnavailableRate = 0.1;
            options.Seed = 7;
        });
        var output = new System.IO.StringWriter();

        var result = await new QuickStartFlow(neon.Client, output, neon.FlowOptions(pageSize: 1)).RunAsync();

        var injected = neon.Neon.Counters.ResponsesWithStatus(429) + neon.Neon.Counters.ResponsesWithStatus(503);
        TestContext.Out.WriteLine($"requests {neon.Neon.Counters.RequestsReceived}, injected 429/503 {injected}, flow succeeded: {result.ProjectDeleted}");
        Assert.Multiple(() =>
        {
            Assert.That(injected, Is.GreaterThan(0), "faults were injected");
            Assert.That(result.ProjectDeleted, Is.True);
            Assert.That(result.BranchNames, Has.Count.EqualTo(2));
        });
    }

    [TestCase("postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require",
        "postgresql://alex:****@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require")]
    [TestCase("postgres://user:p@ss:w0rd@host/db", "postgres://user:****@host/db")]
    [TestCase("postgresql://user@host/db", "postgresql://user@host/db")]
    [TestCase("postgresql://host/db?options=a@b", "postgresql://host/db?options=a@b")]
    public void The_connection_uri_password_is_masked(string uri, string expected)
    {
        Assert.That(ConnectionUris.MaskPassword(uri), Is.EqualTo(expected));
    }

    [Test]
    public void The_masked_uri_never_contains_the_password()
    {
        var masked = ConnectionUris.MaskPassword("postgresql://r:s3cr3t-Pa55@h/d");
        Assert.That(masked.Contains("s3cr3t", System.StringComparison.Ordinal), Is.False);
        Assert.That(masked.Split('@').First(), Does.EndWith(":****"));
    }
}
