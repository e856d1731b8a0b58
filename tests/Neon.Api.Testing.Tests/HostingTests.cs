using System;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests;

/// <summary>The two ways to run the emulator: handler and loopback server.</summary>
public sealed class HostingTests
{
    [Test]
    public async Task The_handler_answers_for_any_host_and_outlives_its_http_client()
    {
        var neon = new FakeNeon();
        using (var client = new HttpClient(neon.CreateHandler()) { BaseAddress = new Uri("https://example.test/api/v2/") })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", "k");
            Assert.That((int)(await client.GetAsync("regions")).StatusCode, Is.EqualTo(200));
        }

        using var again = neon.CreateHttpClient();
        Assert.That(again.BaseAddress, Is.EqualTo(FakeNeon.DefaultBaseUri));
        Assert.That((int)(await again.GetAsync("regions")).StatusCode, Is.EqualTo(200));
        Assert.That(neon.IsServer, Is.False);
    }

    [Test]
    public async Task The_server_listens_on_a_loopback_port_and_stops_on_dispose()
    {
        Uri baseUri;
        await using (var neon = await FakeNeon.StartAsync())
        {
            baseUri = neon.BaseUri;
            Assert.That(baseUri.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(baseUri.AbsolutePath, Is.EqualTo("/api/v2/"));
            Assert.That(baseUri.Port, Is.GreaterThan(0));
            using var client = neon.CreateHttpClient();
            Assert.That((int)(await client.GetAsync("regions")).StatusCode, Is.EqualTo(200));
        }

        using var after = new HttpClient { BaseAddress = baseUri };
        Assert.That(async () => await after.GetAsync("regions"), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task Two_servers_run_side_by_side_with_separate_state()
    {
        await using var first = await FakeNeon.StartAsync();
        await using var second = await FakeNeon.StartAsync();
        using var one = first.CreateHttpClient();
        using var two = second.CreateHttpClient();

        using var created = await one.PostAsync("projects", new StringContent("""{"project":{}}""", System.Text.Encoding.UTF8, "application/json"));
        var listed = await two.GetStringAsync("projects");

        Assert.That(first.BaseUri, Is.Not.EqualTo(second.BaseUri));
        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        Assert.That(listed, Does.Contain("\"projects\":[]"));
    }

    [Test]
    public async Task The_same_seed_gives_the_same_ids()
    {
        static async Task<string> CreateAsync()
        {
            var neon = new FakeNeon(new FakeNeonOptions { Seed = 3 });
            using var client = neon.CreateHttpClient();
            using var response = await client.PostAsync("projects", new StringContent("""{"project":{}}""", System.Text.Encoding.UTF8, "application/json"));
            return await response.Content.ReadAsStringAsync();
        }

        var first = System.Text.Json.Nodes.JsonNode.Parse(await CreateAsync())!;
        var second = System.Text.Json.Nodes.JsonNode.Parse(await CreateAsync())!;

        Assert.That((string?)second["project"]!["id"], Is.EqualTo((string?)first["project"]!["id"]));
        Assert.That((string?)second["branch"]!["id"], Is.EqualTo((string?)first["branch"]!["id"]));
    }
}
