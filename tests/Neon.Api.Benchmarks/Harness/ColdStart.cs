using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Neon.Api.Benchmarks.Harness;

/// <summary>The medians of one (build, client) pair.</summary>
/// <param name="Build">"JIT" (the normal build) or "ReadyToRun".</param>
/// <param name="Client">NeonClient, RawNSwag or HandWritten.</param>
/// <param name="Runs">How many processes were measured.</param>
/// <param name="FirstCallMs">Median time, inside the child, from before creating the transport to the deserialized answer.</param>
/// <param name="ProcessMs">Median wall time of the whole child process, from start to exit, as the parent sees it.</param>
public sealed record ColdStartResult(string Build, string Client, int Runs, double FirstCallMs, double ProcessMs);

/// <summary>
/// The parent side of the cold-start measurement: spawns <c>dotnet &lt;dll&gt; --cold-call &lt;client&gt; &lt;root&gt;</c> once
/// per client and build to warm the file cache (not counted), then <c>runs</c> times each, interleaved (run 1 of every
/// pair, then run 2, ...) so that drift in the machine's load hits every pair alike; reports medians.
/// </summary>
public static class ColdStart
{
    /// <summary>Measures every client for every build given.</summary>
    /// <param name="builds">Build name to the entry assembly to run (the JIT build, optionally a ReadyToRun publish).</param>
    /// <param name="serverRoot">The running loopback server.</param>
    /// <param name="runs">Processes measured per pair (30 for the published figures).</param>
    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(IReadOnlyList<(string Build, string Dll)> builds, Uri serverRoot, int runs)
    {
        var samples = new Dictionary<(string, string), List<(double FirstCall, double Process)>>();
        foreach (var (build, dll) in builds)
        {
            foreach (string client in ColdCall.ClientNames)
            {
                samples[(build, client)] = [];
                await RunChildAsync(dll, client, serverRoot); // warm-up, not counted
            }
        }

        for (int run = 0; run < runs; run++)
        {
            foreach (var (build, dll) in builds)
            {
                foreach (string client in ColdCall.ClientNames)
                {
                    samples[(build, client)].Add(await RunChildAsync(dll, client, serverRoot));
                }
            }

            Console.Write(run + 1 == runs ? $"{run + 1}\n" : $"{run + 1} ");
        }

        return samples
            .Select(pair => new ColdStartResult(pair.Key.Item1, pair.Key.Item2, pair.Value.Count, Median(pair.Value.Select(s => s.FirstCall)), Median(pair.Value.Select(s => s.Process))))
            .ToList();
    }

    /// <summary>The median of a sample (mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static async Task<(double FirstCall, double Process)> RunChildAsync(string dll, string client, Uri serverRoot)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--cold-call");
        start.ArgumentList.Add(client);
        start.ArgumentList.Add(serverRoot.ToString());

        long started = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The cold-start child for {client} did not exit within a minute.");
        }

        double wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        string stdout = await output;
        string? line = stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(ColdCall.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The cold-start child for {client} ({dll}) failed with exit code {process.ExitCode}: {stdout} {await error}");
        }

        return (double.Parse(line.AsSpan(ColdCall.ResultPrefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture), wall);
    }
}
