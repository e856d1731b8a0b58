using Neon.Api.Serialization;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary>Extensible enums: known values compare and switch like enums; unknown ones survive a round trip.</summary>
public class ExtensibleEnumTests
{
    private static string Describe(OperationStatus status) => status.Known switch
    {
        OperationStatus.KnownValue.Finished or OperationStatus.KnownValue.Skipped => "done",
        OperationStatus.KnownValue.Failed or OperationStatus.KnownValue.Error or OperationStatus.KnownValue.Cancelled => "failed",
        OperationStatus.KnownValue.Unrecognized => $"new status '{status.Value}'",
        _ => "in progress",
    };

    [Test]
    public void Known_values_switch_and_compare_naturally()
    {
        var operation = NeonJson.Deserialize<Operation>("""{"id":"op-1","status":"finished","action":"create_branch"}""")!;

        Assert.That(operation.Status == OperationStatus.Finished, Is.True);
        Assert.That(operation.Status != OperationStatus.Running, Is.True);
        Assert.That(operation.Status.IsKnown, Is.True);
        Assert.That(Describe(operation.Status), Is.EqualTo("done"));
        Assert.That(Describe(OperationStatus.Scheduling), Is.EqualTo("in progress"));
        Assert.That(operation.Action, Is.EqualTo(OperationAction.CreateBranch));
    }

    [Test]
    public void Unknown_values_are_kept_and_written_back_unchanged()
    {
        var operation = NeonJson.Deserialize<Operation>("""{"id":"op-2","status":"paused_for_maintenance","action":"teleport_branch"}""")!;

        Assert.That(operation.Status.IsKnown, Is.False);
        Assert.That(operation.Status.Known, Is.EqualTo(OperationStatus.KnownValue.Unrecognized));
        Assert.That(Describe(operation.Status), Is.EqualTo("new status 'paused_for_maintenance'"));
        Assert.That(operation.Action.Value, Is.EqualTo("teleport_branch"));
        Assert.That(NeonJson.Serialize(operation), Does.Contain("\"status\":\"paused_for_maintenance\"").And.Contain("\"action\":\"teleport_branch\""));
        Assert.That(new OperationStatus("paused_for_maintenance"), Is.EqualTo(operation.Status));
    }
}
