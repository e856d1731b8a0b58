using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>What is inside each .nupkg and .snupkg, and what its nuspec says.</summary>
public class PackageContentTests
{
    public static IEnumerable<string> PackageIds() => Repository.PackableProjects().Select(p => p.PackageId);

    [Test]
    public void Package_ids_are_ours_and_namespaces_stay_Neon_Api()
    {
        // The Neon.* ids on nuget.org belong to another vendor; ours are NeonDotNet.*, while assemblies keep Neon.Api*.
        Assert.That(PackageRun.State.Packages, Is.Not.Empty);
        foreach (var package in PackageRun.State.Packages)
        {
            Assert.That(package.Id, Does.StartWith("NeonDotNet."), package.ToString());
            Assert.That(package.Id, Is.EqualTo("NeonDotNet." + package.Project.AssemblyName["Neon.".Length..]), "the package id follows the assembly name");
            Assert.That(package.Project.AssemblyName, Does.StartWith("Neon.Api"));
        }
    }

    [TestCaseSource(nameof(PackageIds))]
    public void The_readme_is_the_package_readme_not_the_repository_readme(string id)
    {
        var package = PackageRun.State.Package(id);
        var metadata = package.Metadata();
        var readmeName = metadata.Child("readme")?.Value;
        Assert.That(readmeName, Is.Not.Null.And.Not.Empty, "nuspec <readme>");

        var readme = Encoding.UTF8.GetString(package.Read(readmeName!));
        Assert.That(readme, Is.EqualTo(File.ReadAllText(Path.Combine(package.Project.Directory, "PACKAGE.md"))));
        Assert.That(readme, Does.Not.Contain(File.ReadAllText(Repository.PathOf("README.md")).Split('\n')[0]), "not the repository README");
        Assert.That(readme, Does.Not.Contain("repository root"), "package users have no repository");
        // An install line: a library is added to a project, a tool is installed.
        var install = package.Project.IsTool ? "dotnet tool install --global " : "dotnet add package ";
        Assert.That(readme, Does.Contain(install + id), "an install line");
    }

    [TestCaseSource(nameof(PackageIds))]
    public void License_file_and_icon_are_packed(string id)
    {
        var package = PackageRun.State.Package(id);
        var metadata = package.Metadata();

        Assert.That(Encoding.UTF8.GetString(package.Read("LICENSE")), Is.EqualTo(File.ReadAllText(Repository.PathOf("LICENSE"))));
        var license = metadata.Child("license");
        Assert.That(license?.Attribute("type")?.Value, Is.EqualTo("expression"), "one license statement: the SPDX expression");
        Assert.That(license!.Value, Is.EqualTo(Repository.Property(Repository.PathOf("src", "Directory.Build.props"), "PackageLicenseExpression")));
        Assert.That(File.ReadAllLines(Repository.PathOf("LICENSE"))[0], Does.StartWith(license.Value), "the LICENSE file is that license");

        var iconName = metadata.Child("icon")?.Value;
        Assert.That(iconName, Is.Not.Null.And.Not.Empty, "nuspec <icon>");
        var icon = package.Read(iconName!);
        Assert.That(icon, Is.EqualTo(File.ReadAllBytes(Repository.PathOf("assets", "icon.png"))));
        Assert.That(icon[..8], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
    }

    [TestCaseSource(nameof(PackageIds))]
    public void Every_target_framework_has_its_assembly_and_XML_docs(string id)
    {
        var package = PackageRun.State.Package(id);
        var entries = package.Entries();
        var root = package.Project.IsTool ? "tools/" : "lib/";
        var frameworks = entries.Where(e => e.StartsWith(root, StringComparison.Ordinal)).Select(e => e.Split('/')[1]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.That(frameworks, Is.EquivalentTo(package.Project.TargetFrameworks), $"one {root} folder per target framework of the project");
        foreach (var framework in frameworks)
        {
            var folder = package.Project.AssemblyFolder(framework);
            var assembly = folder + package.Project.AssemblyName;
            var files = entries.Where(e => e.StartsWith(folder, StringComparison.Ordinal)).ToList();
            if (package.Project.IsTool)
            {
                // A tool carries what it runs with: its assembly, its dependencies, its runtime configuration.
                Assert.That(files, Is.SupersetOf(new[] { assembly + ".dll", assembly + ".runtimeconfig.json", folder + "DotnetToolSettings.xml" }), framework);
                using var settingsFile = new MemoryStream(package.Read(folder + "DotnetToolSettings.xml"));
                var settings = XDocument.Load(settingsFile);
                var command = settings.Descendants("Command").Single();
                Assert.That((string?)command.Attribute("Name"), Is.EqualTo(package.Project.ToolCommandName), $"{framework}: the command name");
                Assert.That((string?)command.Attribute("EntryPoint"), Is.EqualTo(package.Project.AssemblyName + ".dll"), $"{framework}: the entry point");
                continue;
            }

            Assert.That(files, Is.EquivalentTo(new[] { assembly + ".dll", assembly + ".xml" }), framework);
            var docs = XDocument.Parse(Encoding.UTF8.GetString(package.Read(assembly + ".xml")));
            var members = docs.Descendants("member").Select(m => (string)m.Attribute("name")!).ToList();
            Assert.That(members.Count(m => m.StartsWith("T:", StringComparison.Ordinal)), Is.GreaterThan(1), $"{framework}: the XML docs document types");
        }
    }

    [TestCaseSource(nameof(PackageIds))]
    public void The_symbol_package_has_a_pdb_for_every_assembly(string id)
    {
        var package = PackageRun.State.Package(id);
        Assert.That(File.Exists(package.Snupkg), Is.True, $"{Path.GetFileName(package.Snupkg)} beside the .nupkg");

        using var symbols = ZipFile.OpenRead(package.Snupkg);
        var pdbs = symbols.Entries.Select(e => e.FullName).Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        // A tool also carries the third-party assemblies it runs with; the symbol package covers the repository's own.
        var assemblies = package.Entries()
            .Where(e => e.EndsWith(".dll", StringComparison.Ordinal) && (!package.Project.IsTool || Path.GetFileName(e).StartsWith("Neon.", StringComparison.Ordinal)))
            .Select(e => e[..^4] + ".pdb")
            .Order(StringComparer.Ordinal);
        Assert.That(pdbs, Is.EqualTo(assemblies));
        if (!package.Project.IsTool)
        {
            // A tool keeps its pdbs beside its assemblies too (the .NET SDK packs them), for stack traces with lines.
            Assert.That(package.Entries().Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)), Is.Empty, "symbols travel in the .snupkg only");
        }
    }

