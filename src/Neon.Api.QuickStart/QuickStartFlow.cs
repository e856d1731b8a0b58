using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.Paging;

namespace Neon.Api.QuickStart;

/// <summary>Settings of the quick-start flow. The defaults suit the real Neon API.</summary>
internal sealed class QuickStartOptions
{
    /// <summary>How to wait for Neon operations (deadline, poll delays; tests inject a delay that moves a manual clock).</summary>
    public NeonWaitOptions Wait { get; init; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Branches per page when listing; small on purpose, to show several pages.</summary>
    public int PageSize { get; init; } = 1;

    /// <summary>The clock for project names.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Called with the connection URI (password included) before the project is deleted: the PostgreSQL mode runs a
    /// query through it. Null (the default) only prints the URI, masked.
    /// </summary>
    public Func<string, CancellationToken, Task>? UseConnection { get; init; }
}

/// <summary>What the flow made and saw.</summary>
internal sealed record QuickStartResult(
    string ProjectId,
    string BranchId,
    string RoleName,
    string DatabaseName,
    IReadOnlyList<string> BranchNames,
    int Pages,
    string MaskedConnectionUri,
    bool ProjectDeleted);

/// <summary>
/// The quick start: create a project, a branch, a role and a database (waiting for each step's operations), list the
/// branches page by page, print a connection URI with its password masked, and delete the project again.
/// </summary>
internal sealed class QuickStartFlow(NeonClient client, TextWriter output, QuickStartOptions? options = null)
{
    private const string BranchName = "quickstart-dev";
    private const string RoleName = "quickstart_app";
    private const string DatabaseName = "quickstart_db";

    private readonly QuickStartOptions _options = options ?? new QuickStartOptions();

    public async Task<QuickStartResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var wait = _options.Wait;
        var projectName = $"quickstart-{_options.TimeProvider.GetUtcNow():yyyyMMdd-HHmmss}";

        // 1. A project comes with a default branch, compute endpoint, database and owner role.
        var project = await client.Project.CreateProjectAsync(
            new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = projectName } },
            cancellationToken);
        var projectId = project.Project.Id;
        output.WriteLine($"Created project {projectName} ({projectId})");

        var deleted = false;
        try
        {
            await project.WaitForOperationsAsync(client, wait, cancellationToken);
            output.WriteLine($"  {project.Operations.Count} operation(s) finished");

            // 2. A branch of the default branch, with its own read-write compute.
            var branch = await client.Branch.CreateProjectBranchAsync(
                projectId,
                new CreateProjectBranchRequest
                {
                    Branch = new BranchCreateRequestBranch { Name = BranchName },
                    Endpoints = [new BranchCreateRequestEndpointOptions { Type = EndpointType.ReadWrite }],
                },
                cancellationToken);
            var branchId = branch.Branch.Id;
            output.WriteLine($"Created branch {BranchName} ({branchId}); waiting for {branch.Operations.Count} operation(s)");
            await branch.WaitForOperationsAsync(client, wait, cancellationToken);
            output.WriteLine("  branch is ready");

            // 3. A role, then a database it owns. The project is locked (423) while operations run: wait after each.
            await client.Branch.CreateProjectBranchRoleAsync(
                projectId,
                branchId,
                new RoleCreateRequest { Role = new RoleCreateRequestRole { Name = RoleName } },
                cancellationToken).WaitForOperationsAsync(client, wait, cancellationToken);
            output.WriteLine($"Created role {RoleName}");

            await client.Branch.CreateProjectBranchDatabaseAsync(
                projectId,
                branchId,
                new DatabaseCreateRequest { Database = new DatabaseCreateRequestDatabase { Name = DatabaseName, OwnerName = RoleName } },
                cancellationToken).WaitForOperationsAsync(client, wait, cancellationToken);
            output.WriteLine($"Created database {DatabaseName} owned by {RoleName}");

            // 4. All branches, a page at a time.
            var names = new List<string>();
            var pages = 0;
            var branches = client.Branch.ListProjectBranchesAllAsync(projectId, limit: _options.PageSize, cancellationToken: cancellationToken);
            await foreach (var page in branches.AsPages())
            {
                pages++;
                names.AddRange(page.Items.Select(listed => listed.Name));
                output.WriteLine($"  branches page {pages}: {string.Join(", ", page.Items.Select(listed => $"{listed.Name} ({listed.Id})"))}");
            }

            output.WriteLine($"Listed {names.Count} branch(es) in {pages} page(s)");

            // 5. How to connect (the password stays secret).
            var connection = await client.Project.GetConnectionURIAsync(
                projectId,
                DatabaseName,
                RoleName,
                branchId: branchId,
                cancellationToken: cancellationToken);
            var masked = ConnectionUris.MaskPassword(connection.Uri);
            output.WriteLine($"Connection URI: {masked}");
            if (_options.UseConnection is { } useConnection)
            {
                await useConnection(connection.Uri, cancellationToken);
            }

            var result = new QuickStartResult(projectId, branchId, RoleName, DatabaseName, names, pages, masked, ProjectDeleted: false);

            // 6. Clean up (also done by the finally block below when something above fails).
            await client.Project.DeleteProjectAsync(projectId, cancellationToken);
            deleted = true;
            output.WriteLine($"Deleted project {projectId}");
            return result with { ProjectDeleted = true };
        }
        finally
        {
            if (!deleted)
            {
                await DeleteAfterFailureAsync(projectId);
            }
        }
    }

    private async Task DeleteAfterFailureAsync(string projectId)
    {
        try
        {
            // Not the caller's token: cleanup must run even when the flow was cancelled. A step that failed may have
            // left operations running (the project is locked until they end), so wait for those first.
            var running = new List<NeonOperationState>();
            await foreach (var operation in client.Operation.ListProjectOperationsAllAsync(projectId, cancellationToken: CancellationToken.None))
            {
                var state = new NeonOperationState(operation.Id, operation.ProjectId, operation.Action.Value, operation.Status.Value, operation.Error);
                if (!state.IsTerminal)
                {
                    running.Add(state);
                }
            }

            await NeonOperationWaiter.WaitAsync(running, client, _options.Wait, CancellationToken.None);

            await client.Project.DeleteProjectAsync(projectId, CancellationToken.None);
            output.WriteLine($"Deleted project {projectId}");
        }
        catch (Exception exception) when (exception is NeonException or OperationCanceledException)
        {
            output.WriteLine($"Could not delete project {projectId}; delete it in the Neon Console. ({exception.Message})");
        }
    }
}

/// <summary>Connection URI helpers.</summary>
internal static class ConnectionUris
{
    /// <summary>Replaces the password of <c>postgresql://role:password@host/db</c> with <c>****</c>.</summary>
    public static string MaskPassword(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var authorityEnd = uri.IndexOfAny(['/', '?', '#'], start);
        var end = authorityEnd < 0 ? uri.Length : authorityEnd;
        var at = end > start ? uri.LastIndexOf('@', end - 1, end - start) : -1;
        if (at < 0)
        {
            return uri;
        }

        var colon = uri.IndexOf(':', start, at - start);
        return colon < 0 ? uri : string.Concat(uri.AsSpan(0, colon + 1), "****", uri.AsSpan(at));
    }
}
