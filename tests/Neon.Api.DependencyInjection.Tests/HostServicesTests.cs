using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Neon.Api.Testing;
using NUnit.Framework;

namespace Neon.Api.DependencyInjection.Tests;

/// <summary>What the client takes from the container (logging, clock), and stacked retry handlers.</summary>
public sealed class HostServicesTests
{
    [Test]
    public async Task Logging_and_the_clock_come_from_the_container()
    {
        var emulator = new FakeNeonOptions { ForceLockedMutations = 1, OperationDuration = TimeSpan.FromSeconds(30) };
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key)), HostHarness.Default, emulator);
        emulator.TimeProvider = harness.Time;
        await harness.Host.StartAsync();
        var neon = harness.Services.GetRequiredService<NeonClient>();

        await neon.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "logged" } })
            .WaitForOperationsAsync(neon);

        var records = harness.Logs.GetSnapshot();
        Assert.That(records.Where(r => r.Category == "Neon.Api" && r.Level == LogLevel.Information && r.Message.Contains("423", StringComparison.Ordinal)), Is.Not.Empty, "the 423 retry was logged through the host's ILoggerFactory");
        Assert.That(records.Select(r => r.Message), Has.None.Contains(HostHarness.Key));
        Assert.That(harness.Time.GetUtcNow() - harness.Time.Start, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)), "the retry and the operation wait ran on the container's TimeProvider");
    }

    [Test]
    public async Task Stacking_the_standard_resilience_handler_is_warned_about_at_start_and_multiplies_requests()
    {
        var stacked = await MeasureAsync(maxRetries: null, resilience: true);
        var handlerOnly = await MeasureAsync(maxRetries: 0, resilience: true);
        var clientOnly = await MeasureAsync(maxRetries: null, resilience: false);

        var report = $"one ListProjects against a server answering 503: client retries only {clientOnly.Requests} requests; " +
            $"AddStandardResilienceHandler() stacked on the client's retries {stacked.Requests}; the handler alone (Retry:MaxRetries = 0) {handlerOnly.Requests}.";
        TestContext.Progress.WriteLine(report);

        Assert.That(stacked.Warned, Is.True, "the stacking was reported when the host started, before any call");
        Assert.That(handlerOnly.Warned || clientOnly.Warned, Is.False, "nothing to report with one retrying layer");
        Assert.That(clientOnly.Requests, Is.EqualTo(NeonRetryOptions.DefaultMaxRetries + 1));
        Assert.That(stacked.Requests, Is.EqualTo(clientOnly.Requests * handlerOnly.Requests), "each of the client's attempts was retried again by the handler");
    }

    private static async Task<(int Requests, bool Warned)> MeasureAsync(int? maxRetries, bool resilience)
    {
        var emulator = new FakeNeonOptions { ServiceUnavailableRate = 1 };
        var settings = HostHarness.Settings(("Neon:ApiKey", HostHarness.Key));
        if (maxRetries is { } retries)
        {
            settings["Neon:Retry:MaxRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var harness = new HostHarness(settings, (builder, fake) =>
        {
            var http = builder.Services.AddNeonClient(builder.Configuration).ConfigurePrimaryHttpMessageHandler(fake.CreateHandler);
            if (resilience)
            {
                http.AddStandardResilienceHandler();
            }
        }, emulator);
        emulator.TimeProvider = harness.Time;
        await harness.Host.StartAsync();
        bool warned = harness.Logs.GetSnapshot().Any(r => r.Id.Name == "NeonStackedRetries" && r.Level == LogLevel.Warning && r.Message.Contains("Retry:MaxRetries", StringComparison.Ordinal));

        var neon = harness.Services.GetRequiredService<NeonClient>();
        await Assert.ThatAsync(() => neon.Project.ListProjectsAsync(), Throws.InstanceOf<NeonServerException>());
        return ((int)harness.Neon.Counters.RequestsReceived, warned);
    }
}
