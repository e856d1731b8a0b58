using System.Text.RegularExpressions;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>Says what could not be generated or built, from an MSBuild errors-only log.</summary>
internal static partial class BuildLog
{
    /// <summary>One line: how many errors in which projects, then the first distinct ones.</summary>
    public static string Summarize(IEnumerable<string> lines, string repository, int shown = 8)
    {
        var errors = new List<(string Project, string Message)>();
        foreach (var line in lines)
        {
            var match = ErrorLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var project = Path.GetFileNameWithoutExtension(match.Groups["project"].Value);
            var message = match.Groups["message"].Value.Trim();
            var root = repository.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            message = message.Replace(root, string.Empty, StringComparison.Ordinal);
            errors.Add((project.Length > 0 ? project : "build", message));
        }

        if (errors.Count == 0)
        {
            return "the build failed without reporting an error line (see the build output above)";
        }

        var distinct = errors.Distinct().ToList();
        var projects = distinct.Select(e => e.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var first = distinct.Take(shown).Select(e => $"{e.Project}: {e.Message}");
        var more = distinct.Count > shown ? $"; and {distinct.Count - shown} more" : string.Empty;
        return $"{distinct.Count} distinct errors in {string.Join(", ", projects)}: {string.Join("; ", first)}{more}";
    }

    // "path/File.cs(12,5): error CS0246: message [path/Project.csproj::TargetFramework=net8.0]", the project part optional.
    [GeneratedRegex(@"^(?<message>.*?\berror\b.*?)(\s+\[(?<project>[^\]:]+?)(::[^\]]*)?\])?\s*$")]
    private static partial Regex ErrorLine();
}
