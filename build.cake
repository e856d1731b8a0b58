// Build script: dotnet tool restore && dotnet cake [--target=<name>] [--configuration=Release]
// Public targets only chain dependencies; the work happens in the small internal tasks (prefixed __).

using System.Text.Json;

///////////////////////////////////////////////////////////////////////////////
// ARGUMENTS
///////////////////////////////////////////////////////////////////////////////

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");

// Benchmarks only: --bench-filter=<BenchmarkDotNet glob>, --short (ShortRun job, 10 cold starts), --update-readme
// (write the results block of tests/Neon.Api.Benchmarks/README.md), --no-r2r (skip the ReadyToRun cold start).
var benchFilter = Argument("bench-filter", "*");
var benchShort = HasArgument("short");
var benchUpdateReadme = HasArgument("update-readme");
var benchReadyToRun = !HasArgument("no-r2r");

// UpdateSpec only: --spec-version=X (a published @neondatabase/api-client), or --spec-file=PATH for an unpublished spec
// (with --spec-version, the version to record for it).
var specVersion = Argument<string>("spec-version", null);
var specFile = Argument<string>("spec-file", null);

///////////////////////////////////////////////////////////////////////////////
// SETUP
///////////////////////////////////////////////////////////////////////////////

var solution = File("./Neon.Generated.sln");
var artifacts = Directory("./artifacts");
var packages = artifacts + Directory("packages");
var testResults = artifacts + Directory("test-results");
var benchProject = "./tests/Neon.Api.Benchmarks/Neon.Api.Benchmarks.csproj";
var benchArtifacts = artifacts + Directory("benchmarks");
var benchReadyToRunDir = benchArtifacts + Directory("r2r");
var specUpdate = artifacts + Directory("spec-update");
var specUpdateTool = "./generators/Neon.Api.SpecUpdate/Neon.Api.SpecUpdate.csproj";
var specBuildLog = specUpdate + File("build-errors.log");
var specBuildFailed = false;
string specApiSkipped = null;
var apiBaselineLogs = artifacts + Directory("api-baseline");
var msbuild = new DotNetMSBuildSettings().SetConfiguration(configuration).WithProperty("TreatWarningsAsErrors", "true");

// Packages are built as CI builds: deterministic, source paths mapped to /_/, SourceLink to the commit.
var packMsbuild = new DotNetMSBuildSettings().SetConfiguration(configuration)
    .WithProperty("TreatWarningsAsErrors", "true")
    .WithProperty("ContinuousIntegrationBuild", "true");

// Every project under src/ that says <IsPackable>true</IsPackable> is a package (src/Directory.Build.props).
IEnumerable<FilePath> PackableProjects() => GetFiles("./src/*/*.csproj")
    .Where(project => System.IO.File.ReadAllText(project.FullPath).Contains("<IsPackable>true</IsPackable>"))
    .Select(project => (FilePath)project)
    .OrderBy(project => project.FullPath, StringComparer.Ordinal)
    .ToList();

Setup(context => Information("Building Neon.Generated ({0})", configuration));

///////////////////////////////////////////////////////////////////////////////
// TASKS
///////////////////////////////////////////////////////////////////////////////

Task("__Clean")
    .Does(() => CleanDirectory(artifacts));

Task("__Restore")
    .Does(() => DotNetRestore(solution));

Task("__Build")
    .Does(() => DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
        MSBuildSettings = msbuild,
    }));

Task("__Test")
    .Does(() => DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoRestore = true,
        NoBuild = true,
        ResultsDirectory = testResults,
        Loggers = new[] { "trx" },
    }));

Task("__Pack")
    .Does(() =>
    {
        foreach (var project in PackableProjects())
        {
            // Rebuilt, not reused: the test build was not a CI build, and a package must hold CI binaries.
            DotNetBuild(project.FullPath, new DotNetBuildSettings
            {
                Configuration = configuration,
                NoRestore = true,
                NoIncremental = true,
                MSBuildSettings = packMsbuild,
            });
            DotNetPack(project.FullPath, new DotNetPackSettings
            {
                Configuration = configuration,
                NoRestore = true,
                NoBuild = true,
                OutputDirectory = packages,
                MSBuildSettings = packMsbuild,
            });
        }
    });

