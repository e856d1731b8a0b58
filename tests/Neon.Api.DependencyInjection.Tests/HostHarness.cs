using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Neon.Api.Testing;

namespace Neon.Api.DependencyInjection.Tests;

/// <summary>A generic host with in-memory configuration, fake logging and a fast-forwarding clock, whose Neon clients reach an in-process emulator.</summary>
internal sealed class HostHarness : IAsyncDisposable
{
    public const string Key = "napi_DI_TEST_k3y_0123456789abcdefghijklmnopqrs";

    public HostHarness(Dictionary<string, string?> settings, Action<HostApplicationBuilder, FakeNeon> register, FakeNeonOptions? emulator = null)
    {
        Time = new FastForwardTimeProvider();
        Neon = new FakeNeon(emulator ?? new FakeNeonOptions { TimeProvider = Time, OperationDuration = TimeSpan.FromSeconds(30) });
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFakeLogging();
        builder.Services.AddSingleton<TimeProvider>(Time);
        register(builder, Neon);
        Host = builder.Build();
    }

    public FastForwardTimeProvider Time { get; }

    public FakeNeon Neon { get; }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] pairs)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The usual registration: the "Neon" section, over the emulator.</summary>
    public static void Default(HostApplicationBuilder builder, FakeNeon neon) =>
        builder.Services.AddNeonClient(builder.Configuration).ConfigurePrimaryHttpMessageHandler(neon.CreateHandler);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Neon.DisposeAsync();
    }
}
