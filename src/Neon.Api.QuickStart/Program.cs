// The Neon .NET client quick start: `dotnet run --project src/Neon.Api.QuickStart`.
//
// With NEON_API_KEY set it talks to the real Neon API (and creates, then deletes, a real project).
// Without it, it starts the in-process Neon emulator from Neon.Api.Testing on a loopback port.
// With --postgres (or NEON_QUICKSTART_POSTGRES=1) it also runs a SQL query through the connection URI it gets: on the
// emulator that needs PostgreSQL's programs installed (the emulator then runs a real PostgreSQL per branch); when they
// are missing it says how to install them and exits with code 2.

using System;
using System.Threading;
using Neon.Api;
using Neon.Api.QuickStart;
using Neon.Api.Operations;
using Neon.Api.Testing;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

FakeNeon? emulator = null;
try
{
    var apiKey = Environment.GetEnvironmentVariable(NeonClient.ApiKeyVariable);
    var clientOptions = new NeonClientOptions { ApplicationName = "neon-dotnet-quickstart/0.1" };
    var flowOptions = new QuickStartOptions();
    var postgres = PostgresQuery.Requested(args, Environment.GetEnvironmentVariable);
    Func<string, CancellationToken, System.Threading.Tasks.Task>? useConnection =
        postgres ? (uri, token) => PostgresQuery.RunAsync(uri, Console.Out, token) : null;

    if (string.IsNullOrWhiteSpace(apiKey))
    {
        if (postgres && FakeNeonPostgresOptions.LocateBinDirectory() is null)
        {
            Console.Error.WriteLine($"quickstart: {PostgresQuery.Switch} needs PostgreSQL on this machine. {FakeNeonPostgresOptions.InstallHint}");
            Console.Error.WriteLine("quickstart: without the switch the quick start runs on the in-memory emulator and needs nothing else.");
            return 2;
        }

        emulator = await FakeNeon.StartAsync(new FakeNeonOptions
        {
            OperationDuration = TimeSpan.FromMilliseconds(200),
            Postgres = postgres ? new FakeNeonPostgresOptions() : null,
        });
        apiKey = FakeNeon.DefaultApiKey;
        clientOptions.BaseUri = emulator.BaseUri;
        flowOptions = new QuickStartOptions
        {
            Wait = new NeonWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(30) },
            UseConnection = useConnection,
        };
        Console.WriteLine($"{NeonClient.ApiKeyVariable} is not set: using the in-process Neon emulator at {emulator.BaseUri}");
    }
    else
    {
        Console.WriteLine($"Using the Neon API at {clientOptions.BaseUri} (API key from {NeonClient.ApiKeyVariable})");
        flowOptions = new QuickStartOptions { UseConnection = useConnection };
    }

    if (postgres)
    {
        Console.WriteLine(emulator is null
            ? "PostgreSQL mode: the quick start runs a SQL query through the connection URI Neon returns."
            : "PostgreSQL mode: the emulator runs a real PostgreSQL per branch; the quick start runs a SQL query through the URI it returns.");
    }

    using var neon = new NeonClient(apiKey, clientOptions);
    await new QuickStartFlow(neon, Console.Out, flowOptions).RunAsync(cancellation.Token);

    Console.WriteLine("Quick start finished.");
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("quickstart: cancelled");
    return 130;
}
catch (Exception exception)
{
    Console.Error.WriteLine($"quickstart failed: {exception.Message.ReplaceLineEndings(" ")}");
    return 1;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
