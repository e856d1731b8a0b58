using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Reflection;
using Neon.Api.Operations;

namespace Neon.Api.Reliability;

/// <summary>An operation that a mutating call started and that had not finished when its response arrived.</summary>
internal sealed class PendingOperation
{
    public PendingOperation(string projectId, string operationId)
    {
        ProjectId = projectId;
        OperationId = operationId;
    }

    public string ProjectId { get; }

    public string OperationId { get; }
}

/// <summary>
/// Queues this client's mutating calls on a project behind the operations its earlier mutations started there, so
/// that they do not race into 423 Locked. One async mutex per project: the holder first waits (polling) until the
/// project's recorded operations are terminal, then sends its request, records the operations its response lists,
/// and releases. Retries on 423 remain the fallback for locks taken by other clients.
/// </summary>
internal sealed class ProjectLockGate
{
    /// <summary>
    /// How long one queued call waits for the recorded operations before it sends anyway and relies on 423 retries
    /// (measured on the client's clock).
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, ProjectQueue> _projects = new(StringComparer.Ordinal);

    /// <summary>
    /// The project a call mutates, or <see langword="null"/> when the call is not gated: only POST, PUT, PATCH and
    /// DELETE on <c>/projects/{project_id}</c> or below.
    /// </summary>
    /// <param name="isMutation">Whether the method may change state (not GET, HEAD, OPTIONS).</param>
    /// <param name="relativePath">The escaped path relative to the API base, e.g. <c>projects/abc/branches</c>.</param>
    public static string? MutatedProjectId(bool isMutation, string relativePath)
    {
        if (!isMutation)
        {
            return null;
        }

        string[] segments = relativePath.Split(['/'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "projects" || segments[1] == "auth")
        {
            return null; // createProject, the legacy /projects/auth endpoints: no existing project to queue on
        }

        return Uri.UnescapeDataString(segments[1]);
    }

    /// <summary>Whether an operation status is final: the rule <see cref="NeonOperationStatuses.Classify"/> that waiting uses too.</summary>
    public static bool IsTerminal(string? status) => NeonOperationStatuses.Classify(status) != NeonOperationOutcome.InProgress;

    /// <summary>
    /// The not-yet-terminal operations a mutating call's response lists (its <c>operations</c>), read from the model
    /// the call returned; none for a model without operations.
    /// </summary>
    public static IReadOnlyList<PendingOperation> PendingOperations(object? model, string? fallbackProjectId)
    {
        var pending = new List<PendingOperation>();
        foreach (var operation in OperationsOf(model))
        {
            var project = operation?.ProjectId ?? fallbackProjectId;
            if (operation?.Id is { } id && project is not null && !IsTerminal(operation.Status.Value))
            {
                pending.Add(new PendingOperation(project, id));
            }
        }

        return pending;
    }

    /// <summary>
    /// Forgets the operations a response shows final (a <c>getProjectOperation</c> answer, a listing, a waited-for
    /// mutation), so that a queued call does not poll them again.
    /// </summary>
    public void Observe(object? model)
    {
        if (model is OperationResponse { Operation: { } single })
        {
            Forget(single);
            return;
        }

        foreach (var operation in OperationsOf(model))
        {
            Forget(operation);
        }
    }

    private void Forget(Operation? operation)
    {
        if (operation?.Id is { } id && operation.ProjectId is { } project && IsTerminal(operation.Status.Value) && _projects.TryGetValue(project, out var queue))
        {
            queue.Remove(id);
        }
    }

    private static IEnumerable<Operation?> OperationsOf(object? model) =>
        model is null ? [] : OperationsAccessor.For(model.GetType())?.Invoke(model) ?? [];

    /// <summary>How many operations are recorded as outstanding for the project.</summary>
    public int PendingCount(string projectId) => _projects.TryGetValue(projectId, out var queue) ? queue.Count : 0;

    /// <summary>Records operations started by a mutating call.</summary>
    public void Record(IEnumerable<PendingOperation> operations)
    {
        foreach (PendingOperation operation in operations)
        {
            _projects.GetOrAdd(operation.ProjectId, _ => new ProjectQueue()).Add(operation);
        }
    }

    /// <summary>
    /// Waits for this project's turn and for its recorded operations to finish. Dispose the result to let the next
    /// queued call in.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="pollStatus">
    /// Reads an operation's status; <see langword="null"/> means it cannot be known (not found, error) and the call
    /// stops waiting for it.
    /// </param>
    /// <param name="time">The client's clock: polls wait on it (on the schedule of <see cref="NeonOperationWaiter.NextDelay"/>) and <see cref="MaxWait"/> is measured on it.</param>
    /// <param name="cancellationToken">The call's token (caller and deadline).</param>
    public async Task<IDisposable> EnterAsync(
        string projectId,
        Func<PendingOperation, CancellationToken, Task<string?>> pollStatus,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ProjectQueue queue = _projects.GetOrAdd(projectId, _ => new ProjectQueue());
        await queue.Mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PendingOperation[] pending = queue.Snapshot();
            if (pending.Length > 0)
            {
                await WaitForAsync(queue, pending, pollStatus, time, cancellationToken).ConfigureAwait(false);
            }

            return new Lease(queue.Mutex);
        }
        catch
        {
            queue.Mutex.Release();
            throw;
        }
    }

