using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Neon.Api.Reliability.Tests;

/// <summary>The README's OpenTelemetry lines ("Telemetry"), compiled and run: they export the client's spans and metrics.</summary>
[NonParallelizable]
public class TelemetryReadmeExampleTests
{
    [Test]
    public async Task The_readme_lines_export_the_clients_spans_and_metrics_with_OpenTelemetry()
    {
        var spans = new List<Activity>();
        var exported = new List<Metric>();
        var services = new ServiceCollection();

        // --- README: Telemetry ---
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(NeonTelemetry.SourceName, "System.Net.Http"))
            .WithMetrics(metrics => metrics.AddMeter(NeonTelemetry.MeterName, "System.Net.Http"));
        // --- end ---

        // The exporters a user would choose (OTLP, console, ...): in memory here.
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(exported));
        await using (var provider = services.BuildServiceProvider())
        {
            var tracerProvider = provider.GetRequiredService<TracerProvider>();
            var meterProvider = provider.GetRequiredService<MeterProvider>();
            await using var server = new LoopbackServer(_ => Reply.Json(200, "{\"project\":{\"id\":\"p1\"}}"));
            using (var neon = new NeonClient(SenderHarness.ApiKey, new NeonClientOptions { BaseUri = server.BaseAddress }))
            {
                await neon.Project.GetProjectAsync("p1");
            }

            Assert.That(tracerProvider.ForceFlush(), Is.True);
            Assert.That(meterProvider.ForceFlush(), Is.True);
        }

        var call = spans.Single(span => span.Source.Name == NeonTelemetry.SourceName);
        Assert.Multiple(() =>
        {
            Assert.That(call.DisplayName, Is.EqualTo("getProject"));
            Assert.That(call.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(spans.Single(span => span.Source.Name == "System.Net.Http").ParentSpanId, Is.EqualTo(call.SpanId));
            Assert.That(exported.Select(metric => metric.Name), Does.Contain(NeonTelemetry.OperationDurationMetric).And.Contain("http.client.request.duration"));
        });
    }
}
