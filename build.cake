// Build script: dotnet tool restore && dotnet cake [--target=<name>] [--configuration=Release]
// Public targets only chain dependencies; the work happens in the small internal tasks (prefixed __).

///////////////////////////////////////////////////////////////////////////////
// ARGUMENTS
///////////////////////////////////////////////////////////////////////////////

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");

///////////////////////////////////////////////////////////////////////////////
// SETUP
///////////////////////////////////////////////////////////////////////////////

var solution = File("./Neon.Generated.sln");
var artifacts = Directory("./artifacts");
var packages = artifacts + Directory("packages");
var testResults = artifacts + Directory("test-results");
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

Task("__Benchmarks")
    .Does(() => DotNetRun("./tests/Neon.Api.Benchmarks/Neon.Api.Benchmarks.csproj", new DotNetRunSettings { Configuration = "Release" }));

///////////////////////////////////////////////////////////////////////////////
// TARGETS
///////////////////////////////////////////////////////////////////////////////

Task("Build").IsDependentOn("__Restore").IsDependentOn("__Build");
Task("Test").IsDependentOn("Build").IsDependentOn("__Test");
Task("Pack").IsDependentOn("__Clean").IsDependentOn("Test").IsDependentOn("__Pack");
Task("QuickStart").IsDependentOn("Build").IsDependentOn("__QuickStart");
Task("Benchmarks").IsDependentOn("__Benchmarks");
Task("Default").IsDependentOn("Pack");

///////////////////////////////////////////////////////////////////////////////
// EXECUTION
///////////////////////////////////////////////////////////////////////////////

RunTarget(target);
