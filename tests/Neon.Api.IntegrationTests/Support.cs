using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.QuickStart;
using Neon.Api.Testing;

namespace Neon.Api.IntegrationTests;

/// <summary>
/// An emulator on a loopback port and a client pointed at it, sharing one fast-forwarding clock: the client's waits
/// move the emulator's time, so operations finish without sleeping. Nothing here depends on wall-clock time.
/// </summary>
internal sealed class LoopbackNeon : IAsyncDisposable
{
    public static readonly TimeSpan OperationDuration = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private LoopbackNeon(FakeNeon neon, FastForwardTimeProvider clock)
    {
        Neon = neon;
        Clock = clock;
        Client = CreateClient();
    }

    public FakeNeon Neon { get; }

    public FastForwardTimeProvider Clock { get; }

    public NeonClient Client { get; }

    public static async Task<LoopbackNeon> StartAsync(Action<FakeNeonOptions>? configure = null)
    {
        var clock = new FastForwardTimeProvider();
        var options = new FakeNeonOptions { TimeProvider = clock, OperationDuration = OperationDuration };
        configure?.Invoke(options);
        return new LoopbackNeon(await FakeNeon.StartAsync(options), clock);
    }

    /// <summary>Quick-start options whose "pause" moves the emulator's clock instead of sleeping.</summary>
    public QuickStartOptions FlowOptions(int pageSize = 1) => new()
    {
        Wait = WaitOptions(),
        PageSize = pageSize,
        TimeProvider = Clock,
    };

    /// <summary>Waiting on the emulator's schedule; its delays move the shared clock (the client's) instead of sleeping.</summary>
    public static NeonWaitOptions WaitOptions(TimeSpan? timeout = null) => new()
    {
        InitialDelay = PollInterval,
        MaxDelay = PollInterval,
        Timeout = timeout ?? TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// A client of the emulator on the shared clock: its retry and queue delays move the emulator's time instead of sleeping.
    /// <paramref name="configure"/> can turn retries or the project queue off to observe raw behaviour.
    /// </summary>
    public NeonClient CreateClient(Action<NeonClientOptions>? configure = null)
    {
        var options = new NeonClientOptions { BaseUri = Neon.BaseUri };
        options.TimeProvider = Clock;
        configure?.Invoke(options);
        return new NeonClient(FakeNeon.DefaultApiKey, options);
    }

    public async Task<string> CreateProjectAsync(string name = "it")
    {
        var created = await Client.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = name } })
            .WaitForOperationsAsync(Client, WaitOptions());
        return created.Project.Id;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Neon.DisposeAsync();
    }
}
