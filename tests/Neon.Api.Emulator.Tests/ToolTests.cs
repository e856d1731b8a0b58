using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Emulator.Tests;

/// <summary>The tool as a process: start line, port file, JSON output, exit codes, SIGTERM. No operation of the spec is needed.</summary>
public sealed class ToolTests
{
    private static readonly string[] ExpectedEvents = ["listening", "request", "stopping", "stopped"];

    [Test]
    public async Task With_json_it_prints_one_object_per_event_writes_the_port_file_and_removes_it_on_stop()
    {
        var portFile = Path.Combine(Path.GetTempPath(), $"neon-emulator-{Guid.NewGuid():N}.port");
        await using var tool = EmulatorProcess.Start(["--port", "0", "--json", "--port-file", portFile]);

        var listening = JsonNode.Parse(await tool.WaitForLineAsync(l => l.Contains("\"listening\"", StringComparison.Ordinal)))!;
        var port = int.Parse(await File.ReadAllTextAsync(portFile), System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri((string)listening["base_uri"]!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "any");
        using var response = await http.GetAsync("server-probe");
        var request = JsonNode.Parse(await tool.WaitForLineAsync(l => l.Contains("\"request\"", StringComparison.Ordinal)))!;
        tool.Terminate();
        var exitCode = await tool.WaitForExitAsync();

        Assert.That((int)listening["port"]!, Is.EqualTo(port).And.GreaterThan(0));
        Assert.That((string)listening["host"]!, Is.EqualTo("127.0.0.1"));
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That((string)request["method"]!, Is.EqualTo("GET"));
        Assert.That((string)request["path"]!, Is.EqualTo("/api/v2/server-probe"));
        Assert.That((int)request["status"]!, Is.EqualTo(404));
        Assert.That((string)request["request_id"]!, Is.EqualTo(response.Headers.GetValues("X-Request-ID").Single()));
        Assert.That(exitCode, Is.Zero);
        Assert.That(tool.Seen.Select(l => (string?)JsonNode.Parse(l)!["event"]), Is.EqualTo(ExpectedEvents));
        Assert.That(File.Exists(portFile), Is.False);
    }

    [Test]
    public async Task The_api_key_from_the_environment_is_enforced_and_never_printed()
    {
        await using var tool = EmulatorProcess.Start(["--port", "0"], new System.Collections.Generic.Dictionary<string, string> { ["NEON_EMULATOR_API_KEY"] = "env-secret-42" });
        var baseUri = await tool.WaitForBaseUriAsync();
        using var http = new HttpClient { BaseAddress = baseUri };

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "server-probe") { Headers = { Authorization = new("Bearer", "other") } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "server-probe") { Headers = { Authorization = new("Bearer", "env-secret-42") } };
        var wrongStatus = (int)(await http.SendAsync(wrong)).StatusCode;
        var rightStatus = (int)(await http.SendAsync(right)).StatusCode;
        await tool.WaitForLineAsync(l => l.Contains(" 404 ", StringComparison.Ordinal));
        tool.Terminate();
        await tool.WaitForExitAsync();

        Assert.That(wrongStatus, Is.EqualTo(401));
        Assert.That(rightStatus, Is.EqualTo(404));
        Assert.That(tool.Seen, Has.Some.Contains("only the configured API key is accepted"));
        Assert.That(string.Join('\n', tool.Seen) + tool.Error, Does.Not.Contain("env-secret-42"));
    }

    [TestCase("--port", "abc", "--port")]
    [TestCase("--port", "70000", "--port")]
    [TestCase("--too-many-requests-rate", "1.5", "--too-many-requests-rate")]
    [TestCase("--request-body-timeout", "0", "RequestBodyTimeout")]
    [TestCase("--host", "example.com", "--host")]
    [TestCase("--bogus", "1", "unknown option '--bogus'")]
    public async Task A_bad_option_exits_2_with_a_message_naming_it(string option, string value, string named)
    {
        var (exitCode, output, error) = await EmulatorProcess.RunAsync(option, value);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain(named).And.Contain("--help"));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public async Task Help_lists_every_option_and_exits_0()
    {
        var (exitCode, output, _) = await EmulatorProcess.RunAsync("--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(CommandLine.Options.Select(o => o.Name), Is.Not.Empty.And.All.Matches<string>(name => output.Contains(name!, StringComparison.Ordinal)));
    }

    [Test]
    public async Task A_port_file_that_cannot_be_written_exits_1_naming_it()
    {
        var portFile = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "emulator.port");

        var (exitCode, _, error) = await EmulatorProcess.RunAsync("--port", "0", "--port-file", portFile);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"cannot write the port file '{portFile}'"));
    }

    [Test]
    public async Task A_port_in_use_exits_1_naming_the_address()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;

            var (exitCode, _, error) = await EmulatorProcess.RunAsync("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Contain($"cannot listen on 127.0.0.1:{port}"));
        }
        finally
        {
            taken.Stop();
        }
    }
}
