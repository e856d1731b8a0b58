using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Neon.Api.Operations;

/// <summary>How long waits for operations take, on <see cref="NeonTelemetry.OperationWaitMetric"/>.</summary>
public static partial class NeonOperationWaiter
{
    /// <summary>
    /// Runs one wait and records its duration, read from the clock the wait runs on (so a fake clock gives virtual
    /// durations), with the failure that ended it. Nothing is measured without a listener.
    /// </summary>
    private static async Task<IReadOnlyList<NeonOperationState>> MeasuredAsync(TimeProvider time, Func<Task<IReadOnlyList<NeonOperationState>>> wait)
    {
        if (!NeonTelemetry.MeasuresOperationWaits)
        {
            return await wait().ConfigureAwait(false);
        }

        var started = time.GetTimestamp();
        try
        {
            var states = await wait().ConfigureAwait(false);
            NeonTelemetry.RecordOperationWait(time.GetElapsedTime(started), null);
            return states;
        }
        catch (Exception failure)
        {
            NeonTelemetry.RecordOperationWait(time.GetElapsedTime(started), failure);
            throw;
        }
    }
}
