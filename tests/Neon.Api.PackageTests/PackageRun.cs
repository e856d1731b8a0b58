using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>
/// Packs every package once for the whole test run, as the Cake Pack target does (Release, CI build: deterministic,
/// SourceLink), into a folder feed that exists only for this run, and prepares a consumer workspace whose NuGet
/// configuration takes NeonDotNet.* from that feed only and everything else from the repository's own package source,
/// into a packages folder of its own: nothing restored before this run can stand in for what was just packed.
/// </summary>
[SetUpFixture]
public sealed class PackageRun
{
    private static PackageRunState? _state;

    internal static PackageRunState State => _state ?? throw new InvalidOperationException("The packages were not packed (see the set-up failure).");

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        // Inside the repository (artifacts/ is ignored by git) so that the build's paths fall under the source root
        // that the CI build maps to /_/, as they do for the Cake Pack target.
        var work = Repository.PathOf("artifacts", "package-tests");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        var build = Path.Combine(work, "build") + Path.DirectorySeparatorChar;
        var feed = Path.Combine(work, "feed");
        Directory.CreateDirectory(feed);

        var projects = Repository.PackableProjects();
        Assert.That(projects, Is.Not.Empty, "no packable project under src/");

        // One solution of the packable projects, so that they build side by side.
        var solution = Path.Combine(work, "packages.slnx");
        new XDocument(new XElement("Solution", projects.Select(p => new XElement("Project", new XAttribute("Path", Path.GetRelativePath(work, p.ProjectFile))))))
            .Save(solution);

        await Tool.DotNetAsync(
            [
                "pack", solution, "-c", "Release", "-nodeReuse:false",
                $"-p:PackageOutputPath={feed}{Path.DirectorySeparatorChar}",
                "-p:ContinuousIntegrationBuild=true",
                // The build's own obj/ and bin/ folders, so that nothing the developer built is reused or disturbed.
                "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={build}",
            ],
            Repository.Root);

        var packages = projects.Select(project => PackedPackage.Find(project, feed)).ToList();
        _state = new PackageRunState(work, build, feed, packages, ConsumerWorkspace.Create(feed));
    }

    [OneTimeTearDown]
    public void DeleteConsumerWorkspace() => _state?.Consumers.Dispose();
}

/// <summary>What the run packed, and where.</summary>
internal sealed record PackageRunState(string WorkDirectory, string ArtifactsPath, string Feed, IReadOnlyList<PackedPackage> Packages, ConsumerWorkspace Consumers)
{
    public PackedPackage Package(string id) => Packages.Single(p => p.Id == id);

    /// <summary>The client package: the packable project whose assembly is Neon.Api.</summary>
    public PackedPackage Client => Packages.Single(p => p.Project.AssemblyName == "Neon.Api");

    /// <summary>The emulator package: the packable project whose assembly is Neon.Api.Testing.</summary>
    public PackedPackage Emulator => Packages.Single(p => p.Project.AssemblyName == "Neon.Api.Testing");
}
