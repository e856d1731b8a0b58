using System;

namespace Neon.Api.Operations;

/// <summary>The classification of Neon operation statuses, as a pure function.</summary>
public static class NeonOperationStatuses
{
    /// <summary>Classifies an operation status sent by the API (case-insensitively).</summary>
    /// <param name="status">The wire value, for example <c>finished</c>.</param>
    /// <returns>
    /// <see cref="NeonOperationOutcome.Succeeded"/> for <c>finished</c> and <c>skipped</c>;
    /// <see cref="NeonOperationOutcome.Failed"/> for <c>failed</c>, <c>error</c> and <c>cancelled</c>;
    /// otherwise <see cref="NeonOperationOutcome.InProgress"/>, including statuses a newer API may invent,
    /// so that waiting on them stays bounded by the deadline instead of failing early.
    /// </returns>
    public static NeonOperationOutcome Classify(string? status)
    {
        if (Is(status, "finished") || Is(status, "skipped"))
        {
            return NeonOperationOutcome.Succeeded;
        }

        if (Is(status, "failed") || Is(status, "error") || Is(status, "cancelled"))
        {
            return NeonOperationOutcome.Failed;
        }

        return NeonOperationOutcome.InProgress;
    }

    private static bool Is(string? status, string value) => string.Equals(status, value, StringComparison.OrdinalIgnoreCase);
}
