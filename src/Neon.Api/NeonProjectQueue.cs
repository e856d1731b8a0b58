using Neon.Api.Reliability;

namespace Neon.Api;

/// <summary>
/// The queue that holds a client's mutating calls on a project until the operations its earlier mutations started
/// there have finished (see <see cref="NeonClientOptions.QueueProjectMutations"/>). Each client has its own unless
/// <see cref="NeonClientOptions.ProjectQueue"/> gives several clients the same one: share one queue between every
/// client that uses the same API key against the same base URL (the dependency-injection package does this for you),
/// so that a mutation through one waits for the operations started through another instead of drawing 423 Locked.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is the project queue of NeonClientOptions.QueueProjectMutations, not a collection type.")]
public sealed class NeonProjectQueue
{
    internal ProjectLockGate Gate { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "NeonProjectQueue";
}
