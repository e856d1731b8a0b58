using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the expected files checked in under <c>Snapshots/{name}/</c>. Set
/// <c>NEON_UPDATE_SNAPSHOTS=1</c> to rewrite the expected files from the actual output instead. Both sides are
/// scrubbed before the comparison (and expected files are written scrubbed), so the generator's version in
/// <c>[GeneratedCode]</c> never makes a difference.
/// </summary>
internal static class SnapshotAssert
{
    public const string UpdateVariable = "NEON_UPDATE_SNAPSHOTS";

    /// <summary>What stands in for the generator's version in the <c>[GeneratedCode]</c> attributes of snapshots.</summary>
    public const string VersionPlaceholder = "{generator-version}";

    // [global::System.CodeDom.Compiler.GeneratedCode("Neon.Api.Generators", "0.1.0.0")]: only this generator's attribute.
    private static readonly Regex GeneratorVersion = new(
        @"(\bGeneratedCode\(""Neon\.Api\.Generators"", "")[^""]*(""\))",
        RegexOptions.CultureInvariant);

    public static void Match(string name, IReadOnlyDictionary<string, string> actualFiles)
    {
        var directory = Directory(name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            System.IO.Directory.CreateDirectory(directory);
            foreach (var (file, text) in actualFiles)
            {
                File.WriteAllText(Path.Combine(directory, file), Scrub(text));
            }

            Assert.Warn($"Snapshots '{name}' rewritten ({actualFiles.Count} files).");
            return;
        }

        var report = Compare(Expected(name), actualFiles);
        if (report.Length > 0)
        {
            Assert.Fail($"Snapshot '{name}' does not match; run with {UpdateVariable}=1 to accept the new output.\n{report}");
        }
    }

    /// <summary>The expected files of snapshot <paramref name="name"/>, by file name (none when the folder is missing).</summary>
    public static IReadOnlyDictionary<string, string> Expected(string name)
    {
        var directory = Directory(name);
        return System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>The differences between expected and actual files after scrubbing both, or an empty string when they match.</summary>
    public static string Compare(IReadOnlyDictionary<string, string> expectedFiles, IReadOnlyDictionary<string, string> actualFiles)
    {
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
            var diff = Diff(Scrub(expectedFiles[file]), Scrub(actualFiles[file]));
            if (diff.Length > 0)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- {file} differs (- expected, + actual):").Append(diff);
            }
        }

        return report.ToString();
    }

    /// <summary>Unix line ends, and <see cref="VersionPlaceholder"/> for the version in this generator's <c>[GeneratedCode]</c>.</summary>
    public static string Scrub(string text) =>
        GeneratorVersion.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "${1}" + VersionPlaceholder + "${2}");

    private static string Directory(string name) => Path.Combine(RepositoryPaths.TestProject, "Snapshots", name);

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
