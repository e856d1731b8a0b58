// INTERIM HELPERS: the only place in the quick start that waits on operations or walks pages.
//
// Colleagues are adding these to the library itself (operation waiting as generated `...AndWaitAsync`
// methods, pagination enumerators, retries and deadlines in the pipeline). When they land, replace:
//   - OperationWaiter.WaitAsync(...)        -> the generated `...AndWaitAsync` calls
//   - BranchPages.ListAsync(...)            -> the library's branch enumerator
//   - OperationWaiter.DeleteProjectAsync    -> client.Project.DeleteProjectAsync with pipeline retries on 423
// and delete this file. Nothing else in the quick start knows how waiting or paging is done.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.QuickStart;

/// <summary>An operation ended in <c>failed</c>, <c>error</c> or <c>cancelled</c>.</summary>
internal sealed class NeonOperationFailedException : Exception
{
    public NeonOperationFailedException(Operation operation)
        : base($"operation {operation.Id} ({operation.Action.Value}) ended '{operation.Status.Value}'"
            + (string.IsNullOrWhiteSpace(operation.Error) ? string.Empty : $": {operation.Error}"))
    {
        Operation = operation;
    }

    public Operation Operation { get; }
}

/// <summary>
/// Polls <c>getProjectOperation</c> until operations finish, bounded by a deadline. The clock and the pause between
/// polls are injectable so tests drive it with a manual clock instead of sleeping.
/// </summary>
internal sealed class OperationWaiter
{
    private readonly NeonClient _client;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public OperationWaiter(NeonClient client, TimeSpan pollInterval, TimeSpan timeout, TimeProvider? time = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        if (pollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval), "The poll interval must be positive.");
        }

        PollInterval = pollInterval;
        Timeout = timeout;
        _time = time ?? TimeProvider.System;
        _delay = delay ?? ((interval, token) => Task.Delay(interval, _time, token));
    }

    public TimeSpan PollInterval { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Waits until every operation is <c>finished</c> or <c>skipped</c>.</summary>
    /// <exception cref="NeonOperationFailedException">An operation failed, errored or was cancelled.</exception>
    /// <exception cref="TimeoutException">The operations were still running when <see cref="Timeout"/> passed.</exception>
    public async Task<IReadOnlyList<Operation>> WaitAsync(string projectId, IEnumerable<Operation>? operations, CancellationToken cancellationToken = default)
    {
        var current = (operations ?? []).ToList();
        var deadline = _time.GetUtcNow() + Timeout;
        while (true)
        {
            for (var i = 0; i < current.Count; i++)
            {
                if (IsFailed(current[i].Status))
                {
                    throw new NeonOperationFailedException(current[i]);
                }
            }

            var pending = current.Where(operation => !IsDone(operation.Status)).ToList();
            if (pending.Count == 0)
            {
                return current;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                var first = pending[0];
                throw new TimeoutException(
                    $"operation {first.Id} ({first.Action.Value}) was still '{first.Status.Value}' after {Timeout.TotalSeconds:0.#} s ({pending.Count} operation(s) pending)");
            }

            await _delay(PollInterval, cancellationToken);
            for (var i = 0; i < current.Count; i++)
            {
                if (!IsDone(current[i].Status))
                {
                    var response = await _client.Operation.GetProjectOperationAsync(projectId, current[i].Id, cancellationToken);
                    current[i] = response.Operation;
                }
            }
        }
    }

    /// <summary>
    /// Deletes a project; while the project is locked by a running operation (423) it pauses and tries again until
    /// the deadline. Used for cleanup, which must work even when the flow stopped in the middle of an operation.
    /// </summary>
    public async Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + Timeout;
        while (true)
        {
            try
            {
                await _client.Project.DeleteProjectAsync(projectId, cancellationToken);
                return;
            }
            catch (NeonLockedException) when (_time.GetUtcNow() < deadline)
            {
                await _delay(PollInterval, cancellationToken);
            }
        }
    }

    private static bool IsDone(OperationStatus status) => status == OperationStatus.Finished || status == OperationStatus.Skipped;

    private static bool IsFailed(OperationStatus status) =>
        status == OperationStatus.Failed || status == OperationStatus.Error || status == OperationStatus.Cancelled;
}

/// <summary>Walks <c>listProjectBranches</c> page by page through its cursor (<c>pagination.next</c>).</summary>
internal static class BranchPages
{
    /// <summary>Yields each page of branches; the listing ends when a page has no <c>next</c> cursor or no items.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<Branch>> ListAsync(
        NeonClient client,
        string projectId,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? cursor = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await client.Branch.ListProjectBranchesAsync(projectId, cursor: cursor, limit: pageSize, cancellationToken: cancellationToken);
            var branches = (IReadOnlyList<Branch>)(page.Branches?.ToList() ?? []);
            if (branches.Count > 0)
            {
                yield return branches;
            }

            var next = page.Pagination?.Next;
            if (branches.Count == 0 || string.IsNullOrEmpty(next))
            {
                yield break;
            }

            if (!seen.Add(next))
            {
                throw new InvalidOperationException($"listProjectBranches returned the cursor '{next}' twice; stopping to avoid an endless listing.");
            }

            cursor = next;
        }
    }
}
