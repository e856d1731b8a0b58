using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;

namespace Neon.Api;

/// <summary>The client reads operations through its <see cref="NeonClient.Operation"/> group, so it can be passed to <c>WaitForOperationsAsync</c>.</summary>
public partial class NeonClient : INeonOperationSource, Core.INeonClock
{
    /// <inheritdoc/>
    System.TimeProvider Core.INeonClock.Time => _pipeline?.Options.TimeProvider ?? System.TimeProvider.System;

    /// <inheritdoc/>
    Task<NeonOperationState> INeonOperationSource.GetOperationStateAsync(string projectId, string operationId, CancellationToken cancellationToken) =>
        ((INeonOperationSource)Operation).GetOperationStateAsync(projectId, operationId, cancellationToken);
}
