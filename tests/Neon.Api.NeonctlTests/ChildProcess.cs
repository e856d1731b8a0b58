using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.NeonctlTests;

/// <summary>What a finished child process printed and returned.</summary>
/// <param name="Command">The command as shown in messages (never carries a secret).</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
internal sealed record ChildProcessResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>The longest stretch of each stream a message quotes.</summary>
    private const int QuotedLength = 4000;

    /// <summary>The command, its exit code and both streams (their ends, when long): for assertion messages.</summary>
    public string Describe() =>
        $"`{Command}` exited with code {ExitCode}\n--- stderr ---\n{Tail(Error)}\n--- stdout ---\n{Tail(Output)}";

    private static string Tail(string text) =>
        text.Length <= QuotedLength ? text.TrimEnd() : "..." + text[^QuotedLength..].TrimEnd();
}

/// <summary>Runs a program to its end with no standard input, capturing both output streams.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>. A process still running after
    /// <paramref name="safetyTimeout"/> is killed with its children and reported: the limit only keeps a hung
    /// program from hanging the run, and no assertion depends on how long anything takes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The program could not be started (not installed, not on PATH).</exception>
    /// <exception cref="TimeoutException">The process did not end within the safety timeout.</exception>
    public static async Task<ChildProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string displayCommand,
        string workingDirectory,
        TimeSpan safetyTimeout,
        Action<IDictionary<string, string?>>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        environment?.Invoke(start.Environment);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started ({e.Message}): is it installed and on PATH?", e);
        }

        using (process)
        {
            // No input: a program that would prompt reads end-of-file instead of waiting for a person.
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var safety = new CancellationTokenSource(safetyTimeout);
            try
            {
                await process.WaitForExitAsync(safety.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                var partial = new ChildProcessResult(displayCommand, -1, await output, await error);
                throw new TimeoutException($"`{displayCommand}` was still running after {safetyTimeout} and was killed\n{partial.Describe()}");
            }

            return new ChildProcessResult(displayCommand, process.ExitCode, await output, await error);
        }
    }
}
