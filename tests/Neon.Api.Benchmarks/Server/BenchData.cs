using System;
using System.Globalization;

namespace Neon.Api.Benchmarks.Server;

/// <summary>The fixed data set the loopback server serves and the benchmarks ask for.</summary>
public static class BenchData
{
    /// <summary>The API key every client sends (the server checks that a bearer token is present).</summary>
    public const string ApiKey = "napi_benchmark_key";

    /// <summary>How many projects the account has.</summary>
    public const int ProjectCount = 10_000;

    /// <summary>The page size the listing scenario asks for (the API's maximum).</summary>
    public const int PageSize = 400;

    /// <summary>The path prefix of the API, as on console.neon.tech.</summary>
    public const string ApiPrefix = "/api/v2/";

    /// <summary>The project the single-project and branch scenarios use.</summary>
    public static readonly string BenchProjectId = ProjectId(0);

    /// <summary>The ids of the operations a branch creation starts (create_timeline, start_compute).</summary>
    public static readonly string[] OperationIds = ["a07f8772-1877-4da9-a939-3a3ae62d1d8d", "d8ac46eb-a757-42b1-9907-f78322ee394e"];

    /// <summary>A fixed instant, so every body is the same on every run.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The id of project number <paramref name="index"/>; ids sort in index order, as cursors need.</summary>
    public static string ProjectId(int index) => "bench-wind-" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The API base URL for a server root such as <c>http://127.0.0.1:5123/</c>.</summary>
    public static Uri ApiBase(Uri serverRoot) => new(serverRoot, ApiPrefix);
}
