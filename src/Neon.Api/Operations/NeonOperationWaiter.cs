using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;

namespace Neon.Api.Operations;

/// <summary>
/// Polls Neon operations until each reaches a final status, with a deadline, a growing poll delay and cancellation.
/// The generated <c>WaitForOperationsAsync</c> extension methods call it; call it directly to wait for operations
/// that did not come in a response (for example ones found by listing a project's operations).
/// </summary>
public static partial class NeonOperationWaiter
{
    /// <summary>Waits until every operation has finished successfully.</summary>
    /// <param name="operations">The operations as returned by the call that started them.</param>
    /// <param name="source">Reads an operation's current state (the generated operation client implements it).</param>
    /// <param name="options">Deadline and delays; <see langword="null"/> means <see cref="NeonWaitOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    /// <returns>The final states of the operations, in the order given.</returns>
    /// <exception cref="NeonOperationFailedException">An operation ended with <c>failed</c>, <c>error</c> or <c>cancelled</c>.</exception>
    /// <exception cref="NeonOperationTimeoutException">Some operations were unfinished at the deadline.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// Operations already final are never polled, so a list that is already done costs no request. Unfinished
    /// operations are polled concurrently, first after <see cref="NeonWaitOptions.InitialDelay"/>, then at delays
    /// growing by <see cref="NeonWaitOptions.BackoffFactor"/> up to <see cref="NeonWaitOptions.MaxDelay"/>.
    /// </remarks>
    public static async Task<IReadOnlyList<NeonOperationState>> WaitAsync(
        IEnumerable<NeonOperationState> operations,
        INeonOperationSource source,
        NeonWaitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotNull(operations, nameof(operations));
        Guard.NotNull(source, nameof(source));
        options ??= NeonWaitOptions.Default;
        options.Validate();

        var states = operations.ToArray();
        ThrowIfAnyFailed(states);
        var time = options.TimeProvider ?? (source as INeonClock)?.Time ?? TimeProvider.System;
        return await MeasuredAsync(time, () => PollUntilFinalAsync(
            states,
            async (operation, token) => await PollAsync(source, operation, token).ConfigureAwait(false),
            options,
            time,
            pollFirst: false,
            failOnFailure: true,
            cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The one poller: polls the operations that are not final, all together, on the schedule of
    /// <see cref="NextDelay"/>, until each is final (as <see cref="NeonOperationStatuses.Classify"/> says) or the deadline
    /// of <paramref name="options"/> passes. <see cref="WaitAsync"/> and the client's project queue both use it.
    /// </summary>
    /// <param name="states">The operations; updated in place with what the polls return.</param>
    /// <param name="poll">Reads an operation's current state; <see langword="null"/> when it cannot be known (the operation is then no longer waited for).</param>
    /// <param name="options">Deadline and schedule.</param>
    /// <param name="time">The clock the polls wait on and the deadline is measured on.</param>
    /// <param name="pollFirst">Poll at once before the first delay (the queue, whose operations were started a while ago); otherwise wait first (operations just started).</param>
    /// <param name="failOnFailure">Throw <see cref="NeonOperationFailedException"/> as soon as an operation fails; otherwise a failure is simply final.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    /// <returns>The states.</returns>
    /// <exception cref="NeonOperationTimeoutException">Some operations were unfinished at the deadline.</exception>
    internal static async Task<IReadOnlyList<NeonOperationState>> PollUntilFinalAsync(
        NeonOperationState[] states,
        Func<NeonOperationState, CancellationToken, Task<NeonOperationState?>> poll,
        NeonWaitOptions options,
        TimeProvider time,
        bool pollFirst,
        bool failOnFailure,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pending = Enumerable.Range(0, states.Length).Where(i => !states[i].IsTerminal).ToList();

        for (var round = 0; pending.Count > 0; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!pollFirst || round > 0)
            {
                var remaining = options.Timeout - time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new NeonOperationTimeoutException(options.Timeout, pending.Select(i => states[i]).ToList());
                }

                var wait = NextDelay(pollFirst ? round - 1 : round, options);
                await Timing.Delay(time, wait < remaining ? wait : remaining, cancellationToken).ConfigureAwait(false);
            }

            var polled = await Task.WhenAll(pending.Select(i => poll(states[i], cancellationToken))).ConfigureAwait(false);
            var unknown = new List<int>();
            for (var k = 0; k < pending.Count; k++)
            {
                if (polled[k] is { } state)
                {
                    states[pending[k]] = state;
                }
                else
                {
                    unknown.Add(pending[k]);
                }
            }

            if (failOnFailure)
            {
                ThrowIfAnyFailed(polled.Where(state => state is not null)!);
            }

            pending.RemoveAll(i => states[i].IsTerminal || unknown.Contains(i));
        }

        return states;
    }

    /// <summary>The delay before poll number <paramref name="attempt"/> (0 for the first): the initial delay grown by the backoff factor per attempt, capped.</summary>
    /// <param name="attempt">The zero-based poll number.</param>
    /// <param name="options">The delays in force.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan NextDelay(int attempt, NeonWaitOptions options)
    {
        Guard.NotNull(options, nameof(options));
        if (attempt < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "The attempt number cannot be negative.");
        }

        var ticks = options.InitialDelay.Ticks * Math.Pow(options.BackoffFactor, attempt);
        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private static async Task<NeonOperationState> PollAsync(INeonOperationSource source, NeonOperationState operation, CancellationToken cancellationToken) =>
        await source.GetOperationStateAsync(operation.ProjectId, operation.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No state was returned for Neon operation {operation.Id}.");

    private static void ThrowIfAnyFailed(IEnumerable<NeonOperationState> states)
    {
        var failed = states.FirstOrDefault(s => NeonOperationStatuses.Classify(s.Status) == NeonOperationOutcome.Failed);
        if (failed is not null)
        {
            throw new NeonOperationFailedException(failed);
        }
    }
}