    [TestCaseSource(nameof(PackageIds))]
    public async Task The_nuspec_records_repository_commit_and_project_url(string id)
    {
        var metadata = PackageRun.State.Package(id).Metadata();
        var repository = metadata.Child("repository");
        Assert.That(repository, Is.Not.Null, "nuspec <repository>");
        Assert.That(repository!.Attribute("type")?.Value, Is.EqualTo("git"));
        Assert.That(repository.Attribute("url")?.Value, Is.EqualTo(Repository.RepositoryUrl));
        Assert.That(repository.Attribute("commit")?.Value, Is.EqualTo(await Repository.GitAsync("rev-parse", "HEAD")));
        Assert.That(metadata.Child("projectUrl")?.Value, Is.EqualTo(Repository.RepositoryUrl));
    }

    [TestCaseSource(nameof(PackageIds))]
    public void Release_notes_are_the_changelog_section_of_the_version(string id)
    {
        var package = PackageRun.State.Package(id);
        var expected = Repository.ChangelogSection(package.Version) ?? Repository.ChangelogSection("Unreleased");
        Assert.That(expected, Is.Not.Null.And.Not.Empty, "CHANGELOG.md has a section for this version or [Unreleased]");

        var notes = package.Metadata().Child("releaseNotes")?.Value.ReplaceLineEndings("\n");
        Assert.That(notes, Does.StartWith(expected!));
        Assert.That(notes, Does.Contain(Repository.RepositoryUrl + "/blob/main/CHANGELOG.md"));
    }

    [TestCaseSource(nameof(PackageIds))]
    public void The_description_names_the_spec_version(string id)
    {
        var (specPackage, specVersion) = Repository.SpecProvenance();
        var description = PackageRun.State.Package(id).Metadata().Child("description")?.Value;
        Assert.That(description, Does.StartWith(Repository.Property(PackageRun.State.Package(id).Project.ProjectFile, "Description")));
        Assert.That(description, Does.Contain(specVersion).And.Contain(specPackage));
    }

    [TestCaseSource(nameof(PackageIds))]
    public void Build_tools_are_not_dependencies(string id)
    {
        var dependencies = PackageRun.State.Package(id).Metadata().Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)
            .ToList();
        Assert.That(dependencies, Has.None.EqualTo("MinVer")
            .And.None.StartsWith("Microsoft.SourceLink")
            .And.None.StartsWith("Microsoft.CodeAnalysis")
            .And.None.EqualTo("NSwag.MSBuild"));
    }
}
