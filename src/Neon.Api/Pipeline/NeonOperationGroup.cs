using System;

namespace Neon.Api.Pipeline;

/// <summary>
/// Base of the generated operation groups (<see cref="ProjectClient"/>, <see cref="BranchClient"/>, ...): they share
/// the pipeline of the <see cref="NeonClient"/> that created them.
/// </summary>
public abstract class NeonOperationGroup : Core.INeonClock
{
    private readonly NeonPipeline? _pipeline;

    private protected NeonOperationGroup(NeonPipeline pipeline)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
    }

    /// <summary>For mocking frameworks: a group without a pipeline, whose operations must be overridden.</summary>
    protected NeonOperationGroup()
    {
    }

    /// <inheritdoc/>
    TimeProvider Core.INeonClock.Time => _pipeline?.Options.TimeProvider ?? TimeProvider.System;

    internal NeonPipeline Pipeline => _pipeline ?? throw new InvalidOperationException(
        $"This {GetType().Name} was created for mocking and has no connection to the Neon API; override the operations you call, or get the group from a NeonClient.");
}
