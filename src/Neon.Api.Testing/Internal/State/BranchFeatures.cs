using System;
using System.Collections.Generic;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A project's snapshots and soft-deleted branches.</summary>
internal sealed class BranchFeatures
{
    /// <summary>Snapshots in creation order.</summary>
    public List<SnapshotModel> Snapshots { get; } = [];

    /// <summary>Branches deleted without <c>hard_delete</c>, in deletion order.</summary>
    public List<DeletedBranch> DeletedBranches { get; } = [];

    /// <summary>The deleted branches still recoverable at <paramref name="now"/> (older ones are dropped).</summary>
    public List<DeletedBranch> Recoverable(DateTimeOffset now)
    {
        DeletedBranches.RemoveAll(d => d.RecoverableUntil <= now);
        return DeletedBranches;
    }
}