// Regenerates the public API baseline of every package after an intended API change: empties each
// PublicAPI.Unshipped.txt, builds with the analyzer reporting into SARIF logs (src/Directory.Build.targets), and writes
// back every public symbol not in PublicAPI.Shipped.txt, plus a *REMOVED* line for each shipped one that is gone.
// What all target frameworks share goes beside the project; what only one has goes under PublicAPI/<tfm>/.
Task("__ApiBaseline")
    .Does(() => RegenerateApiBaseline());

Task("__QuickStart")
    .Does(() => DotNetRun("./src/Neon.Api.QuickStart/Neon.Api.QuickStart.csproj", new DotNetRunSettings { Configuration = configuration, NoRestore = true, NoBuild = true }));

Task("__BenchmarksReadyToRun")
    .WithCriteria(() => benchReadyToRun)
    .Does(() => DotNetPublish(benchProject, new DotNetPublishSettings
    {
        Configuration = "Release",
        OutputDirectory = benchReadyToRunDir,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("NeonBenchReadyToRun", "true").WithProperty("TreatWarningsAsErrors", "true"),
    }));

Task("__Benchmarks")
    .Does(() =>
    {
        var arguments = new ProcessArgumentBuilder()
            .Append("--filter").AppendQuoted(benchFilter)
            .Append("--artifacts").AppendQuoted(MakeAbsolute(benchArtifacts).FullPath)
            .Append("--report").AppendQuoted(MakeAbsolute(benchArtifacts + File("neon-benchmarks.md")).FullPath);
        if (benchShort)
        {
            arguments.Append("--short").Append("--cold-start-runs").Append("10");
        }

        if (benchReadyToRun)
        {
            arguments.Append("--r2r").AppendQuoted(MakeAbsolute(benchReadyToRunDir + File("Neon.Api.Benchmarks.dll")).FullPath);
        }

        if (benchUpdateReadme)
        {
            arguments.Append("--update-readme").AppendQuoted(MakeAbsolute(File("./tests/Neon.Api.Benchmarks/README.md")).FullPath);
        }

        DotNetRun(benchProject, arguments, new DotNetRunSettings { Configuration = "Release" });
    });

// UpdateSpec: vendor the spec (the tool fetches it with npm, checks the tarball's integrity and the YAML, and keeps the
// state before in artifacts/spec-update/before), regenerate and build, run the tests, then report what changed.
// Only a spec that cannot be generated or built fails the target; failed tests are listed in the report.
Task("__SpecFetch")
    .Does(() =>
    {
        if (specVersion is null && specFile is null)
        {
            throw new CakeException("UpdateSpec needs --spec-version=X (a published @neondatabase/api-client) or --spec-file=PATH.");
        }

        EnsureDirectoryExists(specUpdate);
        CleanDirectory(specUpdate);
        var command = "dotnet cake --target=UpdateSpec"
            + (specVersion is null ? "" : $" --spec-version={specVersion}")
            + (specFile is null ? "" : $" --spec-file={specFile}");
        var arguments = SpecUpdateArguments("fetch").Append("--command").AppendQuoted(command);
        if (specVersion is not null)
        {
            arguments.Append("--version").AppendQuoted(specVersion);
        }

        if (specFile is not null)
        {
            arguments.Append("--file").AppendQuoted(MakeAbsolute(File(specFile)).FullPath);
        }

        DotNetRun(specUpdateTool, arguments, new DotNetRunSettings { Configuration = configuration });
    });

Task("__SpecBuild")
    .Does(() =>
    {
        try
        {
            DotNetRestore(solution);
        }
        catch (Exception exception)
        {
            throw new CakeException($"UpdateSpec could not restore the solution: {exception.Message}");
        }

        // The packages first: each is regenerated and built alone, and its PublicAPI files rewritten for the new spec
        // (the report compares them with the copies kept before the update). When that fails, the copies go back.
        try
        {
            RegenerateApiBaseline(specBuildLog);
        }
        catch (Exception exception)
        {
            specBuildFailed = true;
            specApiSkipped = "the packages could not be generated or built, so their public API was not regenerated";
            if (DirectoryExists(specUpdate + Directory("before/api")))
            {
                CopyDirectory(specUpdate + Directory("before/api"), Directory("./src"));
            }

            Error("A package could not be generated or built with the new spec: {0}", exception.Message);
            return;
        }

        try
        {
            DotNetBuild(solution, new DotNetBuildSettings
            {
                Configuration = configuration,
                NoRestore = true,
                MSBuildSettings = msbuild,
                // The errors alone, for the report to say what could not be generated or built.
                ArgumentCustomization = args => args.Append($"\"-flp:errorsonly;append;logfile={MakeAbsolute(specBuildLog).FullPath}\""),
            });
        }
        catch (Exception exception)
        {
            specBuildFailed = true;
            Error("The solution could not be generated or built with the new spec: {0}", exception.Message);
        }
    });

