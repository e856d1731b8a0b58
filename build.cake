// Build script: dotnet tool restore && dotnet cake [--target=<name>] [--configuration=Release]
// Public targets only chain dependencies; the work happens in the small internal tasks (prefixed __).

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
var msbuild = new DotNetMSBuildSettings().SetConfiguration(configuration).WithProperty("TreatWarningsAsErrors", "true");

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
        foreach (var project in new[] { "./src/Neon.Api/Neon.Api.csproj", "./src/Neon.Api.Testing/Neon.Api.Testing.csproj" })
        {
            DotNetPack(project, new DotNetPackSettings
            {
                Configuration = configuration,
                NoRestore = true,
                NoBuild = true,
                OutputDirectory = packages,
                MSBuildSettings = msbuild,
            });
        }
    });

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

///////////////////////////////////////////////////////////////////////////////
// TARGETS
///////////////////////////////////////////////////////////////////////////////

Task("Build").IsDependentOn("__Restore").IsDependentOn("__Build");
Task("Test").IsDependentOn("Build").IsDependentOn("__Test");
Task("Pack").IsDependentOn("__Clean").IsDependentOn("Test").IsDependentOn("__Pack");
Task("QuickStart").IsDependentOn("Build").IsDependentOn("__QuickStart");
Task("Benchmarks").IsDependentOn("__BenchmarksReadyToRun").IsDependentOn("__Benchmarks");
Task("Default").IsDependentOn("Pack");

///////////////////////////////////////////////////////////////////////////////
// EXECUTION
///////////////////////////////////////////////////////////////////////////////

RunTarget(target);
