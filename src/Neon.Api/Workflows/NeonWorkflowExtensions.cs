using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;
using Neon.Api.Operations;

namespace Neon.Api.Workflows;

/// <summary>
/// Common flows in one call each: a branch ready to connect to, an ephemeral branch per test, a reset from the parent,
/// a project ready to connect to. They are made of the client's own operations, so every request goes through its
/// send path (project queue, retries, deadline, telemetry), waiting is <c>WaitForOperationsAsync</c> on the client's
/// clock, cancellation reaches every call and wait, and failures are the client's exceptions.
/// </summary>
public static class NeonWorkflowExtensions
{
    private const string CreateBranchOperation = "createProjectBranch";
    private const string CreateProjectOperation = "createProject";

    /// <summary>
    /// Creates a branch with a compute endpoint, waits until both are ready, and returns how to connect to it: one call
    /// for <c>createProjectBranch</c>, the wait, and (when the create response does not carry the URIs)
    /// <c>getConnectionURI</c> direct and pooled.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="options">Parent, point in time, name, endpoint type, database, role, time to live and waiting; defaults when null.</param>
    /// <param name="cancellationToken">Cancels every call and wait.</param>
    /// <returns>The branch's ids and its connection.</returns>
    /// <exception cref="ArgumentException"><paramref name="projectId"/> is empty, or the options contradict each other.</exception>
    /// <exception cref="NeonWorkflowException">No branch has <see cref="NeonBranchOptions.ParentBranchName"/>, or the branch has several databases and none was chosen.</exception>
    /// <exception cref="NeonApiException">Neon refused a call (after the client's retries).</exception>
    /// <exception cref="NeonOperationFailedException">A create operation failed.</exception>
    /// <exception cref="NeonOperationTimeoutException">The operations were unfinished at the wait's deadline.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// When anything fails after Neon created the branch (the wait, the choice of database, the connection URIs, a
    /// cancellation), the branch is deleted before the exception is rethrown, so a failed call leaves nothing behind;
    /// a failure of that clean-up is logged (event <c>NeonResourceNotDeleted</c>).
    /// </remarks>
    public static async Task<NeonBranchConnection> CreateBranchAndConnectAsync(
        this NeonClient client,
        string projectId,
        NeonBranchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options = Checked(client, projectId, options);
        return await CreateAsync(client, projectId, options, options.TimeToLive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a branch as <see cref="CreateBranchAndConnectAsync"/> does, with Neon's <c>expires_at</c> set to the
    /// client's clock plus <see cref="NeonBranchOptions.TimeToLive"/> (default <see cref="NeonEphemeralBranch.DefaultTimeToLive"/>),
    /// and returns it as an object that deletes the branch when disposed.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="options">As for <see cref="CreateBranchAndConnectAsync"/>; <see cref="NeonBranchOptions.Wait"/> also applies to the deletion.</param>
    /// <param name="cancellationToken">Cancels every call and wait of the creation.</param>
    /// <returns>The branch; dispose it (<c>await using</c>) to delete it.</returns>
    /// <exception cref="ArgumentException"><paramref name="projectId"/> is empty, or the options contradict each other.</exception>
    /// <exception cref="NeonWorkflowException">As for <see cref="CreateBranchAndConnectAsync"/>.</exception>
    /// <exception cref="NeonApiException">Neon refused a call (after the client's retries).</exception>
    /// <exception cref="NeonOperationFailedException">A create operation failed.</exception>
    /// <exception cref="NeonOperationTimeoutException">The operations were unfinished at the wait's deadline.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<NeonEphemeralBranch> CreateEphemeralBranchAsync(
        this NeonClient client,
        string projectId,
        NeonBranchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options = Checked(client, projectId, options);
        var branch = await CreateAsync(client, projectId, options, options.TimeToLive ?? NeonEphemeralBranch.DefaultTimeToLive, cancellationToken).ConfigureAwait(false);
        return new NeonEphemeralBranch(client, branch, options.Wait);
    }

    /// <summary>
    /// Resets a branch to the current state of its parent (<c>restoreProjectBranch</c> with the parent as
    /// <c>source_branch_id</c>) and waits until it is done. The branch keeps its id, name and endpoints; its data and
    /// schema become the parent's.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="branchId">The branch to reset.</param>
    /// <param name="preserveUnderName">Keep the branch's current state as a new branch of this name (Neon requires it when the branch has children); <see langword="null"/> to discard it.</param>
    /// <param name="waitOptions">How to wait; default <see cref="NeonWaitOptions.Default"/> on the client's clock.</param>
    /// <param name="cancellationToken">Cancels every call and wait.</param>
    /// <returns>The restore response (its <c>Branch</c> carries <c>LastResetAt</c>), once its operations have finished.</returns>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    /// <exception cref="NeonWorkflowException">The branch has no parent (a root branch).</exception>
    /// <exception cref="NeonApiException">Neon refused a call (after the client's retries), for example 404 for an unknown branch.</exception>
    /// <exception cref="NeonOperationFailedException">An operation failed.</exception>
    /// <exception cref="NeonOperationTimeoutException">The operations were unfinished at the wait's deadline.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<BranchOperations> ResetBranchFromParentAsync(
        this NeonClient client,
        string projectId,
        string branchId,
        string? preserveUnderName = null,
        NeonWaitOptions? waitOptions = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        RequireId(projectId, nameof(projectId));
        RequireId(branchId, nameof(branchId));
        var branch = (await client.Branch.GetProjectBranchAsync(projectId, branchId, cancellationToken).ConfigureAwait(false)).Branch;
        if (string.IsNullOrEmpty(branch.ParentId))
        {
            throw new NeonWorkflowException($"Branch {branchId} of project {projectId} has no parent (it is a root branch), so it cannot be reset from one.");
        }

        var request = new BranchRestoreRequest { SourceBranchId = branch.ParentId!, PreserveUnderName = preserveUnderName };
        return await client.Branch.RestoreProjectBranchAsync(projectId, branchId, request, cancellationToken)
            .WaitForOperationsAsync(client, waitOptions, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a project, waits until its default branch and compute are ready, and returns how to connect to it:
    /// from the create response's <c>connection_uris</c> when it has them, otherwise from <c>getConnectionURI</c>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The project to create (name, region, Postgres version, the default branch's database and role names, ...); a project with Neon's defaults when null.</param>
    /// <param name="waitOptions">How to wait; default <see cref="NeonWaitOptions.Default"/> on the client's clock.</param>
    /// <param name="cancellationToken">Cancels every call and wait.</param>
    /// <returns>The project's ids and its connection.</returns>
    /// <exception cref="NeonApiException">Neon refused a call (after the client's retries).</exception>
    /// <exception cref="NeonWorkflowException">The project has no compute endpoint or no database to connect to.</exception>
    /// <exception cref="NeonOperationFailedException">An operation failed.</exception>
    /// <exception cref="NeonOperationTimeoutException">The operations were unfinished at the wait's deadline.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>When anything fails after Neon created the project, the project is deleted before the exception is rethrown.</remarks>
    public static async Task<NeonProjectConnection> CreateProjectAndConnectAsync(
        this NeonClient client,
        ProjectCreateRequest? request = null,
        NeonWaitOptions? waitOptions = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        request ??= new ProjectCreateRequest { Project = new ProjectCreateRequestProject() };
        var created = await client.Project.CreateProjectAsync(request, cancellationToken).ConfigureAwait(false);
        var projectId = created.Project.Id;
        try
        {
            var endpoint = created.Endpoints?.FirstOrDefault(e => e.Type == EndpointType.ReadWrite) ?? created.Endpoints?.FirstOrDefault()
                ?? throw new NeonWorkflowException($"Project {projectId} was created without a compute endpoint, so there is nothing to connect to.");
            var asked = request.Project?.Branch;
            var (database, role) = ConnectionResolver.Choose(created.Branch.Id, created.Databases, asked?.DatabaseName, asked?.RoleName);
            await created.WaitForOperationsAsync(client, waitOptions, cancellationToken).ConfigureAwait(false);
            var connection = await ConnectionResolver.ConnectAsync(
                client, projectId, created.Branch.Id, endpoint.Id, database, role, created.ConnectionUris, CreateProjectOperation, cancellationToken).ConfigureAwait(false);
            return new NeonProjectConnection(projectId, created.Branch.Id, endpoint.Id, connection);
        }
        catch (Exception failure)
        {
            await TryCleanUpAsync(client, () => client.Project.DeleteProjectAsync(projectId), $"Project {projectId}", failure).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<NeonBranchConnection> CreateAsync(NeonClient client, string projectId, NeonBranchOptions options, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var parentId = options.ParentBranchId ?? (options.ParentBranchName is { } parentName
            ? await FindBranchIdAsync(client, projectId, parentName, cancellationToken).ConfigureAwait(false)
            : null);
        var expiresAt = timeToLive is { } ttl ? WholeSecondAfter(((INeonClock)client).Time.GetUtcNow() + ttl) : (DateTimeOffset?)null;
        var request = new CreateProjectBranchRequest
        {
            Branch = new BranchCreateRequestBranch
            {
                ParentId = parentId,
                Name = options.BranchName,
                ParentTimestamp = options.ParentTimestamp,
                ParentLsn = options.ParentLsn,
                ExpiresAt = expiresAt,
            },
            Endpoints = [new BranchCreateRequestEndpointOptions { Type = options.EndpointType }],
        };

        var created = await client.Branch.CreateProjectBranchAsync(projectId, request, cancellationToken).ConfigureAwait(false);
        var branchId = created.Branch.Id;
        try
        {
            var endpoint = created.Endpoints?.FirstOrDefault(e => e.Type == options.EndpointType) ?? created.Endpoints?.FirstOrDefault()
                ?? throw new NeonWorkflowException($"Branch {branchId} was created without the {options.EndpointType} endpoint asked for, so there is nothing to connect to.");
            var (database, role) = ConnectionResolver.Choose(branchId, created.Databases, options.DatabaseName, options.RoleName);
            await created.WaitForOperationsAsync(client, options.Wait, cancellationToken).ConfigureAwait(false);
            var connection = await ConnectionResolver.ConnectAsync(
                client, projectId, branchId, endpoint.Id, database, role, created.ConnectionUris, CreateBranchOperation, cancellationToken).ConfigureAwait(false);
            return new NeonBranchConnection(projectId, branchId, created.Branch.Name, endpoint.Id, expiresAt, connection);
        }
        catch (Exception failure)
        {
            await TryCleanUpAsync(client, () => client.Branch.DeleteProjectBranchAsync(projectId, branchId), $"Branch {branchId} of project {projectId}", failure).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The id of the branch named <paramref name="name"/> (names are unique within a project).</summary>
    private static async Task<string> FindBranchIdAsync(NeonClient client, string projectId, string name, CancellationToken cancellationToken)
    {
        await foreach (var branch in client.Branch.ListProjectBranchesAllAsync(projectId, search: name, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(branch.Name, name, StringComparison.Ordinal))
            {
                return branch.Id;
            }
        }

        throw new NeonWorkflowException($"Project {projectId} has no branch named '{name}'; set NeonBranchOptions.ParentBranchName to an existing branch's name, or ParentBranchId to its id.");
    }

    /// <summary>
    /// Deletes what a failed helper created, without the caller's token (it may be the cancelled one) and without
    /// waiting for the delete operations; the client's deadline bounds it. A failure is logged and the original one rethrown.
    /// </summary>
    private static async Task TryCleanUpAsync(NeonClient client, Func<Task> delete, string resource, Exception cause)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (NeonNotFoundException)
        {
            // Already gone.
        }
        catch (NeonException e)
        {
            WorkflowLog.NotDeletedAfter(client.Logger, resource, $"clean-up after {cause.GetType().Name}", e);
        }
    }

    /// <summary>Neon takes <c>expires_at</c> to the second: round up, so the branch lives at least the time asked for.</summary>
    private static DateTimeOffset WholeSecondAfter(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var extra = utc.Ticks % TimeSpan.TicksPerSecond;
        return extra == 0 ? utc : utc.AddTicks(TimeSpan.TicksPerSecond - extra);
    }

    /// <summary>The options, or defaults, after checking every argument of a branch helper.</summary>
    private static NeonBranchOptions Checked(NeonClient client, string projectId, NeonBranchOptions? options)
    {
        Guard.NotNull(client, nameof(client));
        RequireId(projectId, nameof(projectId));
        options ??= new NeonBranchOptions();
        options.Validate();
        return options;
    }

    private static void RequireId(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required.", name);
        }
    }
}
