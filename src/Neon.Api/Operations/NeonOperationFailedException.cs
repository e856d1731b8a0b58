using System;
using Neon.Api.Core;

namespace Neon.Api.Operations;

/// <summary>Thrown when a Neon operation that was waited for ends with status <c>failed</c>, <c>error</c> or <c>cancelled</c>.</summary>
public class NeonOperationFailedException : NeonException
{
    /// <summary>Creates the exception for an operation.</summary>
    /// <param name="operation">The operation in its final state.</param>
    public NeonOperationFailedException(NeonOperationState operation)
        : base(Describe(operation))
    {
        Operation = operation;
    }

    /// <summary>The operation in its final state.</summary>
    public NeonOperationState Operation { get; }

    /// <summary>The operation id.</summary>
    public string OperationId => Operation.Id;

    /// <summary>The id of the project the operation ran in.</summary>
    public string ProjectId => Operation.ProjectId;

    /// <summary>The operation's action, for example <c>create_branch</c>.</summary>
    public string Action => Operation.Action;

    /// <summary>The final status, for example <c>failed</c>.</summary>
    public string Status => Operation.Status;

    /// <summary>The error message the API reported, if any.</summary>
    public string? Error => Operation.Error;

    private static string Describe(NeonOperationState operation)
    {
        Guard.NotNull(operation, nameof(operation));
        var error = operation.Error is null ? "no error message was reported" : $"error: {operation.Error}";
        return $"Neon operation {operation.Id} ({operation.Action}) in project {operation.ProjectId} ended with status '{operation.Status}'; {error}.";
    }
}
