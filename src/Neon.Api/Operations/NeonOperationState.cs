using Neon.Api.Core;

namespace Neon.Api.Operations;

/// <summary>A snapshot of one Neon operation as the poller sees it: ids, action, status and error, as wire strings.</summary>
public sealed class NeonOperationState
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="id">The operation id.</param>
    /// <param name="projectId">The id of the project the operation runs in.</param>
    /// <param name="action">The operation's action, for example <c>create_branch</c>.</param>
    /// <param name="status">The operation's status as sent by the API, for example <c>running</c>.</param>
    /// <param name="error">The error message the API reported, if any.</param>
    public NeonOperationState(string id, string projectId, string? action, string? status, string? error = null)
    {
        Id = Guard.NotNull(id, nameof(id));
        ProjectId = Guard.NotNull(projectId, nameof(projectId));
        Action = action ?? string.Empty;
        Status = status ?? string.Empty;
        Error = string.IsNullOrEmpty(error) ? null : error;
    }

    /// <summary>The operation id.</summary>
    public string Id { get; }

    /// <summary>The id of the project the operation runs in.</summary>
    public string ProjectId { get; }

    /// <summary>The operation's action, for example <c>create_branch</c>.</summary>
    public string Action { get; }

    /// <summary>The operation's status as sent by the API, for example <c>running</c> (a value newer than this library is kept as is).</summary>
    public string Status { get; }

    /// <summary>The error message the API reported, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether the status is a final one (success or failure), according to <see cref="NeonOperationStatuses.Classify"/>.</summary>
    public bool IsTerminal => NeonOperationStatuses.Classify(Status) != NeonOperationOutcome.InProgress;

    /// <inheritdoc/>
    public override string ToString() =>
        Error is null ? $"{Id} ({Action}, {Status})" : $"{Id} ({Action}, {Status}: {Error})";
}
