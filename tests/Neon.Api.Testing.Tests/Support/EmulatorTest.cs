using Microsoft.Extensions.Time.Testing;
using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.Support;

/// <summary>
/// Base of the behaviour tests: a fresh emulator per test on a manual clock, reached through the
/// transport of the fixture, and a client that checks every response against the spec.
/// </summary>
public abstract class EmulatorTest
{
    protected static readonly TimeSpan OperationDuration = TimeSpan.FromSeconds(2);

    private readonly Transport _transport;

    protected EmulatorTest(Transport transport) => _transport = transport;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected FakeNeonOptions Options { get; private set; } = null!;

    protected FakeNeon Neon { get; private set; } = null!;

    protected SpecCheckedClient Api { get; private set; } = null!;

    [SetUp]
    public async Task StartEmulator()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Options = new FakeNeonOptions { TimeProvider = Clock, OperationDuration = OperationDuration };
        Neon = _transport == Transport.Handler ? new FakeNeon(Options) : await FakeNeon.StartAsync(Options);
        Assert.That(Neon.IsServer, Is.EqualTo(_transport == Transport.Loopback));
        Api = new SpecCheckedClient(Neon.CreateHttpClient());
    }

    [TearDown]
    public async Task StopEmulator()
    {
        Api.Dispose();
        await Neon.DisposeAsync();
    }

    /// <summary>The longest chain of operations one request of these tests starts (they run one after another).</summary>
    protected const int LongestOperationChain = 8;

    /// <summary>Moves the clock past the end of every operation started so far.</summary>
    protected void FinishOperations() => Clock.Advance((OperationDuration * LongestOperationChain) + TimeSpan.FromSeconds(1));

    /// <summary>Creates a project and lets its operations finish.</summary>
    protected async Task<JsonNode> CreateProjectAsync(string? name = null)
    {
        var project = new JsonObject();
        if (name is not null)
        {
            project["name"] = name;
        }

        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = project });
        FinishOperations();
        return created;
    }

    protected static string Id(JsonNode node, string resource) => (string)node[resource]!["id"]!;

    protected static string[] Ids(JsonNode node, string array) =>
        node[array]!.AsArray().Select(item => (string)item!["id"]!).ToArray();
}
