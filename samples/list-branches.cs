#!/usr/bin/env dotnet
// Lists the branches of a Neon project, for scripts and CI jobs (.NET 10 file-based app):
//
//   NEON_API_KEY=... dotnet run list-branches.cs -- <project-id>
//
// Without NEON_API_KEY it starts the in-process Neon emulator (NeonDotNet.Api.Testing), creates a demo project with a
// preview branch there, and lists that project's branches: try it with `dotnet run list-branches.cs`.
// Output: one line per branch (id, name, state, "default" for the default branch), tab-separated, on stdout.
//
// Copy this file anywhere and set the versions below to the release you use. The repository's tests run it against
// the packages they have just packed (tests/Neon.Api.PackageTests/FileBasedAppTests.cs).
#:package NeonDotNet.Api@0.1.0
#:package NeonDotNet.Api.Testing@0.1.0

using Neon.Api;
using Neon.Api.Testing;

var apiKey = Environment.GetEnvironmentVariable(NeonClient.ApiKeyVariable);
var options = new NeonClientOptions { ApplicationName = "list-branches/1.0" };
FakeNeon? emulator = null;
try
{
    string projectId;
    if (string.IsNullOrWhiteSpace(apiKey))
    {
        emulator = await FakeNeon.StartAsync(new FakeNeonOptions { OperationDuration = TimeSpan.FromMilliseconds(100) });
        apiKey = FakeNeon.DefaultApiKey;
        options.BaseUri = emulator.BaseUri;
        Console.Error.WriteLine($"{NeonClient.ApiKeyVariable} is not set: listing a demo project on the Neon emulator at {emulator.BaseUri}");

        using var setup = new NeonClient(apiKey, options);
        var demo = await setup.Project.CreateProjectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "list-branches-demo" } });
        await setup.Branch
            .CreateProjectBranchAsync(demo.Project.Id, new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = "preview/pr-1" } })
            .WaitForOperationsAsync(setup);
        projectId = demo.Project.Id;
    }
    else if (args.Length == 1)
    {
        projectId = args[0];
    }
    else
    {
        Console.Error.WriteLine("usage: dotnet run list-branches.cs -- <project-id>");
        return 2;
    }

    using var neon = new NeonClient(apiKey, options);
    var count = 0;
    await foreach (var branch in neon.Branch.ListProjectBranchesAllAsync(projectId, sortBy: ListProjectBranchesSortBy.Name, sortOrder: SortOrder.Asc))
    {
        Console.WriteLine($"{branch.Id}\t{branch.Name}\t{branch.CurrentState}{(branch.Default ? "\tdefault" : "")}");
        count++;
    }

    Console.Error.WriteLine($"{count} branch(es) in project {projectId}");
    return 0;
}
catch (NeonNotFoundException)
{
    Console.Error.WriteLine("no such project, or the API key cannot see it");
    return 1;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
