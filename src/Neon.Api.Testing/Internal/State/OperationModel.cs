using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// An operation whose status is a function of the clock: <c>scheduling</c> until it starts (when the
/// operation before it in the project finishes) and for the first quarter of its duration, <c>running</c>
/// until it ends, then <c>finished</c> (or <c>failed</c> when injected).
/// </summary>
internal sealed class OperationModel
{
    public required Guid Id { get; init; }

    public required string ProjectId { get; init; }

    public string? BranchId { get; init; }

    public string? EndpointId { get; init; }

    public required string Action { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it starts running: its creation, or the end of the operation it waits for.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The error message when the operation is set to fail; null when it succeeds.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>Orders operations of a project (creation order).</summary>
    public required long Sequence { get; init; }

    public DateTimeOffset EndsAt => StartsAt + Duration;

    public bool IsTerminal(DateTimeOffset now) => now >= EndsAt;

    public bool Succeeded(DateTimeOffset now) => IsTerminal(now) && FailureMessage is null;

    public string Status(DateTimeOffset now)
    {
        if (IsTerminal(now))
        {
            return FailureMessage is null ? "finished" : "failed";
        }

        return now < RunningAt ? "scheduling" : "running";
    }

    public JsonObject ToJson(DateTimeOffset now)
    {
        var status = Status(now);
        var updatedAt = status switch
        {
            "scheduling" => CreatedAt,
            "running" => RunningAt,
            _ => EndsAt,
        };
        var elapsed = (now < EndsAt ? now : EndsAt) - StartsAt;
        var json = new JsonObject
        {
            ["id"] = Id.ToString(),
            ["project_id"] = ProjectId,
        };
        if (BranchId is not null)
        {
            json["branch_id"] = BranchId;
        }

        if (EndpointId is not null)
        {
            json["endpoint_id"] = EndpointId;
        }

        json["action"] = Action;
        json["status"] = status;
        if (status == "failed")
        {
            json["error"] = FailureMessage;
        }

        json["failures_count"] = status == "failed" ? 1 : 0;
        json["created_at"] = Formats.Time(CreatedAt);
        json["updated_at"] = Formats.Time(updatedAt);
        json["total_duration_ms"] = (int)Math.Max(0, elapsed.TotalMilliseconds);
        return json;
    }

    private DateTimeOffset RunningAt => StartsAt + (Duration / 4);
}
