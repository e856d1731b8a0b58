using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Operations move with the (manual) clock and lock their project while they run.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class OperationTests : EmulatorTest
{
    public OperationTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task An_operation_moves_from_scheduling_to_running_to_finished_as_the_clock_advances()
    {
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject() });
        var p = $"projects/{Id(created, "project")}";
        var operation = $"{p}/operations/{Ids(created, "operations")[0]}";

        Assert.That(Status(await Api.ExpectAsync(200, "getProjectOperation", operation)), Is.EqualTo("scheduling"));
        Clock.Advance(OperationDuration / 2);
        Assert.That(Status(await Api.ExpectAsync(200, "getProjectOperation", operation)), Is.EqualTo("running"));
        Clock.Advance(OperationDuration / 2);
        var finished = await Api.ExpectAsync(200, "getProjectOperation", operation);
        Assert.That(Status(finished), Is.EqualTo("finished"));
        Assert.That((int?)finished["operation"]!["total_duration_ms"], Is.EqualTo((int)OperationDuration.TotalMilliseconds));
    }

    [Test]
    public async Task Resources_become_ready_when_their_operations_finish()
    {
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject() });
        var p = $"projects/{Id(created, "project")}";
        Assert.That((string?)created["branch"]!["current_state"], Is.EqualTo("init"));
        Assert.That((string?)created["branch"]!["pending_state"], Is.EqualTo("ready"));
        Assert.That((string?)created["endpoints"]![0]!["current_state"], Is.EqualTo("init"));

        FinishOperations();

        var branch = await Api.ExpectAsync(200, "getProjectBranch", $"{p}/branches/{Id(created, "branch")}");
        Assert.That((string?)branch["branch"]!["current_state"], Is.EqualTo("ready"));
        Assert.That(branch["branch"]!["pending_state"], Is.Null);
        var e = $"{p}/endpoints/{Ids(created, "endpoints")[0]}";
        Assert.That(State(await Api.ExpectAsync(200, "getProjectEndpoint", e)), Is.EqualTo("active"));

        await Api.ExpectAsync(200, "suspendProjectEndpoint", $"{e}/suspend");
        Assert.That(State(await Api.ExpectAsync(200, "getProjectEndpoint", e)), Is.EqualTo("active"));
        FinishOperations();
        var suspended = await Api.ExpectAsync(200, "getProjectEndpoint", e);
        Assert.That(State(suspended), Is.EqualTo("idle"));
        Assert.That(suspended["endpoint"]!["suspended_at"], Is.Not.Null);

        await Api.ExpectAsync(200, "startProjectEndpoint", $"{e}/start");
        FinishOperations();
        Assert.That(State(await Api.ExpectAsync(200, "getProjectEndpoint", e)), Is.EqualTo("active"));
    }

    [Test]
    public async Task A_mutation_while_an_operation_runs_gets_423_and_succeeds_once_it_finished()
    {
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject() });
        var p = $"projects/{Id(created, "project")}";

        var locked = await Api.CallAsync("createProjectBranch", $"{p}/branches", new JsonObject());
        Assert.That(locked.Status, Is.EqualTo(423));
        Assert.That(locked.Message, Does.Contain("running operations"));
        Assert.That((string?)locked.Body["code"], Is.EqualTo("LOCKED"));
        Assert.That((await Api.CallAsync("getProject", p)).Status, Is.EqualTo(200), "reads are never locked");

        // createProject starts create_timeline and then start_compute: the project is locked until the second ends.
        Assert.That(created["operations"]!.AsArray(), Has.Count.EqualTo(2));
        Clock.Advance((2 * OperationDuration) - System.TimeSpan.FromMilliseconds(1));
        Assert.That((await Api.CallAsync("createProjectBranch", $"{p}/branches", new JsonObject())).Status, Is.EqualTo(423));

        Clock.Advance(System.TimeSpan.FromMilliseconds(1));
        Assert.That((await Api.CallAsync("createProjectBranch", $"{p}/branches", new JsonObject())).Status, Is.EqualTo(201));
        Assert.That(Neon.Counters.ResponsesWithStatus(423), Is.EqualTo(2));
    }

    [Test]
    public async Task Operations_of_zero_duration_finish_at_once()
    {
        Options.OperationDuration = System.TimeSpan.Zero;
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject() });

        Assert.That(created["operations"]!.AsArray().Select(o => (string?)o!["status"]), Has.All.EqualTo("finished"));
        Assert.That((await Api.CallAsync("createProjectBranch", $"projects/{Id(created, "project")}/branches", null)).Status, Is.EqualTo(201));
    }

    [Test]
    public async Task Database_and_role_changes_start_apply_config_on_the_read_write_endpoint()
    {
        var created = await CreateProjectAsync();
        var b = $"projects/{Id(created, "project")}/branches/{Id(created, "branch")}";

        var role = await Api.ExpectAsync(201, "createProjectBranchRole", $"{b}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "app" } });

        var operation = role["operations"]!.AsArray().Single()!;
        Assert.That((string?)operation["action"], Is.EqualTo("apply_config"));
        Assert.That((string?)operation["endpoint_id"], Is.EqualTo(Ids(created, "endpoints")[0]));
    }

    private static string? Status(JsonNode response) => (string?)response["operation"]!["status"];

    private static string? State(JsonNode response) => (string?)response["endpoint"]!["current_state"];
}
