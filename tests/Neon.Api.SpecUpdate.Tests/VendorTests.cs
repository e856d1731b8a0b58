using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.SpecUpdate.Fetching;
using Neon.Api.SpecUpdate.Vendoring;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>Fetching, verifying and vendoring a spec, against a fake registry and a repository in a temp folder.</summary>
public class VendorTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private string repository = null!;

    [SetUp]
    public void CreateRepository()
    {
        repository = Directory.CreateTempSubdirectory("neon-spec-vendor-").FullName;
        Directory.CreateDirectory(Path.Combine(repository, "openapi"));
        Directory.CreateDirectory(Path.Combine(repository, "src", "Neon.Api"));
        File.WriteAllText(Path.Combine(repository, "openapi", SpecVendor.SpecFileName), TestSpecs.Before);
        File.WriteAllText(Path.Combine(repository, "openapi", Provenance.FileName), """{ "package": "@neondatabase/api-client", "version": "1.0.0" }""");
        File.WriteAllText(Path.Combine(repository, "src", "Neon.Api", "PublicAPI.Unshipped.txt"), "Neon.Api.LegacyClient\n");
    }

    [TearDown]
    public void DeleteRepository() => Directory.Delete(repository, recursive: true);

    private string Work => Path.Combine(repository, "artifacts", "spec-update");

    private string OpenApi(string file) => Path.Combine(repository, "openapi", file);

    private VendorRequest Request(string version) => new(repository, Work, version, null, $"dotnet cake --target=UpdateSpec --spec-version={version}", Today);

    internal static byte[] Tarball(string specText, string entry = "package/" + SpecVendor.SpecFileName)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(specText)) });
        }

        return buffer.ToArray();
    }

    [Test]
    public void A_published_version_is_verified_and_vendored_byte_for_byte_with_its_provenance()
    {
        var spec = TestSpecs.After.Replace("\n", "\r\n") + "  "; // odd bytes must survive as they are
        var registry = new FakeRegistry(Tarball(spec));

        new SpecVendor(registry).Vendor(Request("1.1.0"), TextWriter.Null);

        Assert.That(File.ReadAllBytes(OpenApi(SpecVendor.SpecFileName)), Is.EqualTo(Encoding.UTF8.GetBytes(spec)));
        var provenance = JsonNode.Parse(File.ReadAllText(OpenApi(Provenance.FileName)))!;
        Assert.Multiple(() =>
        {
            Assert.That(provenance["package"]!.GetValue<string>(), Is.EqualTo("@neondatabase/api-client"));
            Assert.That(provenance["version"]!.GetValue<string>(), Is.EqualTo("1.1.0"));
            Assert.That(provenance["file"]!.GetValue<string>(), Is.EqualTo(SpecVendor.SpecFileName));
            Assert.That(provenance["sha256"]!.GetValue<string>(), Is.EqualTo(PackageIntegrity.Sha256Hex(Encoding.UTF8.GetBytes(spec))));
            Assert.That(provenance["retrieved"]!.GetValue<string>(), Is.EqualTo("2026-11-29"));
            Assert.That(provenance["command"]!.GetValue<string>(), Is.EqualTo("npm pack @neondatabase/api-client@1.1.0"));
            Assert.That(provenance["tarball"]!.GetValue<string>(), Is.EqualTo("neondatabase-api-client-1.1.0.tgz"));
            Assert.That(provenance["integrity"]!.GetValue<string>(), Is.EqualTo(registry.Recorded));
            Assert.That(provenance["previousVersion"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
            Assert.That(provenance["updatedWith"]!.GetValue<string>(), Is.EqualTo("dotnet cake --target=UpdateSpec --spec-version=1.1.0"));
            Assert.That(File.ReadAllText(OpenApi(Provenance.FileName)), Does.Contain("\"integrity\": \"sha512-").And.EndWith("}\n"));
        });
    }

    [Test]
    public void Bytes_vendored_before_keep_the_day_they_were_first_retrieved()
    {
        var spec = TestSpecs.After;
        var sha = PackageIntegrity.Sha256Hex(Encoding.UTF8.GetBytes(spec));
        Git("init", "-q");
        Commit($$"""{ "version": "1.1.0", "sha256": "{{sha}}", "retrieved": "2025-01-02" }""", "first vendoring");
        Commit($$"""{ "version": "1.1.0", "sha256": "{{sha}}", "retrieved": "2025-06-30" }""", "the same bytes again");
        Commit("""{ "version": "1.0.0", "sha256": "0000", "retrieved": "2025-07-01" }""", "another spec");

        new SpecVendor(new FakeRegistry(Tarball(spec))).Vendor(Request("1.1.0"), TextWriter.Null);
        var back = JsonNode.Parse(File.ReadAllText(OpenApi(Provenance.FileName)))!;
        File.WriteAllText(OpenApi(SpecVendor.SpecFileName), TestSpecs.Before);
        new SpecVendor(new FakeRegistry(Tarball(spec + "# new bytes\n"))).Vendor(Request("1.1.0"), TextWriter.Null);
        var fresh = JsonNode.Parse(File.ReadAllText(OpenApi(Provenance.FileName)))!;

        Assert.That(back["retrieved"]!.GetValue<string>(), Is.EqualTo("2025-01-02"), "bytes committed before: the first day recorded for them");
        Assert.That(fresh["retrieved"]!.GetValue<string>(), Is.EqualTo("2026-11-29"), "bytes never committed: today");
    }

    private void Commit(string provenance, string message)
    {
        File.WriteAllText(OpenApi(Provenance.FileName), provenance);
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message);
    }

    private void Git(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {error}");
    }

    [Test]
    public void The_state_before_is_kept_for_the_report()
    {
        new SpecVendor(new FakeRegistry(Tarball(TestSpecs.After))).Vendor(Request("1.1.0"), TextWriter.Null);

        var before = Path.Combine(Work, SpecVendor.BeforeFolder);
        Assert.That(File.ReadAllText(Path.Combine(before, SpecVendor.SpecFileName)), Is.EqualTo(TestSpecs.Before));
        Assert.That(File.ReadAllText(Path.Combine(before, Provenance.FileName)), Does.Contain("1.0.0"));
        Assert.That(File.ReadAllText(Path.Combine(before, SpecVendor.ApiFolder, "Neon.Api", "PublicAPI.Unshipped.txt")), Is.EqualTo("Neon.Api.LegacyClient\n"));
    }

    [Test]
    public void Operation_tags_record_the_replaced_spec_and_a_refetch_of_the_same_version_keeps_them()
    {
        new SpecVendor(new FakeRegistry(Tarball(TestSpecs.After))).Vendor(Request("1.1.0"), TextWriter.Null);
        var first = File.ReadAllText(OpenApi(OperationTags.FileName));
        new SpecVendor(new FakeRegistry(Tarball(TestSpecs.After))).Vendor(Request("1.1.0"), TextWriter.Null);

        var tags = JsonNode.Parse(first)!;
        Assert.Multiple(() =>
        {
            Assert.That(tags["spec"]!.GetValue<string>(), Is.EqualTo("1.1.0"));
            Assert.That(tags["previous"]!["spec"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
            Assert.That(tags["previous"]!["tags"]!["getAuth"]!.GetValue<string>(), Is.EqualTo("Auth"));
            Assert.That(tags["previous"]!["tags"]!["getLegacy"]!.GetValue<string>(), Is.EqualTo("Legacy"));
            Assert.That(tags["previous"]!["tags"]!.AsObject(), Has.Count.EqualTo(5));
            Assert.That(File.ReadAllText(OpenApi(OperationTags.FileName)), Is.EqualTo(first), "same version: previous unchanged");
            Assert.That(JsonNode.Parse(File.ReadAllText(OpenApi(Provenance.FileName)))!["previousVersion"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
        });
    }

    [Test]
    public void A_tarball_that_does_not_match_the_registry_integrity_changes_nothing()
    {
        var registry = new FakeRegistry(Tarball(TestSpecs.After)) { Recorded = PackageIntegrity.Sha512([1, 2, 3]) };

        var error = Assert.Throws<UpdateException>(() => new SpecVendor(registry).Vendor(Request("1.1.0"), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("does not match the registry's integrity"));
        Assert.That(File.ReadAllText(OpenApi(SpecVendor.SpecFileName)), Is.EqualTo(TestSpecs.Before));
        Assert.That(File.Exists(OpenApi(OperationTags.FileName)), Is.False);
    }

    [TestCase("openapi: 3.0.3\ninfo: { title: x }\n", "has no 'paths'")]
    [TestCase("swagger: '2.0'\npaths: { /x: {} }\n", "no 'openapi: 3.x' field")]
    [TestCase("paths: [unclosed\n", "is not valid YAML")]
    public void A_spec_that_is_not_an_openapi_document_with_paths_is_refused(string spec, string message)
    {
        var error = Assert.Throws<UpdateException>(() => new SpecVendor(new FakeRegistry(Tarball(spec))).Vendor(Request("1.1.0"), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(File.ReadAllText(OpenApi(SpecVendor.SpecFileName)), Is.EqualTo(TestSpecs.Before));
    }

    [TestCase("latest")]
    [TestCase("2.7")]
    [TestCase("^2.7.3")]
    public void Only_an_exact_version_is_fetched(string version)
    {
        var error = Assert.Throws<UpdateException>(() => new SpecVendor(new FakeRegistry(Tarball(TestSpecs.After))).Vendor(Request(version), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("is not an exact version"));
    }

    [Test]
    public void A_package_without_the_spec_says_what_it_holds()
    {
        var registry = new FakeRegistry(Tarball(TestSpecs.After, entry: "package/other.yaml"));

        var error = Assert.Throws<UpdateException>(() => new SpecVendor(registry).Vendor(Request("1.1.0"), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("has no package/public-v2-for-users.gen.yaml").And.Contain("package/other.yaml"));
    }

    [Test]
    public void An_unpublished_spec_file_is_vendored_without_the_registry()
    {
        var file = Path.Combine(repository, "next.yaml");
        File.WriteAllText(file, TestSpecs.After);
        var request = new VendorRequest(repository, Work, null, file, "dotnet cake --target=UpdateSpec --spec-file=next.yaml", Today);

        new SpecVendor(new FakeRegistry([])).Vendor(request, TextWriter.Null);

        var provenance = JsonNode.Parse(File.ReadAllText(OpenApi(Provenance.FileName)))!;
        Assert.That(File.ReadAllText(OpenApi(SpecVendor.SpecFileName)), Is.EqualTo(TestSpecs.After));
        Assert.That(provenance["package"], Is.Null);
        Assert.That(provenance["version"]!.GetValue<string>(), Does.StartWith("unpublished-"));
        Assert.That(provenance["command"]!.GetValue<string>(), Is.EqualTo("dotnet cake --target=UpdateSpec --spec-file=next.yaml"));
    }

    [Test]
    public void Integrity_strings_are_checked_by_their_strongest_known_hash()
    {
        var content = "abc"u8.ToArray();

        Assert.DoesNotThrow(() => PackageIntegrity.Verify(content, "sha1-xyz " + PackageIntegrity.Sha512(content), "x"));
        Assert.Throws<UpdateException>(() => PackageIntegrity.Verify(content, "sha1-xyz", "x"));
        Assert.That(PackageIntegrity.Sha512(content), Does.StartWith("sha512-3a81oZNherrMQXNJriBBMRLm"));
    }

    private sealed class FakeRegistry(byte[] tarball) : IPackageRegistry
    {
        public string Recorded { get; set; } = PackageIntegrity.Sha512(tarball);

        public string Integrity(string package, string version) => Recorded;

        public (string Tarball, string Command) Pack(string package, string version, string folder)
        {
            var path = Path.Combine(folder, $"neondatabase-api-client-{version}.tgz");
            File.WriteAllBytes(path, tarball);
            return (path, $"npm pack {package}@{version}");
        }
    }
}
