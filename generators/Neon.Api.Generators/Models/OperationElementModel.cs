namespace Neon.Api.Generators.Models;

/// <summary>How to read the Neon operation model (id, project, action, status, error) into a poller snapshot.</summary>
/// <param name="Type">The fully qualified operation type.</param>
/// <param name="IdExpression">C# reading the id from a variable named <c>operation</c>, as a non-null string.</param>
/// <param name="ProjectIdExpression">Likewise for the project id.</param>
/// <param name="ActionExpression">Likewise for the action (may be null).</param>
/// <param name="StatusExpression">Likewise for the status (may be null).</param>
/// <param name="ErrorExpression">Likewise for the error (may be null).</param>
internal sealed record OperationElementModel(
    string Type,
    string IdExpression,
    string ProjectIdExpression,
    string ActionExpression,
    string StatusExpression,
    string ErrorExpression);

/// <summary>A response that carries the operations its call started.</summary>
/// <param name="ResponseType">The fully qualified response type.</param>
/// <param name="OperationsProperty">The property holding the operations.</param>
/// <param name="Element">The operation type.</param>
internal sealed record OperationsResponseModel(string ResponseType, string OperationsProperty, OperationElementModel Element);

/// <summary>An operation that reads one Neon operation by project id and operation id (the polling endpoint).</summary>
/// <param name="OperationProperty">The response property holding the operation.</param>
/// <param name="ProjectIdParameter">The name of the method's project id parameter.</param>
/// <param name="OperationIdParameter">The name of the method's operation id parameter.</param>
/// <param name="CancellationTokenParameter">The name of the method's cancellation token parameter, if it has one.</param>
/// <param name="Element">The operation type.</param>
internal sealed record PollingModel(string OperationProperty, string ProjectIdParameter, string OperationIdParameter, string? CancellationTokenParameter, OperationElementModel Element);
