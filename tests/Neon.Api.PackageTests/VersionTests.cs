using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>The version comes from git tags (MinVer), and the release notes follow the version.</summary>
public class VersionTests
{
    [Test]
    public async Task Every_package_has_the_version_MinVer_computes_for_this_commit()
    {
        var packages = PackageRun.State.Packages;
        var minVer = await QueryAsync(PackageRun.State.Emulator.Project, "MinVer", ["MinVerVersion", "PackageVersion"]);

        Assert.That(minVer["MinVerVersion"], Is.Not.Empty);
        Assert.That(packages.Select(p => p.Version).Distinct(), Is.EqualTo(new[] { minVer["PackageVersion"] }), "every package, one version: MinVer's");

        if (await Repository.NearestVersionTagAsync() is null)
        {
            // No version tag yet: the minimum 0.1, the default pre-release identifiers, then the commit height
            // (which a shallow clone of depth 1 does not have).
            Assert.That(packages[0].Version, Does.Match(@"^0\.1\.0-alpha\.0(\.[1-9][0-9]*)?$"));
        }
    }

    [Test]
    public async Task The_assemblies_carry_the_version_and_the_commit()
    {
        var commit = await Repository.GitAsync("rev-parse", "HEAD");
        foreach (var package in PackageRun.State.Packages)
        {
            foreach (var framework in package.Project.TargetFrameworks)
            {
                var path = Path.Combine(PackageRun.State.WorkDirectory, "inspect", package.Id, framework, package.Project.AssemblyName + ".dll");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, package.Read(package.Project.AssemblyFolder(framework) + $"{package.Project.AssemblyName}.dll"));

                var info = FileVersionInfo.GetVersionInfo(path);
                var core = package.Version.Split('-')[0];
                Assert.That(info.ProductVersion, Is.EqualTo($"{package.Version}+{commit}"), $"{package.Id} {framework}: informational version");
                Assert.That(info.FileVersion, Is.EqualTo(core + ".0"), $"{package.Id} {framework}: file version");
            }
        }
    }

    [Test]
    public async Task A_release_without_its_changelog_section_does_not_pack()
    {
        // MinVerVersionOverride stands in for a tag: a release version must have its own section in CHANGELOG.md.
        var version = "99.0.0";
        Assume.That(Repository.ChangelogSection(version), Is.Null);
        var result = await Tool.RunAsync("dotnet", MSBuildArguments(PackageRun.State.Emulator.Project, "NeonPackageReleaseNotes", [], $"-p:MinVerVersionOverride={version}"), Repository.Root);

        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("NEONPACK001").And.Contain($"## [{version}]"));
    }

    [Test]
    public async Task A_pre_release_without_a_section_takes_the_unreleased_notes()
    {
        var properties = await QueryAsync(PackageRun.State.Emulator.Project, "NeonPackageReleaseNotes", ["PackageVersion", "PackageReleaseNotes"], "-p:MinVerVersionOverride=99.0.0-rc.1");

        Assert.That(properties["PackageVersion"], Is.EqualTo("99.0.0-rc.1"));
        Assert.That(properties["PackageReleaseNotes"].ReplaceLineEndings("\n"), Does.StartWith(Repository.ChangelogSection("Unreleased")!));
    }

    /// <summary>Runs one target of a packable project in this run's build folder and reads properties after it.</summary>
    private static async Task<System.Collections.Generic.Dictionary<string, string>> QueryAsync(PackableProject project, string target, string[] properties, params string[] extra)
    {
        var result = await Tool.DotNetAsync(MSBuildArguments(project, target, properties, extra), Repository.Root);
        using var json = JsonDocument.Parse(result.StandardOutput);
        return properties.ToDictionary(p => p, p => json.RootElement.GetProperty("Properties").GetProperty(p).GetString()!);
    }

    private static string[] MSBuildArguments(PackableProject project, string target, string[] properties, params string[] extra) =>
    [
        "msbuild", project.ProjectFile, "-nologo", "-nodeReuse:false", $"-t:{target}",
        $"-p:TargetFramework={project.TargetFrameworks[^1]}", "-p:Configuration=Release",
        "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={PackageRun.State.ArtifactsPath}",
        .. properties.Select(p => $"-getProperty:{p}"),
        .. extra,
    ];
}
