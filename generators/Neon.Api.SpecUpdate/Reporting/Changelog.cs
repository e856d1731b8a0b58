using System.Text;
using Neon.Api.SpecUpdate.Diff;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>
/// Records an update's breaking changes in <c>CHANGELOG.md</c>, under <c>## [Unreleased]</c> →
/// <c>### Changed (breaking)</c>, as one entry naming the spec version. Running the same update again replaces the
/// entry instead of adding a second one, and an update back to the spec an unreleased update came from removes that
/// update's entry (the round trip changes nothing for the next release), leaving the file as it was before it.
/// </summary>
internal static class Changelog
{
    private const string Unreleased = "## [Unreleased]";
    private const string Section = "### Changed (breaking)";

    /// <summary>The entry's first words, by which a re-run finds it.</summary>
    public static string EntryStart(string version) => $"- Neon API spec {version} ";

    /// <summary>The changelog with the report's entry added (unchanged when the update breaks nothing).</summary>
    public static string Apply(string changelog, UpdateReport report)
    {
        var newline = changelog.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = changelog.Split(newline).ToList();
        if (report.From is { } from && Undo(lines, from, report.To))
        {
            return Normalize(lines, newline);
        }

        if (!report.Breaking)
        {
            return changelog;
        }

        var entry = Entry(report);

        var unreleased = lines.FindIndex(l => l.TrimEnd() == Unreleased);
        if (unreleased < 0)
        {
            // No [Unreleased] section: it goes above the first release (or at the end of a changelog without one).
            var firstRelease = lines.FindIndex(l => l.StartsWith("## [", StringComparison.Ordinal));
            var at = firstRelease < 0 ? lines.Count : firstRelease;
            lines.InsertRange(at, [Unreleased, string.Empty]);
            unreleased = at;
        }

        var (end, section, sectionEnd) = BreakingSection(lines, unreleased);
        if (section < 0)
        {
            // After "### Changed" when there is one, as the file's other entries do; else at the end of [Unreleased].
            var changed = lines.FindIndex(unreleased + 1, end - unreleased - 1, l => l.TrimEnd() == "### Changed");
            var next = changed < 0 ? -1 : lines.FindIndex(changed + 1, end - changed - 1, l => l.StartsWith("### ", StringComparison.Ordinal));
            var at = next >= 0 ? next : end;
            while (at > unreleased + 1 && lines[at - 1].Length == 0)
            {
                at--;
            }

            lines.InsertRange(at, [string.Empty, Section, string.Empty, entry]);
            return Normalize(lines, newline);
        }

        if (FindEntry(lines, section, sectionEnd, EntryStart(report.To)) is var (existing, stop))
        {
            // Replace the earlier entry and its continuation lines.
            lines.RemoveRange(existing, stop - existing);
            lines.Insert(existing, entry);
            return Normalize(lines, newline);
        }

        var last = sectionEnd;
        while (last > section + 1 && lines[last - 1].Length == 0)
        {
            last--;
        }

        lines.Insert(last, entry);
        return Normalize(lines, newline);
    }

    // Removes the unreleased entry of an update from `to` to `from` (this update undoes it), with the section heading
    // when it was the section's only entry, as Apply inserted them; false when there is no such entry.
    private static bool Undo(List<string> lines, string from, string to)
    {
        var unreleased = lines.FindIndex(l => l.TrimEnd() == Unreleased);
        if (unreleased < 0)
        {
            return false;
        }

        var (_, section, sectionEnd) = BreakingSection(lines, unreleased);
        if (section < 0 || FindEntry(lines, section, sectionEnd, $"{EntryStart(from)}(from {to},") is not var (entry, stop))
        {
            return false;
        }

        lines.RemoveRange(entry, stop - entry);
        sectionEnd -= stop - entry;
        if (lines.Skip(section + 1).Take(sectionEnd - section - 1).All(l => l.Length == 0))
        {
            // The section held only that entry: remove it as Apply added it (a blank line, the heading, a blank line).
            var first = section > 0 && lines[section - 1].Length == 0 ? section - 1 : section;
            lines.RemoveRange(first, Math.Min(section + 2, sectionEnd) - first);
        }

        return true;
    }

