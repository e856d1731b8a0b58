using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;

namespace Neon.Api.Pipeline.Stages;

/// <summary>
/// The call's deadline (retries and queueing included) and the caller's cancellation, each turned into an exception
/// that says what the call was doing: <see cref="NeonTimeoutException"/>, or an <see cref="OperationCanceledException"/>
/// carrying the caller's token.
/// </summary>
internal sealed class DeadlineStage : NeonStage
{
    public override async Task ProcessAsync(NeonCall call, StageChain next)
    {
        call.CallerToken.ThrowIfCancellationRequested();
        using CancellationTokenSource? deadline = call.Timeout is null ? null : Timing.CancelAfter(call.Time, call.Timeout.Value);
        using CancellationTokenSource? linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken, deadline.Token);
        if (linked is not null)
        {
            call.Token = linked.Token;
        }

        try
        {
            await next.InvokeAsync(call).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (call.CallerToken.IsCancellationRequested)
        {
            call.Response?.Dispose();
            throw new OperationCanceledException(
                $"{call.Description} was canceled by the caller after {Durations.Plural(call.Attempts, "attempt")} (while {call.Activity}).",
                ex,
                call.CallerToken);
        }
        catch (OperationCanceledException ex) when (deadline is not null && deadline.IsCancellationRequested)
        {
            call.Response?.Dispose();
            var timeout = call.Timeout!.Value;
            throw new NeonTimeoutException(
                $"{call.Description} did not complete within its timeout of {Durations.Format(timeout)} " +
                $"({Durations.Plural(call.Attempts, "attempt")}; timed out while {call.Activity}). " +
                "Raise NeonClientOptions.Timeout, or use NeonClient.WithTimeout for a single call, to allow longer.",
                timeout,
                call.Attempts,
                ex);
        }
    }
}
