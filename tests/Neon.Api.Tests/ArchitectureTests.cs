using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary>The runtime's shape: folders match namespaces, no two folders depend on each other, files stay small.</summary>
public partial class ArchitectureTests
{
    private static readonly string[] CodeRoots = ["src", "generators", "tests"];

    private static string Runtime => Path.Combine(TestSupport.RepositoryRoot, "src", "Neon.Api");

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Test]
    public void Folders_match_namespaces()
    {
        var wrong = SourceFiles(Runtime)
            .Select(f => (File: Path.GetRelativePath(Runtime, f), Namespace: NamespaceRegex().Match(File.ReadAllText(f)).Groups[1].Value))
            .Where(f => f.Namespace != "Neon.Api" + string.Concat(Path.GetDirectoryName(f.File)!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Select(p => "." + p)))
            .Where(f => !f.File.StartsWith("Templates", StringComparison.Ordinal))
            .Select(f => $"{f.File}: {f.Namespace}")
            .ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void No_two_top_level_folders_depend_on_each_other()
    {
        var folders = Directory.GetDirectories(Runtime).Select(Path.GetFileName).Where(d => d is not ("obj" or "bin" or "Templates")).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var uses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in SourceFiles(Path.Combine(Runtime, folder!)))
            {
                foreach (Match match in ReferenceRegex().Matches(File.ReadAllText(file)))
                {
                    var target = match.Groups[1].Value;
                    if (folders.Contains(target) && target != folder)
                    {
                        uses.Add(target);
                    }
                }
            }

            edges[folder!] = uses;
        }

        var cycles = edges.SelectMany(e => e.Value.Where(t => Reaches(edges, t, e.Key, [])).Select(t => $"{e.Key} -> {t} -> ... -> {e.Key}")).ToList();
        Assert.That(edges.Values.Sum(v => v.Count), Is.GreaterThan(3), "the scan sees the folders' references");
        Assert.That(cycles, Is.Empty);
    }

    [Test]
    public void No_hand_written_file_is_much_over_400_lines()
    {
        var roots = CodeRoots.Select(r => Path.Combine(TestSupport.RepositoryRoot, r));
        var large = roots.SelectMany(SourceFiles)
            .Select(f => (File: Path.GetRelativePath(TestSupport.RepositoryRoot, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 420)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();

        Assert.That(large, Is.Empty);
    }

    /// <summary>
    /// One clock: every wait, deadline, elapsed time and random sample of the runtime comes from the client's
    /// <see cref="TimeProvider"/> (through <c>Core/Timing.cs</c>), so a fake clock drives all of them.
    /// </summary>
    [Test]
    public void The_runtime_reads_time_only_through_its_TimeProvider()
    {
        var forbidden = ClockRegex();
        var uses = SourceFiles(Runtime)
            .Where(f => !f.EndsWith(Path.Combine("Core", "Timing.cs"), StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Runtime, f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && forbidden.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(uses, Is.Empty);
        Assert.That(forbidden.IsMatch("await Task.Delay(delay, token);") && forbidden.IsMatch("var now = DateTimeOffset.UtcNow;"), "the rule sees a raw delay and a raw clock read");
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> edges, string from, string to, HashSet<string> seen)
    {
        if (from == to)
        {
            return true;
        }

        return seen.Add(from) && edges.TryGetValue(from, out var next) && next.Any(n => Reaches(edges, n, to, seen));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceRegex();

    [GeneratedRegex(@"\bTask\.Delay\(|\bStopwatch\b|\bDateTime(Offset)?\.(Utc)?Now\b|\bEnvironment\.TickCount|new Random\(\)|(?<!Timing)\.CancelAfter\(|new CancellationTokenSource\(\w")]
    private static partial Regex ClockRegex();

    [GeneratedRegex(@"Neon\.Api\.([A-Z]\w+)")]
    private static partial Regex ReferenceRegex();
}
