using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the expected files checked in under <c>Snapshots/{name}/</c>. Set
/// <c>NEON_UPDATE_SNAPSHOTS=1</c> to rewrite the expected files from the actual output instead.
/// </summary>
internal static class SnapshotAssert
{
    public const string UpdateVariable = "NEON_UPDATE_SNAPSHOTS";

    public static void Match(string name, IReadOnlyDictionary<string, string> actualFiles)
    {
        var directory = Path.Combine(RepositoryPaths.TestProject, "Snapshots", name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (file, text) in actualFiles)
            {
                File.WriteAllText(Path.Combine(directory, file), Normalize(text));
            }

            Assert.Warn($"Snapshots '{name}' rewritten ({actualFiles.Count} files).");
            return;
        }

        var expectedFiles = Directory.Exists(directory)
            ? Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var missing in expectedFiles.Keys.Except(actualFiles.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- expected file not generated: {missing}");
        }

        foreach (var extra in actualFiles.Keys.Except(expectedFiles.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- generated file not expected: {extra}");
        }

        foreach (var file in actualFiles.Keys.Intersect(expectedFiles.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            var diff = Diff(Normalize(expectedFiles[file]), Normalize(actualFiles[file]));
            if (diff.Length > 0)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- {file} differs (- expected, + actual):").Append(diff);
            }
        }

        if (report.Length > 0)
        {
            Assert.Fail($"Snapshot '{name}' does not match; run with {UpdateVariable}=1 to accept the new output.\n{report}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A line diff (longest common subsequence), showing changed lines with two lines of context.</summary>
    internal static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', x + 1, a[x]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', y + 1, b[y]));
                y++;
            }
            else
            {
                lines.Add(('-', x + 1, a[x]));
                x++;
            }
        }

        var output = new StringBuilder();
        for (var k = 0; k < lines.Count; k++)
        {
            var near = Enumerable.Range(Math.Max(0, k - 2), Math.Min(lines.Count, k + 3) - Math.Max(0, k - 2)).Any(n => lines[n].Kind != ' ');
            if (near)
            {
                output.AppendLine(CultureInfo.InvariantCulture, $"  {lines[k].Kind} {lines[k].Line,5}: {lines[k].Text}");
            }
        }

        return output.ToString();
    }
}
