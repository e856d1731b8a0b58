using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>
/// samples/list-branches.cs, a .NET 10 file-based app with #:package directives, run with `dotnet run` against this
/// run's packages (the only change: the versions in its directives) and without NEON_API_KEY, so on the emulator.
/// </summary>
public class FileBasedAppTests
{
    // The branches the sample's demo project has, in the order it lists them (by name).
    private static readonly string[] DemoBranches = ["main", "preview/pr-1"];

    [Test]
    public async Task The_list_branches_sample_runs_from_the_packages()
    {
        var sample = File.ReadAllText(Repository.PathOf("samples", "list-branches.cs"));
        var directives = Regex.Matches(sample, @"(?m)^#:package (\S+)@(\S+)$");
        var packages = PackageRun.State.Packages.ToDictionary(p => p.Id);
        Assert.That(directives.Select(d => d.Groups[1].Value), Is.EquivalentTo(new[] { PackageRun.State.Client.Id, PackageRun.State.Emulator.Id }), "the sample's #:package directives");

        var copy = Regex.Replace(sample, @"(?m)^#:package (\S+)@(\S+)$", m => $"#:package {m.Groups[1].Value}@{packages[m.Groups[1].Value].Version}");
        var path = PackageRun.State.Consumers.Write(Path.Combine("file-based", "list-branches.cs"), copy);

        var result = await Tool.DotNetAsync(
            ["run", "--property:TreatWarningsAsErrors=true", Path.GetFileName(path)],
            Path.GetDirectoryName(path)!,
            environment: new Dictionary<string, string?> { ["NEON_API_KEY"] = null });

        // One tab-separated line per branch: the demo project's default branch and the preview branch the sample made.
        var lines = result.StandardOutput.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();
        Assert.That(lines, Has.Count.EqualTo(2), result.Output);
        Assert.That(lines.Select(fields => fields[0]), Has.All.Match("^br-[a-z0-9-]+$"), result.Output);
        Assert.That(lines.Select(fields => fields[1]), Is.EqualTo(DemoBranches), "sorted by name");
        Assert.That(lines.Select(fields => fields[2]), Has.All.EqualTo("ready"), result.Output);
        Assert.That(lines.Count(fields => fields.Length == 4 && fields[3] == "default"), Is.EqualTo(1), "one default branch");
        Assert.That(result.Output, Does.Contain("2 branch(es) in project"));
    }
}
