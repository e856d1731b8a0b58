using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.PackageTests.Infrastructure;

/// <summary>What a command printed (stdout and stderr, interleaved as they came) and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string StandardOutput);

/// <summary>Runs git and dotnet as a developer would, with an environment free of the test host's MSBuild settings.</summary>
internal static class Tool
{
    /// <summary>The longest any one command may take before it is stopped: a guard against a hung build, not a measurement.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(10);

    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan? limit = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may run under dotnet test's MSBuild; a nested build must find its own SDK and settings.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // No MSBuild node outlives the command (it would hold the output pipes open) and no first-run noise.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                    standardOutput.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit ?? DefaultLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Describe(fileName, arguments)} did not end within {limit ?? DefaultLimit}; its output so far:\n{Tail(output.ToString())}");
        }

        lock (output)
        {
            return new ToolResult(process.ExitCode, output.ToString(), standardOutput.ToString());
        }
    }

    /// <summary>Runs dotnet and fails the test, with the end of its output, unless it succeeds.</summary>
    public static async Task<ToolResult> DotNetAsync(
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan? limit = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var list = arguments.ToList();
        var started = Stopwatch.GetTimestamp();
        var result = await RunAsync("dotnet", list, workingDirectory, limit, environment);
        TestContext.Progress.WriteLine($"{Describe("dotnet", list.Take(2))}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
        Assert.That(result.ExitCode, Is.Zero, $"{Describe("dotnet", list)} failed:\n{Tail(result.Output)}");
        return result;
    }

    public static string Describe(string fileName, IEnumerable<string> arguments) =>
        fileName + " " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? "\"" + a + "\"" : a));

    /// <summary>The last lines of a long output, where a build says what went wrong.</summary>
    public static string Tail(string output, int lines = 120)
    {
        var all = output.ReplaceLineEndings("\n").Split('\n');
        return all.Length <= lines ? output : "...\n" + string.Join('\n', all[^lines..]);
    }
}
