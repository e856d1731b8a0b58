using System.Net;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using Neon.Api.Serialization;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>A newer (or sloppier) server must not break an older client: the generated models tolerate it.</summary>
public class ForwardCompatibilityTests
{
    private const string Email = "someone@example.com";

    [Test]
    public async Task An_operation_from_a_future_server_deserializes_through_the_generated_client()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/p1/operations/someone%40example.com")).Respond(HttpStatusCode.OK, "application/json", $$"""
            {"operation": {
              "id": "{{Email}}",
              "project_id": "p1",
              "action": "teleport_branch",
              "status": "paused_by_operator",
              "failures_count": null,
              "total_duration_ms": null,
              "created_at": "2026-07-01T12:00:00Z",
              "quantum_state": {"entangled": true}
            }, "server_hint": "new top-level field"}
            """);
        FaultLedger.Inject();

        // operation_id is format: uuid in the spec; an email in it must neither be rejected nor break the call.
        var response = await harness.Client.Operation.GetProjectOperationAsync("p1", Email);

        Operation operation = response.Operation;
        Assert.That(operation.Id, Is.EqualTo(Email), "a uuid field holding an email");
        Assert.That(operation.Status.ToString(), Is.EqualTo("paused_by_operator"), "an unknown enum value");
        Assert.That(operation.Action.ToString(), Is.EqualTo("teleport_branch"));
        Assert.That(ProjectLockGate.IsTerminal(operation.Status.ToString()), Is.False, "an unknown status counts as still running");
        Assert.That(operation.FailuresCount, Is.Zero, "null where the spec says non-null");
        Assert.That(operation.AdditionalProperties.ContainsKey("quantum_state"), Is.True, "unknown fields are kept");
        Assert.That(response.AdditionalProperties.ContainsKey("server_hint"), Is.True);
        FaultLedger.Survive();
    }

    [Test]
    public void Unknown_values_and_fields_round_trip()
    {
        var operation = NeonJson.Deserialize<Operation>("{\"id\":\"o1\",\"status\":\"paused_by_operator\",\"quantum_state\":{\"entangled\":true}}")!;

        var json = JObject.Parse(NeonJson.Serialize(operation));

        Assert.That((string?)json["status"], Is.EqualTo("paused_by_operator"));
        Assert.That((bool?)json["quantum_state"]!["entangled"], Is.True);
    }

    [Test]
    public void Missing_required_fields_do_not_fail_the_response()
    {
        // Operation requires id, project_id, action, status, failures_count, created_at, updated_at, total_duration_ms.
        var operation = NeonJson.Deserialize<Operation>("{\"status\":\"running\"}")!;

        Assert.That(operation.Status.ToString(), Is.EqualTo("running"));
        Assert.That(operation.Id, Is.Null);
    }

    [Test]
    public async Task A_wrongly_typed_value_is_tolerated_for_that_member_only()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/p1/operations/o1")).Respond(HttpStatusCode.OK, "application/json",
            "{\"operation\":{\"id\":\"o1\",\"status\":\"finished\",\"failures_count\":\"many\",\"created_at\":\"not a date\"}}");
        FaultLedger.Inject();

        var response = await harness.Client.Operation.GetProjectOperationAsync("p1", "o1");

        Assert.That(response.Operation.Id, Is.EqualTo("o1"));
        Assert.That(response.Operation.Status.ToString(), Is.EqualTo("finished"));
        FaultLedger.Survive();
    }
}
