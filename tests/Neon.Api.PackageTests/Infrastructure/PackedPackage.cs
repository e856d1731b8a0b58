using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Neon.Api.PackageTests.Infrastructure;

/// <summary>One package of this run's feed: its .nupkg, its .snupkg and the project it was made from.</summary>
internal sealed class PackedPackage
{
    private PackedPackage(PackableProject project, string version, string nupkg, string snupkg)
    {
        Project = project;
        Version = version;
        Nupkg = nupkg;
        Snupkg = snupkg;
    }

    public PackableProject Project { get; }

    public string Id => Project.PackageId;

    public string Version { get; }

    public string Nupkg { get; }

    /// <summary>The symbol package's path (it may be missing: a test asserts it is there).</summary>
    public string Snupkg { get; }

    public static PackedPackage Find(PackableProject project, string feed)
    {
        // "<id>.<version>.nupkg"; a version starts with a digit, so NeonDotNet.Api never matches NeonDotNet.Api.Testing's files.
        var pattern = new Regex("^" + Regex.Escape(project.PackageId) + @"\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$");
        var matches = Directory.GetFiles(feed, "*.nupkg")
            .Select(path => (Path: path, Match: pattern.Match(Path.GetFileName(path))))
            .Where(found => found.Match.Success)
            .ToList();
        if (matches.Count != 1)
        {
            throw new InvalidOperationException($"Expected one {project.PackageId} package in {feed}, found {matches.Count}: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        }

        var version = matches[0].Match.Groups[1].Value;
        return new PackedPackage(project, version, matches[0].Path, Path.ChangeExtension(matches[0].Path, ".snupkg"));
    }

    public IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(Nupkg);
        return zip.Entries.Select(entry => entry.FullName).ToList();
    }

    public byte[] Read(string entryName) => ReadEntry(Nupkg, entryName);

    public static byte[] ReadEntry(string zipPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException($"{Path.GetFileName(zipPath)} has no {entryName}.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The nuspec's metadata element.</summary>
    public XElement Metadata()
    {
        using var zip = ZipFile.OpenRead(Nupkg);
        var nuspec = zip.Entries.Single(entry => entry.FullName == Id + ".nuspec");
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    public override string ToString() => $"{Id} {Version}";
}

internal static class NuspecExtensions
{
    /// <summary>A metadata child by local name (the nuspec namespace varies with the schema version).</summary>
    public static XElement? Child(this XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name);
}
