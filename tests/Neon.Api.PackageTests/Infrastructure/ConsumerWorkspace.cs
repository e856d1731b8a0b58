using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Neon.Api.PackageTests.Infrastructure;

/// <summary>
/// A folder outside the repository (so none of its Directory.Build.* or central package versions apply) where consumer
/// projects restore from this run's feed: NeonDotNet.* only from there, everything else from the package source the
/// repository's NuGet.config names, into a packages folder that belongs to this workspace alone.
/// </summary>
internal sealed class ConsumerWorkspace : IDisposable
{
    private ConsumerWorkspace(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string PackagesFolder => Path.Combine(Root, "packages");

    public static ConsumerWorkspace Create(string feed)
    {
        var root = Directory.CreateTempSubdirectory("neon-package-consumers-").FullName;
        var workspace = new ConsumerWorkspace(root);

        // Stop MSBuild's search for Directory.Build.* and Directory.Packages.props at this folder.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");

        var repositorySources = XDocument.Load(Repository.PathOf("NuGet.config"))
            .Descendants("packageSources").Elements("add")
            .Select(add => (Key: (string)add.Attribute("key")!, Value: (string)add.Attribute("value")!))
            .ToList();
        const string FeedKey = "this-run";
        var config = new XDocument(
            new XElement("configuration",
                new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", workspace.PackagesFolder))),
                new XElement("packageSources",
                    new XElement("clear"),
                    new XElement("add", new XAttribute("key", FeedKey), new XAttribute("value", feed)),
                    repositorySources.Select(s => new XElement("add", new XAttribute("key", s.Key), new XAttribute("value", s.Value)))),
                new XElement("packageSourceMapping",
                    new XElement("packageSource", new XAttribute("key", FeedKey), new XElement("package", new XAttribute("pattern", "NeonDotNet.*"))),
                    repositorySources.Select(s => new XElement("packageSource", new XAttribute("key", s.Key), new XElement("package", new XAttribute("pattern", "*")))))));
        config.Save(Path.Combine(root, "NuGet.config"));
        return workspace;
    }

    /// <summary>Writes a file under the workspace, creating its folder.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