    // Where [Unreleased] (at line `unreleased`) ends, and its "### Changed (breaking)" heading with the line its section
    // ends at; Section is -1 when [Unreleased] has no such heading.
    private static (int UnreleasedEnd, int Section, int SectionEnd) BreakingSection(List<string> lines, int unreleased)
    {
        var end = lines.FindIndex(unreleased + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        end = end < 0 ? lines.Count : end;
        var section = lines.FindIndex(unreleased + 1, end - unreleased - 1, l => l.TrimEnd() == Section);
        if (section < 0)
        {
            return (end, -1, -1);
        }

        var sectionEnd = lines.FindIndex(section + 1, l => l.StartsWith("#", StringComparison.Ordinal));
        return (end, section, sectionEnd < 0 ? lines.Count : sectionEnd);
    }

    // The entry of the section that starts with `start`: its first line and the line after its continuation lines.
    private static (int Start, int Stop)? FindEntry(List<string> lines, int section, int sectionEnd, string start)
    {
        var entry = lines.FindIndex(section + 1, sectionEnd - section - 1, l => l.StartsWith(start, StringComparison.Ordinal));
        if (entry < 0)
        {
            return null;
        }

        var stop = entry + 1;
        while (stop < sectionEnd && lines[stop].StartsWith("  ", StringComparison.Ordinal))
        {
            stop++;
        }

        return (entry, stop);
    }

    /// <summary>One bullet: removed operations, removed and retyped fields, new required inputs, removed public API.</summary>
    public static string Entry(UpdateReport report)
    {
        var parts = new List<string>();
        var spec = report.Spec;
        if (spec.Removed.Count > 0)
        {
            parts.Add("Removed operations: " + Join(spec.Removed.Select(o => $"`{o.OperationId}`")));
        }

        foreach (var group in spec.BreakingFields.GroupBy(f => f.Kind).OrderBy(g => g.Key == FieldChangeKind.Added).ThenBy(g => g.Key))
        {
            var label = group.Key switch
            {
                FieldChangeKind.Removed => "Removed fields",
                FieldChangeKind.Retyped => "Retyped fields",
                FieldChangeKind.NowRequired => "Inputs now required",
                _ => "New required inputs",
            };
            var items = group.GroupBy(f => f.OperationId, StringComparer.Ordinal)
                .Select(op => $"`{op.Key}` " + Join(op.Select(f => f.Kind == FieldChangeKind.Retyped
                    ? $"{ReportWriter.Field(f.Field)} ({f.Before?.Type} → {f.After?.Type})"
                    : ReportWriter.Field(f.Field))));
            parts.Add(label + ": " + string.Join("; ", items));
        }

        if (report.ApiRemoved > 0)
        {
            var (types, members) = RemovedApi(report.Api!);
            var removedApi = new StringBuilder($"Public API removed ({UpdateReport.Count(report.ApiRemoved, "baseline line")})");
            if (types.Count > 0)
            {
                removedApi.Append(": types ").Append(Join(types.Select(t => $"`{t}`")));
            }

            if (members.Count > 0)
            {
                removedApi.Append(types.Count > 0 ? "; members " : ": members ").Append(Join(members.Select(m => $"`{m}`")));
            }

            parts.Add(removedApi.ToString());
        }

        return $"{EntryStart(report.To)}(from {report.From ?? "none"}, `dotnet cake --target=UpdateSpec`): " + string.Join(". ", parts) + ".";
    }

    // Whole types once; members (overloads once) only when their type stays.
    internal static (List<string> Types, List<string> Members) RemovedApi(IReadOnlyList<ApiScopeChange> api)
    {
        var removed = api.SelectMany(s => s.Removed).Select(Symbol).Distinct(StringComparer.Ordinal).ToList();
        var types = removed.Where(r => !r.Contains(" -> ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var members = removed.Where(r => !types.Contains(r))
            .Select(Member)
            .Where(m => !types.Any(t => m.StartsWith(t + ".", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (types.Order(StringComparer.Ordinal).ToList(), members);
    }

    // "Neon.Api.C.M(int a, string b) -> T" reads "Neon.Api.C.M(...)"; "Neon.Api.C.P.get -> T" reads "Neon.Api.C.P.get".
    private static string Member(string symbol)
    {
        var name = symbol.Split(" -> ")[0];
        var open = name.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? name : name[..open] + "(...)";
    }

    // Drops the modifiers the analyzer writes before a symbol ("static ", "override ", "virtual ", "abstract ", "const ").
    private static string Symbol(string line)
    {
        var modifiers = new[] { "static ", "readonly ", "override ", "virtual ", "abstract ", "const ", "sealed " };
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var modifier in modifiers.Where(m => line.StartsWith(m, StringComparison.Ordinal)))
            {
                line = line[modifier.Length..];
                changed = true;
            }
        }

        return line;
    }

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);

    private static string Normalize(List<string> lines, string newline) => string.Join(newline, lines);
}
