using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using Neon.Api.Benchmarks.Server;

namespace Neon.Api.Benchmarks.Harness;

/// <summary>One measured (scenario, client) pair, read from a BenchmarkDotNet report.</summary>
public sealed record ScenarioResult(string Scenario, string Client, double? MedianNs, double? StdDevNs, long? AllocatedBytes, double? Gen2PerThousand);

/// <summary>
/// Turns BenchmarkDotNet's summaries and the cold-start medians into the Markdown tables of the README: ratios to the
/// raw NSwag client (and, for the listing, to the hand-written one) beside the absolute figures.
/// </summary>
public static class ResultsReport
{
    /// <summary>The README block this report replaces (everything between the two markers).</summary>
    public const string BeginMarker = "<!-- benchmark-results:begin -->";

    /// <summary>The end of the README block.</summary>
    public const string EndMarker = "<!-- benchmark-results:end -->";

    private static readonly (string Key, string Title)[] Scenarios =
    [
        ("GetProject", "Get one project"),
        ("ListProjects", "List 10,000 projects (25 pages of 400)"),
        ("CreateBranch", "Create a branch, NeonClient queue off"),
        ("CreateBranchQueued", "Create a branch, defaults (queue on: polls the previous create's 2 operations)"),
    ];

    /// <summary>Reads every report of the summaries.</summary>
    public static IReadOnlyList<ScenarioResult> Collect(IEnumerable<Summary> summaries) =>
        summaries.SelectMany(summary => summary.Reports).Select(report =>
        {
            var benchmark = report.BenchmarkCase;
            var stats = report.ResultStatistics;
            var gc = report.GcStats;
            double? gen2 = gc.TotalOperations > 0 ? gc.Gen2Collections * 1000.0 / gc.TotalOperations : null;
            return new ScenarioResult(benchmark.Descriptor.Type.Name, benchmark.Descriptor.WorkloadMethod.Name, stats?.Median, stats?.StandardDeviation, gc.GetBytesAllocatedPerOperation(benchmark), gen2);
        }).ToList();

    /// <summary>The Markdown block (without the markers).</summary>
    /// <param name="results">The BenchmarkDotNet results (may be empty).</param>
    /// <param name="coldStart">The cold-start medians (may be empty).</param>
    /// <param name="context">One line saying where and how it was measured.</param>
    public static string Render(IReadOnlyList<ScenarioResult> results, IReadOnlyList<ColdStartResult> coldStart, string context)
    {
        var text = new StringBuilder();
        text.AppendLine(context).AppendLine();
        if (results.Count > 0)
        {
            text.AppendLine("Time is the median of the measured iterations; allocation is per operation, all threads of the benchmark process")
                .AppendLine("(the server runs in another process); Gen2 is collections per 1,000 operations. Ratios are NeonClient (or the")
                .AppendLine("hand-written client) divided by the raw NSwag client: below 1 is better.")
                .AppendLine()
                .AppendLine("| Scenario | Client | Time | Time vs raw NSwag | Allocated | Alloc vs raw NSwag | Gen2 / 1k ops |")
                .AppendLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var (key, title) in Scenarios)
            {
                ScenarioResult? baseline = Find(results, key, "RawNSwag");
                foreach (string client in ColdCall.ClientNames)
                {
                    if (Find(results, key, client) is not { } row)
                    {
                        continue;
                    }

                    text.Append(CultureInfo.InvariantCulture, $"| {title} | {client} | {Time(row.MedianNs)} | {Ratio(row.MedianNs, baseline?.MedianNs)} | ")
                        .AppendLine(CultureInfo.InvariantCulture, $"{Bytes(row.AllocatedBytes)} | {Ratio(row.AllocatedBytes, baseline?.AllocatedBytes)} | {Number(row.Gen2PerThousand)} |");
                }
            }

            AppendListing(text, results);
        }

        if (coldStart.Count > 0)
        {
            int runs = coldStart.Max(r => r.Runs);
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Cold start: a fresh process making one `getProject` call against the loopback server, median of {runs} runs per row.")
                .AppendLine("\"First call\" is measured inside the process, from creating the HttpClient to the deserialized answer;")
                .AppendLine("\"process\" is the wall time of the whole `dotnet <dll> --cold-call` process (runtime start-up included).")
                .AppendLine()
                .AppendLine("| Build | Client | First call | vs raw NSwag | Process | vs raw NSwag |")
                .AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var build in coldStart.Select(r => r.Build).Distinct())
            {
                ColdStartResult? baseline = coldStart.FirstOrDefault(r => r.Build == build && r.Client == "RawNSwag");
                foreach (string client in ColdCall.ClientNames)
                {
                    if (coldStart.FirstOrDefault(r => r.Build == build && r.Client == client) is not { } row)
                    {
                        continue;
                    }

                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {build} | {client} | {row.FirstCallMs:0.0} ms | {Ratio(row.FirstCallMs, baseline?.FirstCallMs)} | {row.ProcessMs:0} ms | {Ratio(row.ProcessMs, baseline?.ProcessMs)} |");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Replaces the block between the markers of a README with <paramref name="block"/>.</summary>
    public static string ReplaceBlock(string readme, string block)
    {
        int begin = readme.IndexOf(BeginMarker, StringComparison.Ordinal);
        int end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"The README has no {BeginMarker} ... {EndMarker} block to replace.");
        }

        return string.Concat(readme.AsSpan(0, begin + BeginMarker.Length), "\n", block.Replace("\r\n", "\n", StringComparison.Ordinal), readme.AsSpan(end));
    }

    private static void AppendListing(StringBuilder text, IReadOnlyList<ScenarioResult> results)
    {
        ScenarioResult? hand = Find(results, "ListProjects", "HandWritten");
        ScenarioResult? raw = Find(results, "ListProjects", "RawNSwag");
        if (hand is null && raw is null)
        {
            return;
        }

        text.AppendLine()
            .AppendLine("Listing, per listed project and against the hand-written client:")
            .AppendLine()
            .AppendLine("| Client | Allocated per project | Time vs hand-written | Alloc vs hand-written | Time vs raw NSwag | Alloc vs raw NSwag |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (string client in ColdCall.ClientNames)
        {
            if (Find(results, "ListProjects", client) is not { } row)
            {
                continue;
            }

            double? perProject = row.AllocatedBytes / (double)BenchData.ProjectCount;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {client} | {(perProject is null ? "-" : perProject.Value.ToString("N0", CultureInfo.InvariantCulture) + " B")} | {Ratio(row.MedianNs, hand?.MedianNs)} | {Ratio(row.AllocatedBytes, hand?.AllocatedBytes)} | {Ratio(row.MedianNs, raw?.MedianNs)} | {Ratio(row.AllocatedBytes, raw?.AllocatedBytes)} |");
        }
    }

    private static ScenarioResult? Find(IReadOnlyList<ScenarioResult> results, string scenario, string client) =>
        results.FirstOrDefault(r => r.Scenario == scenario && r.Client == client);

    private static string Ratio(double? value, double? baseline) =>
        value is double v && baseline is double b && b > 0 ? (v / b).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(long? value, long? baseline) => Ratio((double?)value, baseline);

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "failed",
        >= 1_000_000 => (nanoseconds.Value / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        _ => (nanoseconds.Value / 1_000).ToString("0.0", CultureInfo.InvariantCulture) + " µs",
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "-",
        >= 1024 * 1024 => (bytes.Value / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Number(double? value) => value switch
    {
        null => "-",
        0 => "0",
        _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
