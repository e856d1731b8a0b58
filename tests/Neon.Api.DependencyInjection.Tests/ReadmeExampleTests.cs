using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Neon.Api.Testing;
using NUnit.Framework;

namespace Neon.Api.DependencyInjection.Tests;

/// <summary>The README's dependency-injection example, compiled and run against the emulator.</summary>
public sealed class ReadmeExampleTests
{
    [Test]
    public async Task The_dependency_injection_example_runs()
    {
        string[] args = [];
        using var fake = new FakeNeon();
        var audit = new List<string>();
        AuditHandler.Seen = audit;

        // --- README: Dependency injection ---
        // appsettings.json: { "Neon": { "ApiKey": "napi_...", "Timeout": "00:01:00", "Retry": { "MaxRetries": 3 } } }
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Neon:ApiKey"] = HostHarness.Key,
            ["Neon:Timeout"] = "00:01:00",
            ["Neon:Retry:MaxRetries"] = "3",
            ["Billing:ApiKey"] = "napi_billing_k3y_0123456789abcdefghijklmnopqrstu",
        });
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(fake.CreateHandler));
        builder.Services.AddNeonClient(builder.Configuration)                 // the "Neon" section, checked when the host starts
            .AddHttpMessageHandler(() => new AuditHandler());                  // your handlers, as with any factory client
        builder.Services.AddNeonClient("billing", builder.Configuration.GetSection("Billing"));   // another key or organization
        using var host = builder.Build();
        await host.StartAsync();

        var neon = host.Services.GetRequiredService<NeonClient>();                  // or inject NeonClient
        var billing = host.Services.GetRequiredKeyedService<NeonClient>("billing"); // or [FromKeyedServices("billing")] NeonClient
        // --- end ---

        await neon.Project.ListProjectsAsync();
        await billing.Project.ListProjectsAsync();
        await host.StopAsync();

        Assert.That(audit, Has.Count.EqualTo(1), "the handler added to the unnamed client saw its call, not billing's");
        Assert.That(fake.Counters.RequestsReceived, Is.EqualTo(2));
    }

    [Test]
    public async Task The_package_readme_example_runs()
    {
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key)), (builder, fake) =>
        {
            HostHarness.Default(builder, fake);
            builder.Services.AddTransient<PreviewBranches>();
        });
        await harness.Host.StartAsync();
        var neon = harness.Services.GetRequiredService<NeonClient>();
        var project = await neon.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "pkg" } });

        var created = await harness.Services.GetRequiredService<PreviewBranches>().CreateAsync(project.Project.Id, "preview-7");

        Assert.That(created.Branch.Name, Is.EqualTo("preview-7"));
    }

    // --- src/Neon.Api.DependencyInjection/PACKAGE.md ---
    public sealed class PreviewBranches(NeonClient neon)
    {
        public Task<CreatedBranch> CreateAsync(string projectId, string name) =>
            neon.Branch.CreateProjectBranchAsync(projectId, new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = name } })
                .WaitForOperationsAsync(neon);
    }
    // --- end ---

    /// <summary>A handler of the user's own, recording the requests it sees.</summary>
    private sealed class AuditHandler : DelegatingHandler
    {
        public static List<string>? Seen { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen?.Add($"{request.Method} {request.RequestUri}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
