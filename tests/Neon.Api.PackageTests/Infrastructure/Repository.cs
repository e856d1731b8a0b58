using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using NUnit.Framework;

namespace Neon.Api.PackageTests.Infrastructure;

/// <summary>Facts about the repository the packages are made from, read from its files and from git.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
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

    public static string Root => RootDirectory.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The one place the repository URL is set (the MSBuild property NeonRepositoryUrl).</summary>
    public static string RepositoryUrl => Property(PathOf("Directory.Build.props"), "NeonRepositoryUrl");

    /// <summary>The packages: every project under src/ whose project file makes it packable (the Cake build's rule).</summary>
    public static IReadOnlyList<PackableProject> PackableProjects() =>
        Directory.GetFiles(PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => File.ReadAllText(path).Contains("<IsPackable>true</IsPackable>", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => new PackableProject(
                path,
                Property(path, "PackageId"),
                Property(path, "AssemblyName"),
                Property(path, "TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries),
                OptionalProperty(path, "ToolCommandName")))
            .ToList();

    /// <summary>The text of a property set in an MSBuild file (the first element of that name).</summary>
    public static string Property(string file, string name) =>
        OptionalProperty(file, name) ?? throw new InvalidOperationException($"{file} does not set {name}.");

    /// <summary>The text of a property set in an MSBuild file, or null when it does not set it.</summary>
    public static string? OptionalProperty(string file, string name) => XDocument.Load(file).Descendants(name).FirstOrDefault()?.Value;

    public static (string Package, string Version) SpecProvenance()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(PathOf("openapi", "provenance.json")));
        return (json.RootElement.GetProperty("package").GetString()!, json.RootElement.GetProperty("version").GetString()!);
    }

    /// <summary>The body of the CHANGELOG.md section with the given heading (for example "Unreleased"), trimmed.</summary>
    public static string? ChangelogSection(string heading)
    {
        var text = File.ReadAllText(PathOf("CHANGELOG.md")).ReplaceLineEndings("\n");
        var match = Regex.Match(text, @"^## \[" + Regex.Escape(heading) + @"\][^\n]*\n(.*?)(?=^## \[|\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    public static async Task<string> GitAsync(params string[] arguments)
    {
        var result = await Tool.RunAsync("git", arguments, Root, TimeSpan.FromMinutes(1));
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}\n{result.Output}");
        return result.Output.Trim();
    }

    /// <summary>The version tag MinVer would start from (v-prefixed, reachable from HEAD), or null when there is none.</summary>
    public static async Task<string?> NearestVersionTagAsync()
    {
        var result = await Tool.RunAsync("git", ["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*"], Root, TimeSpan.FromMinutes(1));
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }
}

/// <summary>
/// A packable project: its file, its package id, its assembly name, its target frameworks, and the command it installs
/// when it is a .NET tool (<c>PackAsTool</c>; null for a library).
/// </summary>
internal sealed record PackableProject(
    string ProjectFile, string PackageId, string AssemblyName, IReadOnlyList<string> TargetFrameworks, string? ToolCommandName)
{
    public string Directory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>True for a .NET tool package, whose assemblies are under <c>tools/TFM/any/</c> rather than <c>lib/TFM/</c>.</summary>
    public bool IsTool => ToolCommandName is not null;

    /// <summary>The folder of the package that holds the project's assembly for a target framework.</summary>
    public string AssemblyFolder(string framework) => IsTool ? $"tools/{framework}/any/" : $"lib/{framework}/";

    public override string ToString() => PackageId;
}