Task("__SpecTest")
    .WithCriteria(() => !specBuildFailed)
    .Does(() =>
    {
        try
        {
            DotNetTest(solution, new DotNetTestSettings
            {
                Configuration = configuration,
                NoRestore = true,
                NoBuild = true,
                ResultsDirectory = specUpdate + Directory("test-results"),
                Loggers = new[] { "trx" },
            });
        }
        catch (Exception)
        {
            Warning("Some tests failed with the new spec: the report names them.");
        }
    });

Task("__SpecReport")
    .Does(() =>
    {
        var arguments = SpecUpdateArguments("report")
            .Append("--tests").AppendQuoted(MakeAbsolute(specUpdate + Directory("test-results")).FullPath)
            .Append("--changelog");
        if (specBuildFailed)
        {
            arguments.Append("--build-log").AppendQuoted(MakeAbsolute(specBuildLog).FullPath);
        }

        if (specApiSkipped is not null)
        {
            arguments.Append("--no-api").AppendQuoted(specApiSkipped);
        }

        DotNetRun(specUpdateTool, arguments, new DotNetRunSettings { Configuration = configuration, NoBuild = true, NoRestore = true });
        if (specBuildFailed)
        {
            var failure = specUpdate + File("build-failure.txt");
            var what = FileExists(failure) ? System.IO.File.ReadAllText(MakeAbsolute(failure).FullPath) : "see the build output above";
            throw new CakeException($"UpdateSpec could not generate or build the solution with the new spec ({what}); the errors are listed in {specUpdate}/REPORT.md.");
        }
    });

///////////////////////////////////////////////////////////////////////////////
// HELPERS
///////////////////////////////////////////////////////////////////////////////

ProcessArgumentBuilder SpecUpdateArguments(string command) => new ProcessArgumentBuilder()
    .Append(command)
    .Append("--repo").AppendQuoted(MakeAbsolute(Directory(".")).FullPath)
    .Append("--work").AppendQuoted(MakeAbsolute(specUpdate).FullPath);

// Regenerates the public API baseline of every package (see __ApiBaseline); errorLog, when given, receives the errors.
void RegenerateApiBaseline(FilePath errorLog = null)
{
    foreach (var project in PackableProjects())
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        var directory = project.GetDirectory();
        var logs = MakeAbsolute(apiBaselineLogs + Directory(name));
        EnsureDirectoryExists(logs);
        CleanDirectory(logs);

        WriteApiFile(directory.CombineWithFilePath("PublicAPI.Unshipped.txt"), Enumerable.Empty<string>());
        if (!FileExists(directory.CombineWithFilePath("PublicAPI.Shipped.txt")))
        {
            WriteApiFile(directory.CombineWithFilePath("PublicAPI.Shipped.txt"), Enumerable.Empty<string>());
        }

        foreach (var file in GetFiles(directory.FullPath + "/PublicAPI/*/PublicAPI.Unshipped.txt"))
        {
            WriteApiFile(file, Enumerable.Empty<string>());
        }

        DotNetBuild(project.FullPath, new DotNetBuildSettings
        {
            Configuration = configuration,
            NoRestore = true,
            NoIncremental = true,
            MSBuildSettings = new DotNetMSBuildSettings().SetConfiguration(configuration).WithProperty("NeonApiBaselineLog", logs.FullPath + "/"),
            ArgumentCustomization = errorLog is null ? null : args => args.Append($"\"-flp:errorsonly;append;logfile={MakeAbsolute(errorLog).FullPath}\""),
        });

        WriteApiBaseline(name, directory, logs);
    }
}

