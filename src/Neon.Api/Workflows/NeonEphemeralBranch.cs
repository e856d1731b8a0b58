using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;

namespace Neon.Api.Workflows;

/// <summary>
/// A branch that lives as long as a test (or a job): made by <see cref="NeonWorkflowExtensions.CreateEphemeralBranchAsync"/>,
/// deleted when disposed, and created with Neon's <c>expires_at</c> so that Neon deletes it by itself if the process
/// dies first.
/// </summary>
/// <remarks>
/// <code>
/// await using var branch = await neon.CreateEphemeralBranchAsync(projectId, new() { TimeToLive = TimeSpan.FromHours(1) });
/// await using var connection = new NpgsqlConnection(branch.Connection.ConnectionString);
/// </code>
/// <see cref="DisposeAsync"/> never throws for a failed deletion (a branch already gone counts as deleted; any other
/// <see cref="NeonException"/> is logged as a Warning, event <c>NeonResourceNotDeleted</c>, on the client's logger, and
/// the branch is left to its expiration). Call <see cref="DeleteAsync"/> first to see failures. Dispose the branch
/// before its client.
/// </remarks>
public sealed class NeonEphemeralBranch : NeonBranchConnection, IAsyncDisposable
{
    /// <summary>How long an ephemeral branch lives when <see cref="NeonBranchOptions.TimeToLive"/> is not set: one hour.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

    private readonly NeonClient _client;
    private readonly NeonWaitOptions? _wait;
    private int _deleted;

    internal NeonEphemeralBranch(NeonClient client, NeonBranchConnection branch, NeonWaitOptions? wait)
        : base(branch.ProjectId, branch.BranchId, branch.BranchName, branch.EndpointId, branch.ExpiresAt, branch.Connection)
    {
        _client = client;
        _wait = wait;
    }

    /// <summary>Whether the branch has been deleted (by <see cref="DeleteAsync"/> or <see cref="DisposeAsync"/>), or was found already gone.</summary>
    public bool IsDeleted => Volatile.Read(ref _deleted) != 0;

    /// <summary>
    /// Deletes the branch and waits for Neon's delete operations. A branch already gone (404) counts as deleted; a
    /// second call sends nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call and the wait.</param>
    /// <returns>A task that completes when the branch is gone.</returns>
    /// <exception cref="NeonApiException">Neon refused the deletion (other than 404).</exception>
    /// <exception cref="NeonOperationFailedException">A delete operation failed.</exception>
    /// <exception cref="NeonOperationTimeoutException">The delete operations were unfinished at the wait's deadline.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (IsDeleted)
        {
            return;
        }

        try
        {
            await _client.Branch.DeleteProjectBranchAsync(ProjectId, BranchId, cancellationToken: cancellationToken)
                .WaitForOperationsAsync(_client, _wait, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (NeonNotFoundException)
        {
            // Already gone: deleted elsewhere, or expired.
        }

        Volatile.Write(ref _deleted, 1);
    }

    /// <summary>
    /// Deletes the branch (as <see cref="DeleteAsync"/>, without a cancellation token: the client's deadline bounds it).
    /// A failure is logged, not thrown: the branch then disappears at <see cref="NeonBranchConnection.ExpiresAt"/>.
    /// </summary>
    /// <returns>A task that completes when the branch is gone or the failure is logged.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NeonException e)
        {
            WorkflowLog.NotDeletedAfter(_client.Logger, $"Ephemeral branch {BranchId} of project {ProjectId}", "on dispose; Neon deletes it at its expires_at", e);
        }
    }
}
