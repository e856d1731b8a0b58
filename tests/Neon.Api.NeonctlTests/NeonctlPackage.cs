using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.NeonctlTests;

/// <summary>
/// Neon's CLI as pinned beside this project (<c>package.json</c>, <c>package-lock.json</c>) and installed there with
/// <c>npm ci</c>, once per run. A finished install leaves a stamp holding the lockfile's hash, so a later run with the
/// same lockfile finds it and installs nothing; a changed lockfile or a broken folder installs again.
/// Node.js or npm missing, too old, or an install that fails is a test failure with a message saying what to fix:
/// this suite never skips.
/// </summary>
internal static partial class NeonctlPackage
{
    /// <summary>npm ci downloads about 140 packages; the limit only keeps a hung registry from hanging the run.</summary>
    private static readonly TimeSpan InstallSafetyTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ProbeSafetyTimeout = TimeSpan.FromMinutes(1);

    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>The folder holding package.json and the lockfile (the test project's own folder).</summary>
    public static string Directory { get; } = typeof(NeonctlPackage).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NeonctlPackageDirectory").Value!;

    /// <summary>The neonctl version package.json pins (an exact version, as the lockfile holds).</summary>
    public static string PinnedVersion => (string)ReadJson("package.json")["dependencies"]!["neonctl"]!;

    /// <summary>The version of neonctl the lockfile records.</summary>
    public static string LockedVersion => (string)LockedNeonctl["version"]!;

    /// <summary>The CLI's entry script, run with <c>node</c> (no shell shim, so the same on every OS).</summary>
    public static string CliScript => Path.Combine(Directory, "node_modules", "neonctl", "bin", "cli.js");

    /// <summary>The Node.js versions neonctl's <c>engines</c> field accepts, as the lockfile records it (<c>&gt;=20.19.0</c>).</summary>
    private static string? RequiredNode => (string?)LockedNeonctl["engines"]?["node"];

    private static string StampPath => Path.Combine(Directory, "node_modules", ".neonctl-tests-lock.sha256");

    private static JsonNode LockedNeonctl => ReadJson("package-lock.json")["packages"]!["node_modules/neonctl"]
        ?? throw new InvalidOperationException("package-lock.json does not lock neonctl: run `npm install` beside package.json");

    /// <summary>
    /// Installs neonctl unless the same lockfile is installed already (the first call in a run does the work; later
    /// calls share its result). Fails the calling test with what to fix when Node.js or npm is missing or npm ci fails.
    /// </summary>
    /// <returns>The path of the CLI's entry script.</returns>
    public static async Task<string> EnsureInstalledAsync()
    {
        try
        {
            await Installed.Value;
        }
        catch (InvalidOperationException e)
        {
            var message = $"neonctl {PinnedVersion} could not be installed. The conformance suite needs Node.js {RequiredNode ?? string.Empty} and npm "
                + $"on PATH, and the npm registry once for `npm ci`. {e.Message}";
            // On a developer's machine with only the .NET SDK the README's test command still passes; the tests say why
            // they did not run.
            CiRequirement.Missing(
                message + " In CI (the CI variable is set) the suite fails without them; it never skips there.",
                message + " Install Node.js to run it; CI (with CI set) fails instead of skipping.");
        }

        return CliScript;
    }

    private static async Task InstallAsync()
    {
        await CheckNodeAsync();
        var lockHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Directory, "package-lock.json"))));
        if (IsInstalled(lockHash))
        {
            return;
        }

        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        // --ignore-scripts: no package code runs at install time (neonctl's commands need none of the install scripts
        // of its dependencies); no audit, funding or update-check requests beside the downloads themselves.
        string[] arguments = ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier"];
        var result = await ChildProcess.RunAsync(
            npm, arguments, $"{npm} {string.Join(' ', arguments)}", Directory, InstallSafetyTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Directory} (it needs the npm registry)\n{result.Describe()}");
        }

        if (!IsInstalled(lockHash: null))
        {
            throw new InvalidOperationException($"npm ci succeeded but {CliScript} is not neonctl {LockedVersion}");
        }

        await File.WriteAllTextAsync(StampPath, lockHash);
    }

    private static bool IsInstalled(string? lockHash)
    {
        var manifest = Path.Combine(Directory, "node_modules", "neonctl", "package.json");
        if (!File.Exists(CliScript) || !File.Exists(manifest))
        {
            return false;
        }

        var installedVersion = (string?)JsonNode.Parse(File.ReadAllText(manifest))?["version"];
        return installedVersion == LockedVersion
            && (lockHash is null || (File.Exists(StampPath) && File.ReadAllText(StampPath) == lockHash));
    }

    /// <summary>Node.js must run and be at least the version neonctl's <c>engines</c> field in the lockfile asks for.</summary>
    private static async Task CheckNodeAsync()
    {
        var result = await ChildProcess.RunAsync("node", ["--version"], "node --version", Directory, ProbeSafetyTimeout);
        var installed = NodeVersion().Match(result.Output.Trim());
        if (result.ExitCode != 0 || !installed.Success)
        {
            throw new InvalidOperationException($"Node.js is needed to run neonctl, and `node --version` did not name a version\n{result.Describe()}");
        }

        var required = RequiredNode;
        if (required is not null && MinimumVersion().Match(required) is { Success: true } minimum
            && ToVersion(installed) < ToVersion(minimum))
        {
            throw new InvalidOperationException(
                $"neonctl {LockedVersion} needs Node.js {required}, and this machine has {result.Output.Trim()}: install a newer Node.js");
        }
    }

    private static Version ToVersion(Match match) => new(
        int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture),
        int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture),
        int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture));

    private static JsonNode ReadJson(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, fileName)))
        ?? throw new InvalidOperationException($"{fileName} in {Directory} is empty");

    [GeneratedRegex(@"^v(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)")]
    private static partial Regex NodeVersion();

    [GeneratedRegex(@"^>=\s*(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)$")]
    private static partial Regex MinimumVersion();
}
