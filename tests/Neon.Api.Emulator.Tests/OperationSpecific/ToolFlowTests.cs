using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Emulator.Tests.OperationSpecific;

/// <summary>The tool's main use: start it, call the API with the key, read the request log, stop it with SIGTERM.</summary>
public sealed class ToolFlowTests
{
    [Test]
    [OperationSpecific("listProjects")]
    public async Task It_serves_the_api_logs_each_request_and_stops_cleanly_on_SIGTERM()
    {
        await using var tool = EmulatorProcess.Start(["--port", "0", "--api-key", "tool-key-7", "--seed", "5"]);
        var baseUri = await tool.WaitForBaseUriAsync();
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tool-key-7");

        using var listed = await http.GetAsync("projects");
        var body = await listed.Content.ReadAsStringAsync();
        var requestId = listed.Headers.GetValues("X-Request-ID").Single();
        var logLine = await tool.WaitForLineAsync(l => l.Contains("/api/v2/projects", StringComparison.Ordinal));
        tool.Terminate();
        var exitCode = await tool.WaitForExitAsync();

        Assert.That(baseUri.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(baseUri.AbsolutePath, Is.EqualTo("/api/v2/"));
        Assert.That((int)listed.StatusCode, Is.EqualTo(200));
        Assert.That(body, Does.Contain("\"projects\":[]"));
        Assert.That(logLine, Does.Match(@"^\S+Z GET /api/v2/projects 200 [\d.]+ms request_id=" + Regex.Escape(requestId) + "$"));
        Assert.That(exitCode, Is.Zero);
        Assert.That(tool.Seen, Has.Some.EqualTo("Neon emulator stopping (SIGTERM): finishing requests in flight"));
        Assert.That(tool.Seen[^1], Is.EqualTo("Neon emulator stopped"));
        Assert.That(string.Join('\n', tool.Seen), Does.Not.Contain("tool-key-7"));
    }
}
