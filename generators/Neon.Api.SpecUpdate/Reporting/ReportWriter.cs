using System.Text;
using Neon.Api.SpecUpdate.Diff;
using Neon.Api.SpecUpdate.Specs;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>Renders an <see cref="UpdateReport"/> as Markdown (REPORT.md, and the console with long lists cut).</summary>
internal static class ReportWriter
{
    private const int MaxBuildErrors = 12;

    /// <summary>The report; <paramref name="maxApiLines"/> cuts each public API list (null: everything).</summary>
    public static string Write(UpdateReport report, int? maxApiLines = null)
    {
        var text = new StringBuilder();
        text.Append("# Spec update: ").Append(report.From ?? "(none)").Append(" → ").Append(report.To).Append("\n\n");
        text.Append("**Verdict: ").Append(report.Verdict).Append("**\n\n");
        if (report.Breaking)
        {
            Bullets(text, report.BreakingReasons);
        }
        else
        {
            text.Append("- ").Append(report.CompatibleReason).Append('\n');
        }

        text.Append('\n');
        foreach (var (key, value) in report.Source)
        {
            text.Append("- ").Append(key).Append(": `").Append(value).Append("`\n");
        }

        WriteOperations(text, report);
        WriteFields(text, report.Spec);
        WriteApi(text, report, maxApiLines);
        WriteBuild(text, report);
        return text.ToString();
    }

    /// <summary>A field key as prose: <c>response 200 `$.branch.id`</c>, <c>parameter query `limit`</c>.</summary>
    public static string Field(string key)
    {
        var dollar = key.IndexOf(" $", StringComparison.Ordinal);
        var split = dollar >= 0 ? dollar : key.LastIndexOf(' ');
        return split < 0 ? $"`{key}`" : $"{key[..split]} `{key[(split + 1)..]}`";
    }

    /// <summary>A field's shape: <c>string(date-time)</c>, <c>integer, required</c>.</summary>
    public static string Shape(FieldShape? shape, bool input) =>
        shape is null ? "?" : input && shape.Required ? shape.Type + ", required" : shape.Type;

    private static void WriteOperations(StringBuilder text, UpdateReport report)
    {
        var spec = report.Spec;
        text.Append("\n## Operations\n\n")
            .Append($"{report.OperationsBefore} before, {report.OperationsAfter} after: {spec.Added.Count} added, {spec.Removed.Count} removed, ")
            .Append($"{spec.NewlyDeprecated.Count} newly deprecated, {spec.Moved.Count} moved between tags.\n");
        Operations(text, "Added", spec.Added);
        Operations(text, "Removed (breaking)", spec.Removed);
        Operations(text, "Newly deprecated", spec.NewlyDeprecated);
        Operations(text, "No longer deprecated", spec.NoLongerDeprecated);
        if (spec.Moved.Count > 0)
        {
            text.Append("\n### Moved between tags\n\n");
            Bullets(text, spec.Moved.Select(m => $"`{m.OperationId}`: {m.From ?? "(no tag)"} → {m.To ?? "(no tag)"}"));
        }
    }

    private static void Operations(StringBuilder text, string title, IReadOnlyList<OperationShape> operations)
    {
        if (operations.Count == 0)
        {
            return;
        }

        text.Append("\n### ").Append(title).Append("\n\n");
        Bullets(text, operations.Select(o => $"`{o.OperationId}`: {o.Method} {o.Path} ({o.Tag ?? "no tag"})"));
    }

