using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>
/// The public API files stop a build that changes the public API unnoticed: a public symbol missing from them
/// (RS0016, as after a rename) and a listed symbol that is gone (RS0017, as after a removal) are errors even when
/// warnings are not. Shown on the emulator package, the smallest one, built for one framework with altered files.
/// </summary>
public class PublicApiBaselineTests
{
    [Test]
    public async Task A_changed_public_api_fails_the_build_even_without_warnings_as_errors()
    {
        var project = PackageRun.State.Emulator.Project;
        var unshipped = File.ReadAllLines(Path.Combine(project.Directory, "PublicAPI.Unshipped.txt"));

        // A symbol the source still has, left out of the files; and a line for a symbol the source does not have.
        var dropped = unshipped.Last(line => Regex.IsMatch(line, @"^[\w.]+\(\) -> void$"));
        var invented = "Neon.Api.Testing.FakeNeon.RemovedByThePublicApiTest() -> void";
        var work = Path.Combine(PackageRun.State.WorkDirectory, "api-check");
        Directory.CreateDirectory(work);
        var altered = Path.Combine(work, "PublicAPI.Unshipped.txt");
        File.WriteAllLines(altered, unshipped.Where(line => line != dropped).Append(invented));

        // Swap the project's file for the altered copy through MSBuild's own hook for extra targets.
        var swap = Path.Combine(work, "SwapApiFile.targets");
        new XDocument(new XElement("Project", new XElement("ItemGroup",
            new XElement("AdditionalFiles", new XAttribute("Remove", Path.Combine(project.Directory, "PublicAPI.Unshipped.txt"))),
            new XElement("AdditionalFiles", new XAttribute("Remove", "PublicAPI.Unshipped.txt")),
            new XElement("AdditionalFiles", new XAttribute("Include", altered))))).Save(swap);

        var result = await Tool.RunAsync("dotnet",
            [
                "build", project.ProjectFile, "-c", "Release", "-nodeReuse:false",
                $"-p:TargetFramework={project.TargetFrameworks[^1]}",
                "-p:TreatWarningsAsErrors=false", "-p:MSBuildTreatWarningsAsErrors=false",
                $"-p:CustomAfterDirectoryBuildTargets={swap}",
                "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(work, "build")}{Path.DirectorySeparatorChar}",
            ],
            Repository.Root);

        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Match(@"error RS0016: Symbol '" + Regex.Escape(dropped) + "' is not part of the declared public API"), Tool.Tail(result.Output));
        Assert.That(result.Output, Does.Match(@"error RS0017: Symbol '" + Regex.Escape(invented) + "' is part of the declared API"), Tool.Tail(result.Output));
    }
}
