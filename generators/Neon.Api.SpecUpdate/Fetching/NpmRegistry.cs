using System.Text.Json;

namespace Neon.Api.SpecUpdate.Fetching;

/// <summary>What the update needs from a package registry; faked in tests, which never touch the network.</summary>
internal interface IPackageRegistry
{
    /// <summary>The integrity the registry records for <paramref name="package"/>@<paramref name="version"/>.</summary>
    string Integrity(string package, string version);

    /// <summary>Downloads the package tarball into <paramref name="folder"/>; returns its path and the command that did it.</summary>
    (string Tarball, string Command) Pack(string package, string version, string folder);
}

/// <summary>The npm registry, through the npm client (<c>npm view</c>, <c>npm pack</c>).</summary>
internal sealed class NpmRegistry : IPackageRegistry
{
    /// <inheritdoc/>
    public string Integrity(string package, string version)
    {
        var (exit, output, error) = Run(Directory.GetCurrentDirectory(), "view", $"{package}@{version}", "dist.integrity", "--json");
        if (exit != 0 && error.Contains("E404", StringComparison.Ordinal))
        {
            throw new UpdateException($"npm has no {package}@{version} (E404); the published versions: npm view {package} versions");
        }

        Check(exit, error, "view", $"{package}@{version}", "dist.integrity", "--json");
        output = output.Trim();
        if (output.Length == 0)
        {
            throw new UpdateException($"npm knows no {package}@{version} (npm view printed nothing): check the version.");
        }

        using var json = JsonDocument.Parse(output);
        return json.RootElement.ValueKind switch
        {
            JsonValueKind.String => json.RootElement.GetString()!,
            _ => throw new UpdateException($"npm view {package}@{version} dist.integrity did not name one version: {output}"),
        };
    }

    /// <inheritdoc/>
    public (string Tarball, string Command) Pack(string package, string version, string folder)
    {
        // Run inside the empty folder, so the command recorded in the provenance is exactly the one a maintainer types.
        var (exit, _, error) = Run(folder, "pack", $"{package}@{version}");
        Check(exit, error, "pack", $"{package}@{version}");
        var tarballs = Directory.GetFiles(folder, "*.tgz");
        if (tarballs.Length != 1)
        {
            throw new UpdateException($"npm pack {package}@{version} left {tarballs.Length} tarballs in {folder}, expected one.");
        }

        return (tarballs[0], $"npm pack {package}@{version}");
    }

    private static void Check(int exit, string error, params string[] arguments)
    {
        if (exit != 0)
        {
            throw new UpdateException($"npm {string.Join(' ', arguments)} failed (exit code {exit}): {error.Trim()}");
        }
    }

    private static (int Exit, string Output, string Error) Run(string workingDirectory, params string[] arguments)
    {
        var command = "npm " + string.Join(' ', arguments);
        try
        {
            var result = ChildProcess.Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", arguments, workingDirectory);
            return (result.ExitCode, result.Output, result.Error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UpdateException($"Could not start {command}: is npm (Node.js) installed and on the PATH? {e.Message}", e);
        }
    }
}
