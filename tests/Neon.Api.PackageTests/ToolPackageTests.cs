using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>Each .NET tool package, installed from this run's feed as a user would, then run.</summary>
public class ToolPackageTests
{
    public static string[] ToolPackageIds() => Repository.PackableProjects().Where(p => p.IsTool).Select(p => p.PackageId).ToArray();

    [Test]
    public void The_emulator_tool_is_among_the_tool_packages() =>
        Assert.That(ToolPackageIds(), Has.Some.EqualTo("NeonDotNet.Api.Emulator"));

    [TestCaseSource(nameof(ToolPackageIds))]
    public async Task The_installed_tool_starts_answers_and_stops_on_SIGTERM(string id)
    {
        var package = PackageRun.State.Package(id);
        var consumers = PackageRun.State.Consumers;
        var toolPath = Path.Combine(consumers.Root, "tools", id);
        await Tool.DotNetAsync(
            ["tool", "install", id, "--version", package.Version, "--tool-path", toolPath, "--configfile", Path.Combine(consumers.Root, "NuGet.config")],
            consumers.Root);

        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var start = new ProcessStartInfo(Path.Combine(toolPath, package.Project.ToolCommandName!))
        {
            ArgumentList = { "--port", "0" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(safety.Token);
            var listening = Regex.Match(first ?? string.Empty, @"^Neon emulator listening on (?<uri>http://\S+)$");
            Assert.That(listening.Success, Is.True, first);

            using var http = new HttpClient { BaseAddress = new Uri(listening.Groups["uri"].Value) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", "package-test");
            using var response = await http.GetAsync("package-probe", safety.Token);
            Assert.That((int)response.StatusCode, Is.EqualTo(404), "the emulator answers (a path outside the spec: 404)");

            var result = await Tool.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], consumers.Root, TimeSpan.FromMinutes(1));
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            var rest = await process.StandardOutput.ReadToEndAsync(safety.Token);
            await process.WaitForExitAsync(safety.Token);

            Assert.That(process.ExitCode, Is.Zero);
            Assert.That(rest.TrimEnd(), Does.EndWith("Neon emulator stopped"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
