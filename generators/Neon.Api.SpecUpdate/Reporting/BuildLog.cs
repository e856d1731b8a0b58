using System.Text.RegularExpressions;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>What could not be generated or built: the failing projects and their distinct errors.</summary>
/// <param name="Projects">The projects with errors, by name.</param>
/// <param name="Errors">"Project: message" lines, repository paths made relative.</param>
/// <param name="FailedCommands">The commands MSBuild ran that failed (MSB3073), as logged: generation steps.</param>
internal sealed record BuildFailure(IReadOnlyList<string> Projects, IReadOnlyList<string> Errors, IReadOnlyList<string> FailedCommands)
{
    /// <summary>What the first failed command printed (its last lines, stack frames left out), when it was run again.</summary>
    public IReadOnlyList<string> CommandOutput { get; init; } = [];

    /// <summary>One line: how many errors in which projects.</summary>
    public string Summary => Errors.Count == 0
        ? "the build failed without an error line in its log (see the build output)"
        : $"{UpdateReport.Count(Errors.Count, "error")} in {string.Join(", ", Projects)}";
}

/// <summary>Reads an MSBuild errors-only log (<c>-flp:errorsonly</c>).</summary>
internal static partial class BuildLog
{
    /// <summary>The failure the log describes.</summary>
    public static BuildFailure Read(IEnumerable<string> lines, string repository)
    {
        var root = repository.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        var errors = new List<(string Project, string Message)>();
        var commands = new List<string>();
        foreach (var line in lines)
        {
            var match = ErrorLine().Match(line);
            if (match.Success)
            {
                if (FailedCommand().Match(match.Groups["message"].Value) is { Success: true } command && !commands.Contains(command.Groups[1].Value))
                {
                    commands.Add(command.Groups[1].Value);
                }

                var project = Path.GetFileNameWithoutExtension(match.Groups["project"].Value);
                var message = match.Groups["message"].Value.Trim().Replace(root, string.Empty, StringComparison.Ordinal);
                errors.Add((project.Length > 0 ? project : "build", message));
            }
        }

        var distinct = errors.Distinct().ToList();
        return new BuildFailure(
            distinct.Select(e => e.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            distinct.Select(e => $"{e.Project}: {e.Message}").ToList(),
            commands);
    }

    // "4>path/File.cs(12,5): error CS0246: message [path/Project.csproj::TargetFramework=net8.0]": the node prefix
    // and the project part are optional.
    [GeneratedRegex(@"^\s*(\d+(:\d+)?>)?(?<message>.*?\berror\b.*?)(\s+\[(?<project>[^\]:]+?)(::[^\]]*)?\])?\s*$")]
    private static partial Regex ErrorLine();

    // MSBuild's Exec task: error MSB3073: The command "..." exited with code N.
    [GeneratedRegex(@"error MSB3073: The command ""(.*)"" exited with code -?\d+")]
    private static partial Regex FailedCommand();
}