    /// <summary>
    /// Polls the recorded operations through the same poller, schedule and rule for "final" as
    /// <c>WaitForOperationsAsync</c> (<see cref="NeonOperationWaiter"/>), polling at once first since they were started
    /// by an earlier call. A failed operation is final too: the project is free again.
    /// </summary>
    private static async Task WaitForAsync(
        ProjectQueue queue,
        PendingOperation[] pending,
        Func<PendingOperation, CancellationToken, Task<string?>> pollStatus,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, PendingOperation>(StringComparer.Ordinal);
        foreach (PendingOperation operation in pending)
        {
            byId[operation.OperationId] = operation;
        }

        var unknown = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var options = new NeonWaitOptions { Timeout = MaxWait };
        var states = pending.Select(p => new NeonOperationState(p.OperationId, p.ProjectId, null, "running")).ToArray();
        try
        {
            await NeonOperationWaiter.PollUntilFinalAsync(
                states,
                async (state, token) =>
                {
                    string? status = await pollStatus(byId[state.Id], token).ConfigureAwait(false);
                    if (status is null)
                    {
                        unknown[state.Id] = true; // not observable: stop waiting for it; 423 retries cover a lock that remains
                        return null;
                    }

                    return new NeonOperationState(state.Id, state.ProjectId, state.Action, status);
                },
                options,
                time,
                pollFirst: true,
                failOnFailure: false,
                cancellationToken).ConfigureAwait(false);
        }
        catch (NeonOperationTimeoutException)
        {
            // Still running after MaxWait: send anyway and let the 423 retries take over.
        }

        foreach (var state in states)
        {
            if (state.IsTerminal || unknown.ContainsKey(state.Id))
            {
                queue.Remove(byId[state.Id]);
            }
        }
    }

    private sealed class ProjectQueue
    {
        private readonly List<PendingOperation> _pending = [];

        public SemaphoreSlim Mutex { get; } = new(1, 1);

        public int Count
        {
            get
            {
                lock (_pending)
                {
                    return _pending.Count;
                }
            }
        }

        public void Add(PendingOperation operation)
        {
            lock (_pending)
            {
                _pending.Add(operation);
            }
        }

        public void Remove(PendingOperation operation)
        {
            lock (_pending)
            {
                _pending.Remove(operation);
            }
        }

        public void Remove(string operationId)
        {
            lock (_pending)
            {
                _pending.RemoveAll(operation => operation.OperationId == operationId);
            }
        }

        public PendingOperation[] Snapshot()
        {
            lock (_pending)
            {
                return [.. _pending];
            }
        }
    }

    /// <summary>Finds, once per model type, the property that lists operations (<c>IList&lt;Operation&gt; Operations</c>).</summary>
    private static class OperationsAccessor
    {
        private static readonly ConcurrentDictionary<Type, Func<object, IEnumerable<Operation?>?>?> Accessors = new();

        public static Func<object, IEnumerable<Operation?>?>? For(Type type) => Accessors.GetOrAdd(type, static t =>
        {
            var property = t.GetProperty("Operations", BindingFlags.Public | BindingFlags.Instance);
            return property is not null && typeof(IEnumerable<Operation>).IsAssignableFrom(property.PropertyType)
                ? model => (IEnumerable<Operation?>?)property.GetValue(model)
                : null;
        });
    }

    private sealed class Lease(SemaphoreSlim mutex) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                mutex.Release();
            }
        }
    }
}
