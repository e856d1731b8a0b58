using System;
using System.Threading.Tasks;

namespace Neon.Api.Pipeline;

/// <summary>One stage of the send path: it does its one job and hands the call to the rest of the path.</summary>
internal abstract class NeonStage
{
    public abstract Task ProcessAsync(NeonCall call, StageChain next);
}

/// <summary>The stages after the current one (no allocation per call or per stage).</summary>
internal readonly struct StageChain
{
    private readonly NeonStage[] _stages;
    private readonly int _index;

    public StageChain(NeonStage[] stages, int index)
    {
        _stages = stages;
        _index = index;
    }

    /// <summary>Runs the next stage with the rest of the chain behind it.</summary>
    public Task InvokeAsync(NeonCall call) =>
        _index < _stages.Length
            ? _stages[_index].ProcessAsync(call, new StageChain(_stages, _index + 1))
            : throw new InvalidOperationException("The send path ended before a transport stage.");
}

/// <summary>A user's <see cref="NeonPipelinePolicy"/> in the chain.</summary>
internal sealed class UserPolicyStage(NeonPipelinePolicy policy) : NeonStage
{
    public override Task ProcessAsync(NeonCall call, StageChain next) =>
        policy.ProcessAsync(call.Public, () => next.InvokeAsync(call));
}
