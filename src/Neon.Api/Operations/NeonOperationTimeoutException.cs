using System;
using System.Collections.Generic;
using System.Linq;
using Neon.Api.Core;

namespace Neon.Api.Operations;

/// <summary>Thrown when Neon operations are still unfinished at the waiting deadline.</summary>
public class NeonOperationTimeoutException : NeonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The deadline that passed.</param>
    /// <param name="unfinishedOperations">The operations that had not reached a final status, in their last known state.</param>
    public NeonOperationTimeoutException(TimeSpan timeout, IReadOnlyList<NeonOperationState> unfinishedOperations)
        : base(Describe(timeout, unfinishedOperations))
    {
        Timeout = timeout;
        UnfinishedOperations = unfinishedOperations;
    }

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The operations that had not reached a final status, in their last known state.</summary>
    public IReadOnlyList<NeonOperationState> UnfinishedOperations { get; }

    private static string Describe(TimeSpan timeout, IReadOnlyList<NeonOperationState> unfinished)
    {
        Guard.NotNull(unfinished, nameof(unfinished));
        return $"{unfinished.Count} Neon operation(s) did not finish within {timeout.TotalSeconds:0.###} s: "
            + string.Join(", ", unfinished.Select(o => o.ToString())) + ".";
    }
}
