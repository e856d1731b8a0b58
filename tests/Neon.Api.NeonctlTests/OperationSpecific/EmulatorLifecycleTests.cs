using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Neon.Api.Emulator.Tests;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.NeonctlTests.OperationSpecific;

/// <summary>
/// The emulator's whole life as a CI job sees it: started on a free port named in a port file, called by neonctl,
/// stopped with SIGTERM. Every request neonctl sent is answered by an implemented operation, the key never shows
/// in the emulator's output, and it exits with code 0.
/// </summary>
public sealed partial class EmulatorLifecycleTests
{
    /// <summary>What neonctl projects list asks: the user's projects, then those shared with them.</summary>
    private static readonly string[] ProjectsListRequests = ["GET /api/v2/projects 200", "GET /api/v2/projects/shared 200"];

    [Test]
    [OperationSpecific("listProjects", "listSharedProjects")]
    public async Task Serves_neonctl_projects_list_and_stops_with_exit_code_0_on_SIGTERM()
    {
        var cli = await NeonctlPackage.EnsureInstalledAsync();
        var apiKey = "neonctl-lifecycle-" + Guid.NewGuid().ToString("N");
        var portFile = Path.Combine(Path.GetTempPath(), $"neon-emulator-{Guid.NewGuid():N}.port");
        await using var emulator = EmulatorProcess.Start(["--port", "0", "--port-file", portFile, "--api-key", apiKey]);
        var baseUri = await emulator.WaitForBaseUriAsync();
        var port = int.Parse(await File.ReadAllTextAsync(portFile), CultureInfo.InvariantCulture);
        using var neonctl = new Neonctl(cli, new UriBuilder(baseUri) { Port = port }.Uri, apiKey);

        var listed = await neonctl.JsonAsync("projects", "list");
        emulator.Terminate();
        var exitCode = await emulator.WaitForExitAsync();
        var output = string.Join('\n', emulator.Seen) + emulator.Error;
        var requests = emulator.Seen.Select(l => RequestLine().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value} {m.Groups["status"].Value}")
            .ToArray();

        Assert.That(port, Is.EqualTo(baseUri.Port), "the port file names the port of the start line");
        Assert.That(listed["projects"], Is.Not.Null, () => $"projects list printed {listed.ToJsonString()}");
        Assert.That(exitCode, Is.Zero, () => $"the emulator's exit code; its output:\n{output}");
        // Both operations answered, neither with 501.
        Assert.That(requests, Is.EquivalentTo(ProjectsListRequests), output);
        Assert.That(output, Does.Not.Contain(apiKey), "the API key in the emulator's output");
        Assert.That(emulator.Seen[^1], Is.EqualTo("Neon emulator stopped"));
        Assert.That(File.Exists(portFile), Is.False, "the port file is removed on stop");
    }

    [GeneratedRegex(@"^\S+Z (?<method>[A-Z]+) (?<path>\S+) (?<status>\d{3}) ")]
    private static partial Regex RequestLine();
}
