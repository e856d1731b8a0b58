using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.QuickStart;
using Neon.Api.Testing;

namespace Neon.Api.IntegrationTests;

/// <summary>
/// An emulator on a loopback port whose clock only moves when a test (or the operation waiter) advances it,
/// plus a client pointed at it. Nothing here depends on wall-clock time.
/// </summary>
internal sealed class LoopbackNeon : IAsyncDisposable
{
    public static readonly TimeSpan OperationDuration = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private LoopbackNeon(FakeNeon neon, ManualTimeProvider clock)
    {
        Neon = neon;
        Clock = clock;
        Client = CreateClient();
    }

    public FakeNeon Neon { get; }

    public ManualTimeProvider Clock { get; }

    public NeonClient Client { get; }

    public static async Task<LoopbackNeon> StartAsync(Action<FakeNeonOptions>? configure = null)
    {
        var clock = new ManualTimeProvider();
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

    /// <summary>Waiting whose delays move the emulator's clock (and the deadline's clock with it) instead of sleeping.</summary>
    public NeonWaitOptions WaitOptions(TimeSpan? timeout = null) => new()
    {
        InitialDelay = PollInterval,
        MaxDelay = PollInterval,
        Timeout = timeout ?? TimeSpan.FromMinutes(1),
        Delay = AdvanceClock,
        Clock = () => Clock.GetUtcNow() - DateTimeOffset.UnixEpoch,
    };

    /// <summary>
    /// A client of the emulator whose retry and queue delays move the emulator's clock instead of sleeping.
    /// <paramref name="configure"/> can turn retries or the project queue off to observe raw behaviour.
    /// </summary>
    public NeonClient CreateClient(Action<NeonClientOptions>? configure = null)
    {
        var options = new NeonClientOptions { BaseUri = Neon.BaseUri };
        options.Retry.Delay = AdvanceClock;
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

    private Task AdvanceClock(TimeSpan interval, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Clock.Advance(interval);
        return Task.CompletedTask;
    }
}
