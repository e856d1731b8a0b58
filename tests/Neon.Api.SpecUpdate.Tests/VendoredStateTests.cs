using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.SpecUpdate.Fetching;
using Neon.Api.SpecUpdate.Specs;
using Neon.Api.SpecUpdate.Vendoring;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>The repository's <c>openapi/</c> folder is in the state UpdateSpec leaves it in (no hand edit went astray).</summary>
public class VendoredStateTests
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neon.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (the folder holding Neon.Generated.sln).");
    });

    private static string OpenApi(string file) => Path.Combine(Root.Value, "openapi", file);

    private static JsonObject Read(string file) => JsonNode.Parse(File.ReadAllText(OpenApi(file)))!.AsObject();

    [Test]
    public void Provenance_records_every_field_the_update_writes()
    {
        var provenance = Read(Provenance.FileName);

        Assert.That(
            provenance.Select(p => p.Key),
            Is.EqualTo(new[] { "package", "version", "file", "sha256", "retrieved", "command", "tarball", "integrity", "previousVersion", "updatedWith" }));
        Assert.That(provenance["sha256"]!.GetValue<string>(), Is.EqualTo(PackageIntegrity.Sha256Hex(File.ReadAllBytes(OpenApi(SpecVendor.SpecFileName)))));
        Assert.That(provenance["integrity"]!.GetValue<string>(), Does.StartWith("sha512-"));
        Assert.That(provenance["updatedWith"]!.GetValue<string>(), Does.StartWith("dotnet cake --target=UpdateSpec --spec-version=" + provenance["version"]));
        Assert.That(File.ReadAllText(OpenApi(Provenance.FileName)), Is.EqualTo(JsonFiles.Format(provenance)), "written as the tool writes it");
    }

    [Test]
    public void Operation_tags_name_the_vendored_version_and_the_previous_one()
    {
        var provenance = Read(Provenance.FileName);
        var tags = Read(OperationTags.FileName);

        Assert.That(tags["spec"]!.GetValue<string>(), Is.EqualTo(provenance["version"]!.GetValue<string>()));
        Assert.That(tags["previous"]!["spec"]!.GetValue<string>(), Is.EqualTo(provenance["previousVersion"]!.GetValue<string>()));
        Assert.That(File.ReadAllText(OpenApi(OperationTags.FileName)), Is.EqualTo(JsonFiles.Format(tags)), "written as the tool writes it");
    }

    [Test]
    public void The_previous_mapping_covers_the_operations_the_two_specs_share()
    {
        var previous = Read(OperationTags.FileName)["previous"]!["tags"]!.AsObject();
        var current = SpecModel.Parse(File.ReadAllText(OpenApi(SpecVendor.SpecFileName))).Operations.Keys.ToList();

        var shared = current.Count(previous.ContainsKey);
        Assert.That(shared, Is.GreaterThan(current.Count / 2), "the previous spec is an earlier version of this one");
        Assert.That(previous.All(t => t.Value is JsonValue), Is.True, "operationId -> first tag");
    }
}
