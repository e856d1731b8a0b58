using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Neon.Api.PackageTests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.PackageTests;

/// <summary>
/// Consumers restored and built from this run's feed, warnings as errors: a net10.0 console app running the
/// README's first example against the emulator package, a net8.0 app running the emulator package's first example
/// and a netstandard2.0 library that uses the client (its listings and its options, clock included). Built once (one solution), then each app is run.
/// </summary>
public class ConsumerTests
{
    private const string ReadmeApp = "ReadmeApp";
    private const string EmulatorApp = "EmulatorApp";
    private const string Library = "NetStandardLibrary";

    private static string Workspace => PackageRun.State.Consumers.Root;

    private static string Version => PackageRun.State.Client.Version;

    [OneTimeSetUp]
    public async Task BuildConsumersAsync()
    {
        var consumers = PackageRun.State.Consumers;
        var client = PackageRun.State.Client;
        var emulator = PackageRun.State.Emulator;

        consumers.Write($"{ReadmeApp}/{ReadmeApp}.csproj", AppProject("net10.0", (client.Id, client.Version), (emulator.Id, emulator.Version)));
        consumers.Write($"{ReadmeApp}/Program.cs", ReadmeProgram());

        consumers.Write($"{Library}/{Library}.csproj", LibraryProject((client.Id, client.Version)));
        consumers.Write($"{Library}/BranchReport.cs", LibraryCode);

        consumers.Write($"{EmulatorApp}/{EmulatorApp}.csproj", AppProject("net8.0", (client.Id, client.Version), (emulator.Id, emulator.Version))
            .Replace("</Project>", $"  <ItemGroup>\n    <ProjectReference Include=\"../{Library}/{Library}.csproj\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        consumers.Write($"{EmulatorApp}/Program.cs", EmulatorProgram());

        var solution = new XDocument(new XElement("Solution",
            new[] { ReadmeApp, EmulatorApp, Library }.Select(name => new XElement("Project", new XAttribute("Path", $"{name}/{name}.csproj")))));
        solution.Save(Path.Combine(Workspace, "Consumers.slnx"));

        await Tool.DotNetAsync(["build", "Consumers.slnx", "-c", "Release", "-nodeReuse:false"], Workspace);
    }

    [Test]
    public void The_readme_first_example_is_the_package_readme_first_call()
    {
        var readme = Markdown.CSharpBlockAfter(File.ReadAllText(Repository.PathOf("README.md")), "First example");
        var package = Markdown.CSharpBlockAfter(File.ReadAllText(Path.Combine(PackageRun.State.Client.Project.Directory, "PACKAGE.md")), "A first call");
        Assert.That(package, Is.EqualTo(readme), "the example run below is the one both READMEs show");
    }

    [Test]
    public async Task The_readme_first_example_runs_on_net10_against_the_emulator_package()
    {
        var projectName = "pkgtest-" + Guid.NewGuid().ToString("N")[..8];
        var output = await RunAppAsync(ReadmeApp, "net10.0", projectName);

        // The example listed the project the set-up created, then created a branch in it.
        Assert.That(output, Does.Match(@"(?m)^\S+ " + Regex.Escape(projectName) + @" \(Postgres \d+, \S+\)$"));
        var created = Regex.Match(output, @"(?m)^created (br-\S+); operations: (.+)$");
        Assert.That(created.Success, Is.True, output);
        Assert.That(created.Groups[2].Value, Does.Contain("create_branch"), output);

        // The emulator now has that branch.
        Assert.That(output, Does.Contain($"check: {created.Groups[1].Value} "), output);
        AssertResolved(ReadmeApp, "net10.0", PackageRun.State.Client, "lib/net10.0/Neon.Api.dll");
        AssertResolved(ReadmeApp, "net10.0", PackageRun.State.Emulator, "lib/net10.0/Neon.Api.Testing.dll");
    }

    [Test]
    public async Task The_emulator_package_first_example_runs_on_net8_with_the_netstandard_library()
    {
        var projectName = "pkgtest-" + Guid.NewGuid().ToString("N")[..8];
        var output = await RunAppAsync(EmulatorApp, "net8.0", projectName);

        var listed = Regex.Matches(output, @"(?m)^(\S+) \((br-[\w-]+)\) (\w+)$").Select(m => (Name: m.Groups[1].Value, State: m.Groups[3].Value)).ToList();
        var snippetBranch = Regex.Match(EmulatorSnippet(), @"new BranchCreateRequestBranch \{ Name = ""([^""]+)"" \}").Groups[1].Value;
        Assert.That(listed.Select(b => b.Name), Is.EquivalentTo(new[] { "main", snippetBranch }), output);
        Assert.That(listed.Select(b => b.State), Has.All.EqualTo("ready"), "the operations finished (on the fast-forward clock)");
        Assert.That(Regex.Match(output, @"the emulator answered (\d+) request\(s\)").Groups[1].Value, Does.Match("^[1-9][0-9]*$"), output);

        // The netstandard2.0 library, compiled against the netstandard2.0 assets, works with the net8.0 client.
        Assert.That(output, Does.Match(@"(?m)^library: \S+: main$"), output);
        Assert.That(output, Does.Contain("library: no-such-project: not found (404)"), output);
        AssertResolved(EmulatorApp, "net8.0", PackageRun.State.Client, "lib/net8.0/Neon.Api.dll");
        AssertResolved(EmulatorApp, "net8.0", PackageRun.State.Emulator, "lib/net8.0/Neon.Api.Testing.dll");
    }

    [Test]
    public void The_netstandard_library_compiles_against_the_netstandard2_0_assets()
    {
        Assert.That(File.Exists(Path.Combine(Workspace, Library, "bin", "Release", "netstandard2.0", Library + ".dll")), Is.True);
        AssertResolved(Library, "netstandard2.0", PackageRun.State.Client, "lib/netstandard2.0/Neon.Api.dll");
    }

    [Test]
    public void The_restored_packages_are_the_ones_this_run_packed()
    {
        foreach (var package in new[] { PackageRun.State.Client, PackageRun.State.Emulator })
        {
            var folder = Path.Combine(PackageRun.State.Consumers.PackagesFolder, package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant());
            var recorded = File.ReadAllText(Path.Combine(folder, $"{package.Id.ToLowerInvariant()}.{package.Version.ToLowerInvariant()}.nupkg.sha512"));
            Assert.That(recorded, Is.EqualTo(Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(package.Nupkg)))), package.ToString());
        }

        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(Workspace, ReadmeApp, "obj", "project.assets.json")));
        var folders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p.Name))).ToList();
        Assert.That(folders, Is.EqualTo(new[] { Path.TrimEndingDirectorySeparator(Path.GetFullPath(PackageRun.State.Consumers.PackagesFolder)) }), "only this workspace's packages folder");
    }

    private static async Task<string> RunAppAsync(string app, string framework, params string[] arguments)
    {
        var dll = Path.Combine(Workspace, app, "bin", "Release", framework, app + ".dll");
        // A net8.0 app runs on the newest runtime installed when there is no 8.0 runtime, as DOTNET_ROLL_FORWARD allows.
        var result = await Tool.DotNetAsync([dll, .. arguments], Workspace, TimeSpan.FromMinutes(2), new Dictionary<string, string?>
        {
            ["DOTNET_ROLL_FORWARD"] = "Major",
            ["NEON_API_KEY"] = null,
        });
        return result.StandardOutput;
    }

    /// <summary>Asserts which file of a package the consumer compiled against (from its restore's assets file).</summary>
    private static void AssertResolved(string project, string framework, PackedPackage package, string compileAsset)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(Workspace, project, "obj", "project.assets.json")));
        var targets = assets.RootElement.GetProperty("targets").EnumerateObject().ToList();
        Assert.That(targets.Select(t => t.Name), Has.Exactly(1).Items, $"{project}: one target framework");
        Assert.That(assets.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject().Select(f => f.Name), Is.EqualTo(new[] { framework }), project);
        var target = targets[0];
        var library = target.Value.GetProperty($"{package.Id}/{package.Version}");
        Assert.That(library.GetProperty("compile").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { compileAsset }), $"{project} ({framework})");
    }

    private static string AppProject(string framework, params (string Id, string Version)[] packages) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>{framework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
        {string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />\n"))}  </ItemGroup>
        </Project>

        """;

    private static string LibraryProject((string Id, string Version) package) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.0</TargetFramework>
            <LangVersion>latest</LangVersion>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{package.Id}" Version="{package.Version}" />
          </ItemGroup>
        </Project>

        """;

    private const string LibraryCode = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Neon.Api;

        namespace NetStandardLibrary;

        /// <summary>A netstandard2.0 library of the kind internal tools share: it lists a project's branches.</summary>
        public static class BranchReport
        {
            /// <summary>A client with options set here, on netstandard2.0: the clock is the TimeProvider of Microsoft.Bcl.TimeProvider.</summary>
            public static NeonClient CreateClient(string apiKey, System.Net.Http.HttpMessageHandler handler) =>
                new NeonClient(apiKey, handler, new NeonClientOptions { ApplicationName = "netstandard-library/1.0", TimeProvider = TimeProvider.System });

            public static async Task<string> DescribeAsync(NeonClient neon, string projectId, CancellationToken cancellationToken = default)
            {
                try
                {
                    var names = new List<string>();
                    await foreach (var branch in neon.Branch.ListProjectBranchesAllAsync(projectId, cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                        names.Add(branch.Name);
                    }

                    names.Sort(StringComparer.Ordinal);
                    return $"{projectId}: {string.Join(", ", names)}";
                }
                catch (NeonNotFoundException e)
                {
                    return $"{projectId}: not found ({e.Status})";
                }
            }
        }

        """;

    /// <summary>
    /// README.md's first example, run against a loopback emulator: the set-up creates a project (named by the
    /// test), the example's client gets the emulator's base URI (the only change to it), and a check lists the branches.
    /// </summary>
    private static string ReadmeProgram()
    {
        var (usings, body) = Markdown.SplitUsings(Markdown.CSharpBlockAfter(File.ReadAllText(Repository.PathOf("README.md")), "First example"));
        return $$"""
            {{usings}}
            using Neon.Api.Testing;

            // Set-up (test): an emulator on a loopback port with one project, named by the first argument.
            await using var emulator = await FakeNeon.StartAsync(new FakeNeonOptions { OperationDuration = TimeSpan.FromMilliseconds(100) });
            Environment.SetEnvironmentVariable("NEON_API_KEY", FakeNeon.DefaultApiKey);
            using (var setup = new NeonClient(FakeNeon.DefaultApiKey, new NeonClientOptions { BaseUri = emulator.BaseUri }))
            {
                await setup.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = args[0] } });
            }

            // README.md, "First example"
            {{PointAtEmulator(body)}}

            // Check (test): the branches the emulator now has in the first project.
            using (var check = new NeonClient(FakeNeon.DefaultApiKey, new NeonClientOptions { BaseUri = emulator.BaseUri }))
            {
                var first = (await check.Project.ListProjectsAsync()).Projects[0];
                await foreach (var branch in check.Branch.ListProjectBranchesAllAsync(first.Id))
                {
                    Console.WriteLine($"check: {branch.Id} {branch.Name}");
                }
            }

            """;
    }

    private static string EmulatorSnippet() =>
        Markdown.CSharpBlockAfter(File.ReadAllText(Path.Combine(PackageRun.State.Emulator.Project.Directory, "PACKAGE.md")), "A first test");

    /// <summary>The emulator package's first example as it stands, then the netstandard2.0 library on a second emulator.</summary>
    private static string EmulatorProgram()
    {
        var (usings, body) = Markdown.SplitUsings(EmulatorSnippet());
        return $$"""
            {{usings}}

            // NeonDotNet.Api.Testing's PACKAGE.md, "A first test"
            {{body}}

            // The netstandard2.0 library (test), on an emulator of its own; the project is named by the first argument.
            using (var libraryEmulator = new FakeNeon(new FakeNeonOptions { OperationDuration = TimeSpan.Zero }))
            using (var libraryClient = NetStandardLibrary.BranchReport.CreateClient(FakeNeon.DefaultApiKey, libraryEmulator.CreateHandler()))
            {
                var libraryProject = await libraryClient.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = args[0] } });
                Console.WriteLine("library: " + await NetStandardLibrary.BranchReport.DescribeAsync(libraryClient, libraryProject.Project.Id));
                Console.WriteLine("library: " + await NetStandardLibrary.BranchReport.DescribeAsync(libraryClient, "no-such-project"));
            }

            """;
    }

    /// <summary>Gives the example's one <c>new NeonClient(...)</c> the emulator's base URI as its options.</summary>
    private static string PointAtEmulator(string code)
    {
        const string Constructor = "new NeonClient(";
        var start = code.IndexOf(Constructor, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the README's first example constructs a NeonClient");
        Assert.That(code.IndexOf(Constructor, start + 1, StringComparison.Ordinal), Is.Negative, "the README's first example constructs one NeonClient");

        var depth = 0;
        for (var i = start + Constructor.Length - 1; i < code.Length; i++)
        {
            depth += code[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                var arguments = code[(start + Constructor.Length)..i];
                Assert.That(arguments, Does.Not.Contain("NeonClientOptions"), "the example passes options of its own: update this test");
                return code[..i] + ", new NeonClientOptions { BaseUri = emulator.BaseUri }" + code[i..];
            }
        }

        throw new InvalidOperationException("Unbalanced parentheses in the README's first example.");
    }
}
