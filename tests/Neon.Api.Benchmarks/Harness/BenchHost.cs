using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Neon.Api.Benchmarks.Scenarios;
using Neon.Api.Benchmarks.Server;

namespace Neon.Api.Benchmarks.Harness;

/// <summary>
/// The benchmark program's main mode: starts the loopback server in this process, runs the BenchmarkDotNet
/// scenarios (each in its own child process, pointed at the server), then the cold-start measurement, and writes one
/// Markdown report (optionally into the README block).
/// </summary>
/// <remarks>
/// Options (all optional; anything else goes to BenchmarkDotNet, e.g. <c>--artifacts</c>):
/// <c>--filter GLOB</c> (default <c>*</c>), <c>--short</c> (ShortRun: 3 warm-ups, 3 iterations) or <c>--dry</c> (one
/// invocation, a smoke test), <c>--cold-start-runs N</c> (default 30), <c>--no-cold-start</c>, <c>--no-benchmarks</c>,
/// <c>--r2r DLL</c> (also cold-start a ReadyToRun publish of this program), <c>--report FILE</c>,
/// <c>--update-readme FILE</c> (replace its results block).
/// </remarks>
public static class BenchHost
{
    private static readonly Type[] ScenarioTypes = [typeof(GetProject), typeof(ListProjects), typeof(CreateBranch), typeof(CreateBranchQueued)];

    /// <summary>Runs everything the options ask for; the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Queue<string>(args);
        var passThrough = new List<string>();
        string filter = "*";
        string jobName = "default";
        int coldStartRuns = 30;
        bool benchmarks = true;
        bool coldStart = true;
        string? r2rDll = null;
        string? reportPath = null;
        string? readmePath = null;
        string artifacts = "BenchmarkDotNet.Artifacts";
        while (options.Count > 0)
        {
            string option = options.Dequeue();
            switch (option)
            {
                case "--filter": filter = Value(options, option); break;
                case "--short": jobName = "short"; break;
                case "--dry": jobName = "dry"; break;
                case "--cold-start-runs": coldStartRuns = int.Parse(Value(options, option), CultureInfo.InvariantCulture); break;
                case "--no-cold-start": coldStart = false; break;
                case "--no-benchmarks": benchmarks = false; break;
                case "--r2r": r2rDll = Path.GetFullPath(Value(options, option)); break;
                case "--report": reportPath = Value(options, option); break;
                case "--update-readme": readmePath = Value(options, option); break;
                case "--artifacts":
                    artifacts = Value(options, option);
                    passThrough.Add(option);
                    passThrough.Add(artifacts);
                    break;
                default: passThrough.Add(option); break;
            }
        }

        if (r2rDll is not null && !File.Exists(r2rDll))
        {
            await Console.Error.WriteLineAsync($"The ReadyToRun build {r2rDll} does not exist; publish it first (see README.md).");
            return 2;
        }

        await using LoopbackNeonServer server = await LoopbackNeonServer.StartAsync();
        Console.WriteLine($"Benchmark server listening on {server.Root}");

        // The scenarios' child processes inherit this and send to this server, so its work is not counted in theirs.
        Environment.SetEnvironmentVariable(ScenarioBase.ServerVariable, server.Root.ToString());

        string loadBefore = LoadAverage();
        var results = new List<ScenarioResult>();
        Job job = CreateJob(jobName);
        if (benchmarks)
        {
            IConfig config = ManualConfig.Create(DefaultConfig.Instance)
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .WithOptions(ConfigOptions.DisableOptimizationsValidator);
            IEnumerable<Summary> summaries = BenchmarkSwitcher.FromTypes(ScenarioTypes).Run(["--filter", filter, .. passThrough], config);
            results.AddRange(ResultsReport.Collect(summaries));
        }

        var coldStartResults = new List<ColdStartResult>();
        if (coldStart && coldStartRuns > 0)
        {
            var builds = new List<(string, string)> { ("JIT", typeof(BenchHost).Assembly.Location) };
            if (r2rDll is not null)
            {
                builds.Add(("ReadyToRun", r2rDll));
            }

            Console.WriteLine($"Cold start: {coldStartRuns} runs of {ColdCall.ClientNames.Length} clients x {builds.Count} build(s)");
            coldStartResults.AddRange(await ColdStart.RunAsync(builds, server.Root, coldStartRuns));
        }

        string block = ResultsReport.Render(results, coldStartResults, Context(benchmarks ? jobName : null, loadBefore, LoadAverage()));
        reportPath ??= Path.Combine(artifacts, "neon-benchmarks.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
        await File.WriteAllTextAsync(reportPath, block);
        Console.WriteLine();
        Console.WriteLine(block);
        Console.WriteLine($"Report written to {Path.GetFullPath(reportPath)}");
        if (readmePath is not null)
        {
            await File.WriteAllTextAsync(readmePath, ResultsReport.ReplaceBlock(await File.ReadAllTextAsync(readmePath), block));
            Console.WriteLine($"Results block of {Path.GetFullPath(readmePath)} replaced");
        }

        return results.Any(r => r.MedianNs is null) ? 1 : 0;
    }

    private static Job CreateJob(string name) => name switch
    {
        "dry" => Job.Dry,
        "short" => Job.ShortRun,

        // The published figures: one process per benchmark, 5 warm-up and 30 measured iterations of about 500 ms
        // (BenchmarkDotNet picks the invocations per iteration): many samples, so that the median stays put when other
        // work on the shared machine takes the cores for a moment. About 25 s per benchmark.
        _ => Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(30).WithId("Neon"),
    };

    private static string Value(Queue<string> options, string option) =>
        options.Count > 0 ? options.Dequeue() : throw new ArgumentException($"{option} needs a value.");

    private static string Context(string? job, string loadBefore, string loadAfter)
    {
        string commit = Git("rev-parse --short HEAD");
        string branch = Git("rev-parse --abbrev-ref HEAD");
        string where = string.IsNullOrEmpty(commit) ? "" : $" at `{branch}` {commit}";
        string how = job is null ? "" : $", BenchmarkDotNet job `{job}`";
        return $"Measured {DateTime.UtcNow:yyyy-MM-dd}{where}{how}: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, "
            + $"{Environment.ProcessorCount} cores (shared with other work; 1-minute load average {loadBefore} before, {loadAfter} after), "
            + "server on 127.0.0.1 in the host process.";
    }

    /// <summary>The 1-minute load average (Linux), to judge how quiet the machine was; "?" elsewhere.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static string Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using Process? git = Process.Start(start);
            if (git is null)
            {
                return "";
            }

            string output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