    private static void WriteFields(StringBuilder text, SpecChanges spec)
    {
        var byOperation = spec.Fields.GroupBy(f => f.OperationId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.Append("\n## Fields\n\n")
            .Append($"Parameters and request/response body fields (JSON paths) of the operations in both specs: {spec.Fields.Count} changes in ")
            .Append($"{byOperation.Count} operations, {spec.BreakingFields.Count()} breaking.\n");
        foreach (var operation in byOperation)
        {
            text.Append("\n### `").Append(operation.Key).Append("`\n\n");
            Bullets(text, operation.OrderBy(f => !f.Breaking).ThenBy(f => f.Kind).ThenBy(f => f.Field, StringComparer.Ordinal).Select(Describe));
        }
    }

    private static string Describe(FieldChange change)
    {
        var field = Field(change.Field);
        var line = change.Kind switch
        {
            FieldChangeKind.Added => $"added: {field} ({Shape(change.After, change.IsInput)})",
            FieldChangeKind.Removed => $"removed: {field} ({Shape(change.Before, change.IsInput)})",
            FieldChangeKind.Retyped => $"retyped: {field}: {change.Before?.Type} → {change.After?.Type}",
            _ => $"now required: {field} ({change.After?.Type})",
        };
        return change.Breaking ? line + " (breaking)" : line;
    }

    private static void WriteApi(StringBuilder text, UpdateReport report, int? maxLines)
    {
        text.Append("\n## Public API\n\n");
        if (report.Api is null)
        {
            text.Append("Not compared: ").Append(report.ApiNote).Append('\n');
            return;
        }

        text.Append($"{report.ApiNote}: {report.ApiAdded} lines added, {report.ApiRemoved} removed (removed lines are breaking).\n");
        foreach (var scope in report.Api)
        {
            ApiLines(text, $"{scope.Scope}: removed ({scope.Removed.Count}, breaking)", scope.Removed, maxLines);
            ApiLines(text, $"{scope.Scope}: added ({scope.Added.Count})", scope.Added, maxLines);
        }
    }

    private static void ApiLines(StringBuilder text, string title, IReadOnlyList<string> lines, int? maxLines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        text.Append("\n### ").Append(title).Append("\n\n```text\n");
        foreach (var line in maxLines is { } max ? lines.Take(max) : lines)
        {
            text.Append(line).Append('\n');
        }

        if (maxLines is { } limit && lines.Count > limit)
        {
            text.Append($"... {lines.Count - limit} more in REPORT.md\n");
        }

        text.Append("```\n");
    }

    private static void WriteBuild(StringBuilder text, UpdateReport report)
    {
        text.Append("\n## Build and tests\n\n");
        if (report.Build is { } failure)
        {
            text.Append("- Build: FAILED, ").Append(failure.Summary).Append(". Tests: not run.\n\n");
            Bullets(text, failure.Errors.Take(MaxBuildErrors).Select(e => $"`{e}`"));
            if (failure.Errors.Count > MaxBuildErrors)
            {
                text.Append($"- ... {failure.Errors.Count - MaxBuildErrors} more in build-errors.log\n");
            }

            if (failure.CommandOutput.Count > 0)
            {
                text.Append("\nThe first failed command, run again, ends with:\n\n```text\n");
                foreach (var line in failure.CommandOutput)
                {
                    text.Append(line).Append('\n');
                }

                text.Append("```\n");
            }

            return;
        }

        text.Append("- Build: generated and built.\n");
        var tests = report.Tests;
        if (!tests.Ran)
        {
            text.Append("- Tests: not run.\n");
            return;
        }

        text.Append($"- Tests: {tests.Passed} of {tests.Total} passed, {tests.FailedResults} failed");
        text.Append(tests.Failed.Count == tests.FailedResults ? ".\n" : $" ({tests.Failed.Count} distinct tests; a test that several fixtures run counts once per fixture).\n");
        if (tests.Failed.Count == 0)
        {
            return;
        }

        var aboutMissing = tests.Failed.Where(t => t.IsAboutMissingOperations).ToList();
        var other = tests.Failed.Where(t => !t.IsAboutMissingOperations).ToList();
        var missing = aboutMissing.SelectMany(t => t.MissingOperations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        text.Append("- Failed tests do not fail the update. ")
            .Append(other.Count == 0
                ? "Every one is about an operation the new spec lacks: nothing else broke.\n"
                : $"{other.Count} failed for another reason: a behaviour the new spec changed, or a bug; look at those first.\n");
        if (other.Count > 0)
        {
            text.Append("\nFailed for another reason than a missing operation:\n\n");
            Bullets(text, other.Select(t => $"`{t.Name}`"));
        }

        if (aboutMissing.Count > 0)
        {
            text.Append($"\nTests of operations the new spec lacks ({aboutMissing.Count}; the operations: {string.Join(", ", missing.Select(id => $"`{id}`"))}):\n\n");
            Bullets(text, aboutMissing.Select(t => $"`{t.Name}`: {string.Join(", ", t.MissingOperations)}"));
        }
    }

    private static void Bullets(StringBuilder text, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            text.Append("- ").Append(item).Append('\n');
        }
    }
}
