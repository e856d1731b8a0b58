using System.Globalization;
using System.Text.RegularExpressions;
using Neon.Api.SpecUpdate.Diff;
using Neon.Api.SpecUpdate.Fetching;
using Neon.Api.SpecUpdate.Specs;

namespace Neon.Api.SpecUpdate.Vendoring;

/// <summary>What to vendor: a published version (<see cref="Version"/> alone) or a spec file (<see cref="SpecFile"/>).</summary>
/// <param name="Repository">The repository root (the folder holding <c>openapi/</c> and <c>src/</c>).</param>
/// <param name="WorkFolder">Where the state before the update is kept for the report (<c>artifacts/spec-update</c>).</param>
/// <param name="Version">The npm version to fetch, or the version to record for <see cref="SpecFile"/>.</param>
/// <param name="SpecFile">An unpublished spec to vendor instead of a published one.</param>
/// <param name="UpdatedWith">The repository command being run, recorded in the provenance.</param>
/// <param name="Today">The retrieval day, unless the repository's history already vendored the same bytes (then the day recorded first).</param>
internal sealed record VendorRequest(string Repository, string WorkFolder, string? Version, string? SpecFile, string UpdatedWith, DateOnly Today);

/// <summary>Fetches, verifies and vendors a spec, keeping what it replaces for the report.</summary>
internal sealed partial class SpecVendor(IPackageRegistry registry)
{
    /// <summary>The npm package Neon publishes the spec in.</summary>
    public const string Package = "@neondatabase/api-client";

    /// <summary>The spec's file name, in the package and in <c>openapi/</c>.</summary>
    public const string SpecFileName = "public-v2-for-users.gen.yaml";

    /// <summary>The folder, under the work folder, holding the state before the update.</summary>
    public const string BeforeFolder = "before";

    /// <summary>The folder, under <see cref="BeforeFolder"/>, holding the public API files of <c>src/</c> as they were.</summary>
    public const string ApiFolder = "api";

    /// <summary>Fetches and verifies the new spec, then replaces the vendored files. Nothing is written when a check fails.</summary>
    public Provenance Vendor(VendorRequest request, TextWriter log)
    {
        var openapi = Path.Combine(request.Repository, "openapi");
        var specPath = Path.Combine(openapi, SpecFileName);
        var provenancePath = Path.Combine(openapi, Provenance.FileName);
        var tagsPath = Path.Combine(openapi, OperationTags.FileName);
        var oldProvenance = JsonFiles.ReadObject(provenancePath);
        var oldVersion = Provenance.VersionIn(oldProvenance);

        if (request.SpecFile is null && !ExactVersion().IsMatch(request.Version ?? string.Empty))
        {
            throw new UpdateException($"'{request.Version}' is not an exact version: name one such as 2.7.3 (npm view {Package} versions lists them), so the provenance records what was fetched.");
        }

        var fetched = request.SpecFile is { } file ? FromFile(file, request) : FromRegistry(request.Version!, log);
        var document = SpecValidation.Validate(fetched.Content, fetched.What);
        log.WriteLine($"Verified {fetched.What}: OpenAPI {document["openapi"]}, {document["paths"]!.AsObject().Count} paths.");

        Snapshot(request, specPath, provenancePath);
        var oldTags = File.Exists(specPath) ? SpecModel.Parse(File.ReadAllText(specPath)).FirstTags() : new SortedDictionary<string, string>(StringComparer.Ordinal);

        var sameVersion = string.Equals(fetched.Version, oldVersion, StringComparison.Ordinal);
        var sha256 = PackageIntegrity.Sha256Hex(fetched.Content);
        var provenance = new Provenance(
            fetched.Package,
            fetched.Version,
            SpecFileName,
            sha256,
            ProvenanceHistory.FirstRetrieved(request.Repository, sha256) ?? request.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            fetched.Command,
            fetched.Tarball,
            fetched.Integrity,
            sameVersion ? Provenance.Text(oldProvenance, "previousVersion") : oldVersion,
            request.UpdatedWith);

        Directory.CreateDirectory(openapi);
        File.WriteAllBytes(specPath, fetched.Content);
        JsonFiles.Write(provenancePath, provenance.ToJson());
        JsonFiles.Write(tagsPath, OperationTags.Build(fetched.Version, oldVersion, oldTags, JsonFiles.ReadObject(tagsPath)));
        log.WriteLine($"Vendored {fetched.What} into openapi/{SpecFileName} (sha256 {provenance.Sha256}); wrote {Provenance.FileName} and {OperationTags.FileName}.");
        return provenance;
    }

    private Fetched FromRegistry(string version, TextWriter log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "neon-spec-update-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var integrity = registry.Integrity(Package, version);
            var (tarball, command) = registry.Pack(Package, version, folder);
            var bytes = File.ReadAllBytes(tarball);
            var what = $"{Package}@{version}";
            PackageIntegrity.Verify(bytes, integrity, $"The tarball of {what}");
            log.WriteLine($"Fetched {what} ({Path.GetFileName(tarball)}, {bytes.Length} bytes); integrity {integrity} matches the registry.");
            var content = Tarball.ReadEntry(bytes, "package/" + SpecFileName);
            return new Fetched(content, version, Package, command, Path.GetFileName(tarball), integrity, $"{what} ({SpecFileName})");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Fetched FromFile(string file, VendorRequest request)
    {
        var path = Path.GetFullPath(file, request.Repository);
        if (!File.Exists(path))
        {
            throw new UpdateException($"No spec file at {path}.");
        }

        var content = File.ReadAllBytes(path);
        var version = request.Version ?? "unpublished-" + PackageIntegrity.Sha256Hex(content)[..12];
        return new Fetched(content, version, null, request.UpdatedWith, null, null, path);
    }

    // The report compares against these: the spec, provenance and public API baseline as they were.
    private static void Snapshot(VendorRequest request, string specPath, string provenancePath)
    {
        var before = Path.Combine(request.WorkFolder, BeforeFolder);
        if (Directory.Exists(before))
        {
            Directory.Delete(before, recursive: true);
        }

        Directory.CreateDirectory(before);
        if (File.Exists(specPath))
        {
            File.Copy(specPath, Path.Combine(before, SpecFileName));
        }

        if (File.Exists(provenancePath))
        {
            File.Copy(provenancePath, Path.Combine(before, Provenance.FileName));
        }

        var sources = Path.Combine(request.Repository, "src");
        foreach (var relative in ApiBaseline.FindFiles(sources))
        {
            var target = Path.Combine(before, ApiFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(sources, relative), target);
        }
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();

    private sealed record Fetched(byte[] Content, string Version, string? Package, string Command, string? Tarball, string? Integrity, string What);
}