// A public API file: "#nullable enable" (the analyzer then tracks nullability), then one symbol a line.
void WriteApiFile(FilePath path, IEnumerable<string> lines)
{
    EnsureDirectoryExists(path.GetDirectory());
    System.IO.File.WriteAllText(path.FullPath, string.Join("\n", new[] { "#nullable enable" }.Concat(lines)) + "\n");
}

// Reads what the analyzer reported for each target framework and writes the Unshipped files from it.
void WriteApiBaseline(string name, DirectoryPath directory, DirectoryPath logs)
{
    var frameworks = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
    foreach (var log in GetFiles(logs.FullPath + "/" + name + ".*.sarif"))
    {
        var framework = log.GetFilenameWithoutExtension().ToString().Substring(name.Length + 1);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(log.FullPath));
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                if (result.TryGetProperty("suppressions", out _))
                {
                    continue;
                }

                var rule = result.GetProperty("ruleId").GetString();
                if (rule == "RS0016")
                {
                    // The analyzer puts the exact line (nullability included) in the diagnostic's properties.
                    lines.Add(result.GetProperty("properties").GetProperty("customProperties").GetProperty("APIName").GetString()!);
                }
                else if (rule == "RS0017")
                {
                    // "Symbol '<line>' is part of the declared API, but is either not public or could not be found"
                    var message = result.GetProperty("message").GetProperty("text").GetString()!;
                    var start = message.IndexOf('\'') + 1;
                    lines.Add("*REMOVED*" + message.Substring(start, message.LastIndexOf("' is part of", StringComparison.Ordinal) - start));
                }
                else if (rule is "RS0024" or "RS0025" or "RS0048")
                {
                    throw new CakeException($"{name} ({framework}): {result.GetProperty("message").GetProperty("text").GetString()}");
                }
            }
        }

        frameworks[framework] = lines;
    }

    if (frameworks.Count == 0)
    {
        throw new CakeException($"{name}: the build wrote no analyzer log to {logs}; is Microsoft.CodeAnalysis.PublicApiAnalyzers referenced?");
    }

    var shared = new SortedSet<string>(frameworks.Values.First(), StringComparer.Ordinal);
    foreach (var lines in frameworks.Values.Skip(1))
    {
        shared.IntersectWith(lines);
    }

    WriteApiFile(directory.CombineWithFilePath("PublicAPI.Unshipped.txt"), shared);
    Information("{0}: {1} line(s) in PublicAPI.Unshipped.txt", name, shared.Count);
    foreach (var (framework, lines) in frameworks)
    {
        var own = lines.Where(line => !shared.Contains(line)).ToList();
        var unshipped = directory.Combine("PublicAPI").Combine(framework).CombineWithFilePath("PublicAPI.Unshipped.txt");
        if (own.Count > 0)
        {
            WriteApiFile(unshipped, own);
            Information("{0}: {1} line(s) only in {2}", name, own.Count, framework);
        }
        else if (FileExists(unshipped) && !FileExists(unshipped.GetDirectory().CombineWithFilePath("PublicAPI.Shipped.txt")))
        {
            DeleteFile(unshipped);
        }
    }
}

///////////////////////////////////////////////////////////////////////////////
// TARGETS
///////////////////////////////////////////////////////////////////////////////

Task("Build").IsDependentOn("__Restore").IsDependentOn("__Build");
Task("Test").IsDependentOn("Build").IsDependentOn("__Test");
Task("Pack").IsDependentOn("__Clean").IsDependentOn("Test").IsDependentOn("__Pack");
Task("QuickStart").IsDependentOn("Build").IsDependentOn("__QuickStart");
Task("Benchmarks").IsDependentOn("__BenchmarksReadyToRun").IsDependentOn("__Benchmarks");
Task("UpdateSpec").IsDependentOn("__SpecFetch").IsDependentOn("__SpecBuild").IsDependentOn("__SpecTest").IsDependentOn("__SpecReport");
Task("ApiBaseline").IsDependentOn("__Restore").IsDependentOn("__ApiBaseline").IsDependentOn("__Build");
Task("Default").IsDependentOn("Pack");

///////////////////////////////////////////////////////////////////////////////
// EXECUTION
///////////////////////////////////////////////////////////////////////////////

RunTarget(target);
