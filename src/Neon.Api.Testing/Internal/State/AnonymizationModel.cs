using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// The anonymization of an anonymized branch: <c>created</c> until the branch's creation ends, then
/// <c>initialized</c> (<c>initialization_error</c> when the creation failed); a run is <c>anonymizing</c> for its
/// duration, then <c>anonymized</c>. Its state is a function of the clock.
/// </summary>
internal sealed class AnonymizationModel
{
    public required string ProjectId { get; init; }

    public required string BranchId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The operation that creates the branch.</summary>
    public required OperationModel Creation { get; init; }

    /// <summary>When the branch's creation ends.</summary>
    public DateTimeOffset ReadyAt => Creation.EndsAt;

    /// <summary>The <c>MaskingRule</c> objects, as last set.</summary>
    public JsonArray MaskingRules { get; set; } = [];

    public AnonymizationRun? LastRun { get; set; }

    public string State(DateTimeOffset now) =>
        LastRun is { } run && now >= run.StartedAt ? (now < run.CompletedAt ? "anonymizing" : "anonymized")
        : now < ReadyAt ? "created"
        : Creation.FailureMessage is null ? "initialized"
        : "initialization_error";

    /// <summary>The <c>AnonymizedBranchStatusResponse</c> schema.</summary>
    public JsonObject ToJson(DateTimeOffset now)
    {
        var state = State(now);
        var json = new JsonObject
        {
            ["project_id"] = ProjectId,
            ["branch_id"] = BranchId,
            ["state"] = state,
            ["status_message"] = state switch
            {
                "created" => "waiting for the branch to be created",
                "initialized" => "ready to anonymize",
                "initialization_error" => Creation.FailureMessage,
                "anonymizing" => $"applying {LastRun!.MaskedColumns} masking rules",
                _ => $"anonymized {LastRun!.MaskedColumns} columns",
            },
            ["created_at"] = Formats.Time(CreatedAt),
            ["updated_at"] = Formats.Time(state switch
            {
                "created" => CreatedAt,
                "initialized" or "initialization_error" => ReadyAt,
                "anonymizing" => LastRun!.StartedAt,
                _ => LastRun!.CompletedAt,
            }),
        };
        if (state == "initialization_error")
        {
            json["failed_at"] = Formats.Time(ReadyAt);
        }

        if (LastRun is { } run && now >= run.StartedAt)
        {
            var last = new JsonObject { ["started_at"] = Formats.Time(run.StartedAt) };
            if (now >= run.CompletedAt)
            {
                last["completed_at"] = Formats.Time(run.CompletedAt);
            }

            last["masked_columns"] = run.MaskedColumns;
            json["last_run"] = last;
        }

        return json;
    }
}

/// <summary>One application of the masking rules.</summary>
internal sealed record AnonymizationRun(DateTimeOffset StartedAt, DateTimeOffset CompletedAt, int MaskedColumns);
