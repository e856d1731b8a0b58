using System.Diagnostics;

namespace Neon.Api.SpecUpdate;

/// <summary>What a program printed and how it ended.</summary>
/// <param name="ExitCode">The exit code (meaningless when <paramref name="TimedOut"/>).</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="TimedOut">True when it ran past its timeout and was stopped.</param>
internal sealed record ChildProcessResult(int ExitCode, string Output, string Error, bool TimedOut);

/// <summary>Runs the programs the update needs (npm, git, a failed build command), reading both streams to the end.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and waits for it (or for <paramref name="timeout"/>).</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started (not installed, not on the PATH).</exception>
    public static ChildProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new System.ComponentModel.Win32Exception($"{fileName} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        var exited = timeout is { } limit ? process.WaitForExit(limit) : WaitForever(process);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return new ChildProcessResult(exited ? process.ExitCode : -1, output.Result, error.Result, !exited);
    }

    private static bool WaitForever(Process process)
    {
        process.WaitForExit();
        return true;
    }
}
