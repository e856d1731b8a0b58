using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Neon.Api.Testing;
using NUnit.Framework;

namespace Neon.Api.DependencyInjection.Tests;

/// <summary>AddNeonClient in a real generic host: binding, validation at start, lifetimes, named clients.</summary>
public sealed class RegistrationTests
{
    private static readonly string[] InA = ["in-a"];

    [Test]
    public async Task Settings_bind_from_the_Neon_section_and_the_client_works()
    {
        await using var harness = new HostHarness(
            HostHarness.Settings(("Neon:ApiKey", HostHarness.Key), ("Neon:Timeout", "00:02:30"), ("Neon:Retry:MaxRetries", "2"), ("Neon:Retry:BaseDelay", "00:00:01"), ("Neon:ApplicationName", "di-tests/1.0")),
            HostHarness.Default);
        await harness.Host.StartAsync();

        var settings = harness.Services.GetRequiredService<IOptionsMonitor<NeonServiceOptions>>().Get(Options.DefaultName);
        Assert.That(settings.Client.Timeout, Is.EqualTo(TimeSpan.FromSeconds(150)));
        Assert.That(settings.Client.Retry.MaxRetries, Is.EqualTo(2));
        Assert.That(settings.Client.Retry.BaseDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(settings.Client.ApplicationName, Is.EqualTo("di-tests/1.0"));
        Assert.That(settings.ToString(), Does.Not.Contain(HostHarness.Key), "the key never shows");

        var neon = harness.Services.GetRequiredService<NeonClient>();
        var created = await neon.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "from-di" } });
        Assert.That(created.Project.Name, Is.EqualTo("from-di"));
    }

    [Test]
    public async Task Settings_can_come_from_code()
    {
        await using var harness = new HostHarness([], (builder, fake) => builder.Services
            .AddNeonClient(options =>
            {
                options.ApiKey = HostHarness.Key;
                options.Client.Retry.MaxRetries = 1;
            })
            .ConfigurePrimaryHttpMessageHandler(fake.CreateHandler));
        await harness.Host.StartAsync();

        var neon = harness.Services.GetRequiredService<NeonClient>();
        var regions = await neon.Region.GetActiveRegionsAsync();

        Assert.That(regions.Regions, Is.Not.Empty);
        Assert.That(harness.Services.GetRequiredService<IOptionsMonitor<NeonServiceOptions>>().Get(Options.DefaultName).Client.Retry.MaxRetries, Is.EqualTo(1));
    }

    [Test]
    public async Task A_missing_key_fails_the_start_and_says_where_to_set_it()
    {
        using var noVariable = new EnvironmentVariable(NeonClient.ApiKeyVariable, null);
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:Timeout", "00:00:30")), HostHarness.Default);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => harness.Host.StartAsync());

        Assert.That(error!.Message, Does.Contain("no API key").And.Contain("\"Neon:ApiKey\"").And.Contain("NEON_API_KEY").And.Contain("Neon__ApiKey"));
    }

    [Test]
    public async Task Without_a_configured_key_NEON_API_KEY_is_used()
    {
        using var variable = new EnvironmentVariable(NeonClient.ApiKeyVariable, HostHarness.Key);
        await using var harness = new HostHarness([], HostHarness.Default);
        await harness.Host.StartAsync();

        var neon = harness.Services.GetRequiredService<NeonClient>();

        Assert.That((await neon.Region.GetActiveRegionsAsync()).Regions, Is.Not.Empty);
    }

    [Test]
    public async Task A_misspelt_setting_fails_the_start_naming_it()
    {
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key), ("Neon:Timout", "00:00:30")), HostHarness.Default);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => harness.Host.StartAsync());

        Assert.That(error!.Message, Does.Contain("Timout").And.Contain("Known: ApiKey").And.Contain("Timeout"));
        Assert.That(error.Message, Does.Not.Contain(HostHarness.Key));
    }

    [Test]
    public async Task A_misspelt_retry_setting_fails_the_start_naming_it()
    {
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key), ("Neon:Retry:MaxRetrys", "1")), HostHarness.Default);

        var error = await Assert.CatchAsync<InvalidOperationException>(() => harness.Host.StartAsync());

        Assert.That(error!.Message, Does.Contain("MaxRetrys"));
    }

    [Test]
    public async Task Settings_the_client_refuses_fail_the_start_with_the_clients_reason()
    {
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key), ("Neon:BaseUri", "http://neon.example.com/api/v2/")), HostHarness.Default);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => harness.Host.StartAsync());

        Assert.That(error!.Message, Does.Contain("The Neon client").And.Contain("http"));
        Assert.That(error.Message, Does.Not.Contain(HostHarness.Key));
    }

    [Test]
    public async Task Each_client_gets_a_fresh_HttpClient_from_the_factory_so_handlers_rotate()
    {
        var counting = new CountingFactory();
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key)), (builder, fake) =>
        {
            HostHarness.Default(builder, fake);
            counting.Decorate(builder.Services);
        });
        await harness.Host.StartAsync();

        var first = harness.Services.GetRequiredService<NeonClient>();
        var second = harness.Services.GetRequiredService<NeonClient>();

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(counting.Created.Where(name => name == "Neon.Api").Count(), Is.EqualTo(2), "one factory HttpClient per client: none is held past the factory's handler lifetime");
    }

    [Test]
    public async Task Clients_created_separately_share_one_project_queue_per_key_and_base_url()
    {
        await using var harness = new HostHarness(HostHarness.Settings(("Neon:ApiKey", HostHarness.Key)), HostHarness.Default);
        await harness.Host.StartAsync();
        var first = harness.Services.GetRequiredService<NeonClient>();
        var second = harness.Services.GetRequiredService<NeonClient>();

        var project = await first.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "shared" } });
        await second.Branch.CreateProjectBranchAsync(project.Project.Id, new CreateProjectBranchRequest());

        Assert.That(harness.Neon.Counters.ResponsesWithStatus(423), Is.Zero, "the second client waited for the first one's operations");
        Assert.That(harness.Services.GetRequiredService<NeonProjectQueues>().Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Without_a_shared_queue_the_same_sequence_draws_423()
    {
        // The contrast: two clients for the same key, each with its own queue, as a transient registration without
        // sharing would give.
        var time = new FastForwardTimeProvider();
        using var fake = new FakeNeon(new FakeNeonOptions { TimeProvider = time, OperationDuration = TimeSpan.FromMinutes(1) });
        using var first = new NeonClient(HostHarness.Key, fake.CreateHandler(), new NeonClientOptions { TimeProvider = time });
        using var second = new NeonClient(HostHarness.Key, fake.CreateHandler(), new NeonClientOptions { TimeProvider = time });

        var project = await first.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "separate" } });
        var refused = await Assert.ThrowsAsync<NeonLockedException>(() => second.Branch.CreateProjectBranchAsync(project.Project.Id, new CreateProjectBranchRequest()));

        Assert.That(refused!.Attempts, Is.EqualTo(NeonRetryOptions.DefaultMaxRetries + 1), "423 until its retries ran out: its queue knew nothing of the first client's operations");
        Assert.That(fake.Counters.ResponsesWithStatus(423), Is.EqualTo(NeonRetryOptions.DefaultMaxRetries + 1));
    }

    [Test]
    public async Task Named_clients_use_their_own_keys_and_are_injectable_keyed()
    {
        const string OtherKey = "napi_DI_OTHER_k3y_0123456789abcdefghijklmnopq";
        using var other = new FakeNeon(new FakeNeonOptions { ApiKey = OtherKey });
        await using var harness = new HostHarness(
            HostHarness.Settings(("Orgs:A:ApiKey", HostHarness.Key), ("Orgs:B:ApiKey", OtherKey)),
            (builder, fake) =>
            {
                builder.Services.AddNeonClient("org-a", builder.Configuration.GetSection("Orgs:A")).ConfigurePrimaryHttpMessageHandler(fake.CreateHandler);
                builder.Services.AddNeonClient("org-b", builder.Configuration.GetSection("Orgs:B")).ConfigurePrimaryHttpMessageHandler(other.CreateHandler);
            },
            new FakeNeonOptions { ApiKey = HostHarness.Key });
        await harness.Host.StartAsync();

        var a = harness.Services.GetRequiredService<INeonClientFactory>().CreateClient("org-a");
        var b = harness.Services.GetRequiredKeyedService<NeonClient>("org-b");
        await a.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "in-a" } });

        Assert.That((await a.Project.ListProjectsAsync()).Projects.Select(p => p.Name), Is.EqualTo(InA));
        Assert.That((await b.Project.ListProjectsAsync()).Projects, Is.Empty, "org-b reached its own emulator with its own key");
        Assert.That(harness.Services.GetService<NeonClient>(), Is.Null, "no unnamed client was registered");
        Assert.That(harness.Services.GetRequiredService<NeonProjectQueues>().Count, Is.EqualTo(2), "one queue per key");
    }

    /// <summary>Wraps the registered IHttpClientFactory to record which names it creates clients for.</summary>
    private sealed class CountingFactory
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Created { get; } = new();

        public void Decorate(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IHttpClientFactory));
            services.Add(ServiceDescriptor.Singleton<IHttpClientFactory>(sp => new Recording((IHttpClientFactory)original.ImplementationFactory!(sp), Created)));
        }

        private sealed class Recording(IHttpClientFactory inner, System.Collections.Concurrent.ConcurrentQueue<string> created) : IHttpClientFactory
        {
            public HttpClient CreateClient(string name)
            {
                created.Enqueue(name);
                return inner.CreateClient(name);
            }
        }
    }

    /// <summary>Sets an environment variable for the length of a test.</summary>
    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string _name;
        private readonly string? _previous;

        public EnvironmentVariable(string name, string? value)
        {
            _name = name;
            _previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
    }
}
