using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.NeonctlTests;

/// <summary>
/// Runs the installed neonctl against one API root with one API key, isolated from the machine: its config folder,
/// context file, home and working folder are a temporary folder of its own, Neon's environment variables are cleared,
/// and analytics are off, so nothing it does reaches beyond the API root or reads the user's credentials.
/// </summary>
internal sealed class Neonctl : IDisposable
{
    /// <summary>One command takes about a second; the limit only keeps a hung command from hanging the run.</summary>
    private static readonly TimeSpan CommandSafetyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Variables neonctl reads that could point it elsewhere or at other credentials.</summary>
    private static readonly string[] ClearedVariables =
        ["NEON_API_KEY", "NEON_API_HOST", "NEON_PROFILE", "NEON_OAUTH_HOST", "NEON_API_SPEC_URL", "NEON_ASK_URL", "DEBUG"];

    private readonly string _cliScript;
    private readonly string _apiRoot;
    private readonly string _apiKey;
    private readonly string _root;

    /// <param name="cliScript">neonctl's entry script (<see cref="NeonctlPackage.EnsureInstalledAsync"/>).</param>
    /// <param name="apiRoot">The API root, for example <c>http://127.0.0.1:4500/api/v2/</c>.</param>
    /// <param name="apiKey">The key passed with <c>--api-key</c>; never shown in a message.</param>
    public Neonctl(string cliScript, Uri apiRoot, string apiKey)
    {
        _cliScript = cliScript;
        // neonctl appends "/projects" and the like to the root as given, so it takes the root without its last slash.
        _apiRoot = apiRoot.ToString().TrimEnd('/');
        _apiKey = apiKey;
        _root = Directory.CreateTempSubdirectory("neonctl-tests-").FullName;
        foreach (var folder in new[] { "home", "config", "work" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }
    }

    /// <summary>The config folder given with <c>--config-dir</c> (credentials would be written there).</summary>
    public string ConfigDirectory => Path.Combine(_root, "config");

    /// <summary>Runs <c>neonctl ARGS --output json</c> with the API root and key, and returns what it did.</summary>
    public Task<ChildProcessResult> RunAsync(params string[] args)
    {
        string[] fixedOptions =
        [
            "--output", "json",
            "--api-host", _apiRoot,
            "--api-key", _apiKey,
            "--no-analytics",
            "--no-color",
            "--config-dir", ConfigDirectory,
            "--context-file", Path.Combine(_root, "work", ".neon"),
        ];
        return ChildProcess.RunAsync(
            "node",
            [_cliScript, .. args, .. fixedOptions],
            "neonctl " + string.Join(' ', args),
            Path.Combine(_root, "work"),
            CommandSafetyTimeout,
            environment =>
            {
                foreach (var name in ClearedVariables)
                {
                    environment.Remove(name);
                }

                environment["HOME"] = Path.Combine(_root, "home");
                environment["XDG_CONFIG_HOME"] = Path.Combine(_root, "home", ".config");
            });
    }

    /// <summary>Runs the command, asserts that it exited 0, and returns its standard output (trimmed).</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.Describe);
        return result.Output.Trim();
    }

    /// <summary>Runs the command, asserts that it exited 0 and printed one JSON value, and returns that value.</summary>
    public async Task<JsonNode> JsonAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.Describe);
        try
        {
            return JsonNode.Parse(result.Output) ?? throw new JsonException("the output is the JSON literal null");
        }
        catch (JsonException e)
        {
            Assert.Fail($"`{result.Command}` did not print JSON ({e.Message})\n{result.Describe()}");
            throw;
        }
    }

    /// <summary>Like <see cref="JsonAsync"/> for commands that print a list: the list's items.</summary>
    public async Task<IReadOnlyList<JsonNode>> JsonArrayAsync(params string[] args)
    {
        var json = await JsonAsync(args);
        Assert.That(json, Is.InstanceOf<JsonArray>(), $"`neonctl {string.Join(' ', args)}` printed {json.ToJsonString()}");
        return json.AsArray().Select(item => item!).ToArray();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
