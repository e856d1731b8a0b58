using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>
/// The CI build's promises, read from the packed binaries: no build machine path in a pdb or an assembly, every
/// source file git tracks linked to the commit on GitHub (SourceLink), every file it does not track (the generated
/// client) embedded, and each .snupkg pdb the one its assembly names.
/// </summary>
public class SymbolTests
{
    // Custom debug information kinds of the Portable PDB format.
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static IEnumerable<TestCaseData> Assemblies() =>
        Repository.PackableProjects().SelectMany(p => p.TargetFrameworks.Select(tfm => new TestCaseData(p.PackageId, tfm).SetArgDisplayNames(p.PackageId, tfm)));

    [TestCaseSource(nameof(Assemblies))]
    public async Task The_pdb_holds_no_build_path_links_tracked_sources_and_embeds_the_rest(string id, string framework)
    {
        var package = PackageRun.State.Package(id);
        var pdb = PackedPackage.ReadEntry(package.Snupkg, package.Project.AssemblyFolder(framework) + $"{package.Project.AssemblyName}.pdb");
        var commit = await Repository.GitAsync("rev-parse", "HEAD");
        var tracked = (await Repository.GitAsync("ls-files")).Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);

        using var provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(pdb));
        var reader = provider.GetMetadataReader();

        var documents = reader.Documents.Select(handle => (Handle: handle, Name: reader.GetString(reader.GetDocument(handle).Name))).ToList();
        Assert.That(documents, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (handle, name) in documents)
            {
                Assert.That(name, Does.StartWith("/_/"), "every source path is mapped to /_/ (a CI build)");
                Assert.That(name, Does.Not.Contain(Repository.Root.TrimEnd('/') + "/"), "no build machine path");

                var relative = name["/_/".Length..];
                var embedded = HasCustomDebugInformation(reader, handle, EmbeddedSourceKind);
                if (tracked.Contains(relative))
                {
                    Assert.That(embedded, Is.False, $"{relative} is in git: SourceLink serves it, it is not embedded");
                }
                else
                {
                    Assert.That(embedded, Is.True, $"{relative} is not in git (generated): it must be embedded");
                }
            }
        });

        Assert.That(documents.Select(d => d.Name["/_/".Length..]).Where(tracked.Contains), Is.Not.Empty, "some sources come from git");
        if (id == PackageRun.State.Client.Id)
        {
            Assert.That(documents.Select(d => d.Name), Has.Some.EndsWith("/NeonApi.g.cs"), "the NSwag output is among the documents");
        }

        // SourceLink: /_/* is the repository at this commit, on GitHub.
        var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(reader.GetCustomDebugInformation)
            .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
            .SingleOrDefault();
        Assert.That(sourceLink, Is.Not.Null, "the pdb carries SourceLink");
        using var json = JsonDocument.Parse(sourceLink!);
        var repository = new Uri(Repository.RepositoryUrl).AbsolutePath.Trim('/');
        Assert.That(json.RootElement.GetProperty("documents").GetProperty("/_/*").GetString(),
            Is.EqualTo($"https://raw.githubusercontent.com/{repository}/{commit}/*"));
    }

    [TestCaseSource(nameof(Assemblies))]
    public void The_assembly_is_deterministic_and_names_its_pdb_by_id(string id, string framework)
    {
        var package = PackageRun.State.Package(id);
        var assembly = package.Read(package.Project.AssemblyFolder(framework) + $"{package.Project.AssemblyName}.dll");
        var pdb = PackedPackage.ReadEntry(package.Snupkg, package.Project.AssemblyFolder(framework) + $"{package.Project.AssemblyName}.pdb");

        using var pe = new PEReader(System.Collections.Immutable.ImmutableArray.Create(assembly));
        var entries = pe.ReadDebugDirectory();
        Assert.That(entries.Select(e => e.Type), Has.Member(DebugDirectoryEntryType.Reproducible), "a deterministic build");

        var codeView = pe.ReadCodeViewDebugDirectoryData(entries.Single(e => e.Type == DebugDirectoryEntryType.CodeView));
        Assert.That(codeView.Path, Does.StartWith("/_/"), "the pdb path in the assembly is mapped too");

        using var provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(pdb));
        var pdbId = new BlobContentId(provider.GetMetadataReader().DebugMetadataHeader!.Id);
        Assert.That(pdbId.Guid, Is.EqualTo(codeView.Guid), "the .snupkg pdb is the one this assembly was built with");
    }

    private static bool HasCustomDebugInformation(MetadataReader reader, DocumentHandle document, Guid kind) =>
        reader.GetCustomDebugInformation(document).Any(handle => reader.GetGuid(reader.GetCustomDebugInformation(handle).Kind) == kind);
}
