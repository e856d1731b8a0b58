using System;
using System.Threading.Tasks;
using Neon.Api.Pipeline;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

// --- README: The send path, and stages of your own (the class) ---
public sealed class TeamHeaderPolicy : NeonPipelinePolicy
{
    public override Task ProcessAsync(NeonPipelineMessage message, Func<Task> proceed)
    {
        message.Request!.Headers.TryAddWithoutValidation("X-Team", "platform");
        return proceed();
    }
}
// --- end ---

/// <summary>The README's policy example, run against a loopback server that records what arrives.</summary>
public class ReadmePolicyExampleTests
{
    [Test]
    public async Task The_team_header_reaches_the_server_on_every_request()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<LoopbackRequest>();
        await using var server = new LoopbackServer(request =>
        {
            received.Enqueue(request);
            return Reply.Json(200, "{\"projects\":[],\"pagination\":{\"cursor\":\"\"}}");
        });
        const string apiKey = "napi_readme_policy_key";

        // --- README: The send path, and stages of your own (the client) ---
        var options = new NeonClientOptions().AddPolicy(new TeamHeaderPolicy(), NeonPipelinePosition.PerAttempt);
        options.BaseUri = server.BaseAddress;
        using var neon = new NeonClient(apiKey, options);
        // --- end ---
        await neon.Project.ListProjectsAsync();
        await neon.Project.ListProjectsAsync();

        Assert.That(received, Has.Count.EqualTo(2));
        Assert.That(received, Has.All.Matches<LoopbackRequest>(r => r!.Headers.TryGetValue("x-team", out var team) && team == "platform"));
    }
}
