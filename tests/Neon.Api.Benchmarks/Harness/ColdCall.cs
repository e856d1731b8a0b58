using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Neon.Api.Benchmarks.Clients;
using Neon.Api.Benchmarks.Server;

namespace Neon.Api.Benchmarks.Harness;

/// <summary>
/// The child side of the cold-start measurement (<c>--cold-call &lt;client&gt; &lt;server root&gt;</c>): a fresh process that
/// creates the transport and one client, makes one <c>getProject</c> call, prints how long that took and exits. It
/// touches nothing of BenchmarkDotNet or Kestrel, so the three clients start from the same point.
/// </summary>
public static class ColdCall
{
    /// <summary>The client names the cold-start mode knows, in report order.</summary>
    public static readonly string[] ClientNames = ["NeonClient", "RawNSwag", "HandWritten"];

    /// <summary>The prefix of the line the child prints.</summary>
    public const string ResultPrefix = "cold-call-ms=";

    /// <summary>Runs one call; 0 when it returned the expected project.</summary>
    public static async Task<int> RunAsync(string client, Uri serverRoot)
    {
        long start = Stopwatch.GetTimestamp();
        Uri apiBase = BenchData.ApiBase(serverRoot);
        string id = BenchData.BenchProjectId;
        using var http = BenchClients.CreateHttpClient();
        string answer;
        switch (client)
        {
            case "NeonClient":
                using (var neon = BenchClients.CreateNeonClient(http, apiBase))
                {
                    answer = (await neon.Project.GetProjectAsync(id)).Project.Id;
                }

                break;
            case "RawNSwag":
                answer = (await BenchClients.CreateRawClient(http, apiBase).GetProjectAsync(id)).Project.Id;
                break;
            case "HandWritten":
                answer = (await new HandWrittenNeonClient(http, apiBase, BenchData.ApiKey).GetProjectAsync(id)).Id;
                break;
            default:
                await Console.Error.WriteLineAsync($"unknown client '{client}'; expected one of {string.Join(", ", ClientNames)}");
                return 2;
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (answer != id)
        {
            await Console.Error.WriteLineAsync($"{client} returned project '{answer}', expected '{id}'");
            return 1;
        }

        Console.WriteLine(ResultPrefix + elapsed.ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }
}
