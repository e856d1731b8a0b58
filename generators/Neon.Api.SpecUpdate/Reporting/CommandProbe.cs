namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>
/// Runs a failed generation command again to show why it failed: MSBuild logs only that NSwag or the normalizer
/// "exited with code 255", while the reason is in the command's own output, which the build keeps quiet.
/// </summary>
internal static class CommandProbe
{
    private const int MaxLines = 12;

    /// <summary>The last lines the command prints (stack frames and blank lines left out); empty when it cannot run.</summary>
    public static IReadOnlyList<string> Run(string command, string workingDirectory, TimeSpan timeout)
    {
        try
        {
            var result = OperatingSystem.IsWindows()
                ? ChildProcess.Run("cmd.exe", ["/d", "/c", command], workingDirectory, timeout)
                : ChildProcess.Run("/bin/sh", ["-c", command], workingDirectory, timeout);
            return result.TimedOut
                ? [$"(still running after {timeout.TotalSeconds:0} s; stopped)"]
                : Tail(result.Output + "\n" + result.Error);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }

    /// <summary>The meaningful end of a command's output.</summary>
    internal static IReadOnlyList<string> Tail(string output) => output
        .Split('\n')
        .Select(line => line.TrimEnd('\r'))
        .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
        .TakeLast(MaxLines)
        .ToList();
}
