using Neon.Api.SpecUpdate.Diff;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>Everything the update found, and the verdict drawn from it.</summary>
/// <param name="From">The version replaced (null when nothing was vendored before).</param>
/// <param name="To">The version vendored.</param>
/// <param name="Source">Provenance lines worth showing (package, command, sha256, integrity).</param>
/// <param name="OperationsBefore">How many operations the replaced spec had.</param>
/// <param name="OperationsAfter">How many operations the vendored spec has.</param>
/// <param name="Spec">What changed in the spec.</param>
/// <param name="Api">The public API diff, or null when it could not be made (see <paramref name="ApiNote"/>).</param>
/// <param name="ApiNote">Why there is no public API diff, or what it was compared against.</param>
/// <param name="Build">What could not be generated or built, or null when the build passed.</param>
/// <param name="Tests">The test run.</param>
internal sealed record UpdateReport(
    string? From,
    string To,
    IReadOnlyList<KeyValuePair<string, string>> Source,
    int OperationsBefore,
    int OperationsAfter,
    SpecChanges Spec,
    IReadOnlyList<ApiScopeChange>? Api,
    string ApiNote,
    BuildFailure? Build,
    TestOutcome Tests)
{
    /// <summary>The public API lines removed, in every scope.</summary>
    public int ApiRemoved => Api?.Sum(s => s.Removed.Count) ?? 0;

    /// <summary>The public API lines added, in every scope.</summary>
    public int ApiAdded => Api?.Sum(s => s.Added.Count) ?? 0;

    /// <summary>True when code or calls that worked before may not any more.</summary>
    public bool Breaking => BreakingReasons.Count > 0;

    /// <summary>"breaking" or "compatible".</summary>
    public string Verdict => Breaking ? "breaking" : "compatible";

    /// <summary>Why the update is breaking, one reason a line (empty when compatible).</summary>
    public IReadOnlyList<string> BreakingReasons
    {
        get
        {
            var reasons = new List<string>();
            if (Spec.Removed.Count > 0)
            {
                reasons.Add($"{Count(Spec.Removed.Count, "operation")} removed: {Names(Spec.Removed.Select(o => o.OperationId))}");
            }

            AddFieldReason(reasons, FieldChangeKind.Removed, "removed");
            AddFieldReason(reasons, FieldChangeKind.Retyped, "retyped");
            AddFieldReason(reasons, FieldChangeKind.NowRequired, "now required (request inputs that were optional)");
            var requiredAdded = Spec.BreakingFields.Where(f => f.Kind == FieldChangeKind.Added).ToList();
            if (requiredAdded.Count > 0)
            {
                reasons.Add($"{Count(requiredAdded.Count, "required request input")} added: {Names(requiredAdded.Select(f => $"{f.OperationId} {f.Field}"))}");
            }

            if (ApiRemoved > 0)
            {
                reasons.Add($"{Count(ApiRemoved, "public API line")} removed from the baseline");
            }

            return reasons;
        }
    }

    /// <summary>Why the update is compatible (when it is): what was checked and found unchanged.</summary>
    public string CompatibleReason => Api is null
        ? "no operation removed, no field removed or retyped, no new required input; the public API was not compared (" + ApiNote + ")"
        : "no operation removed, no field removed or retyped, no new required input, no public API removed";

    internal static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    // The first few names, then how many more: reasons stay one line; the sections below list everything.
    internal static string Names(IEnumerable<string> names)
    {
        var all = names.ToList();
        var shown = string.Join(", ", all.Take(5).Select(n => $"`{n}`"));
        return all.Count > 5 ? $"{shown} and {all.Count - 5} more" : shown;
    }

    private void AddFieldReason(List<string> reasons, FieldChangeKind kind, string what)
    {
        var fields = Spec.Fields.Where(f => f.Kind == kind && f.Breaking).ToList();
        if (fields.Count > 0)
        {
            reasons.Add($"{Count(fields.Count, "field")} {what} in {Count(fields.Select(f => f.OperationId).Distinct().Count(), "operation")}");
        }
    }
}
