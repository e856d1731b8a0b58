namespace Neon.Api.Generators.Models;

/// <summary>A deprecated raw method and the <c>[Obsolete]</c> defining declaration to emit for it.</summary>
internal sealed record DeprecationModel(
    string MethodName,
    string ReturnType,
    string Modifiers,
    EquatableArray<ParameterModel> Parameters,
    string Message,
    string DiagnosticId,
    string HelpUrl);

/// <summary>A listing method to emit.</summary>
internal sealed record PageableModel(
    string MethodName,
    string RawMethodName,
    string OperationId,
    string HttpMethod,
    string Path,
    EquatableArray<ParameterModel> Parameters,
    PaginationModel Pagination);

/// <summary>The polling endpoint's method, to make its client an operation source.</summary>
internal sealed record OperationSourceModel(string MethodName, PollingModel Polling);

/// <summary>What to add to one raw client class.</summary>
internal sealed record ClientTypeModel(
    string Namespace,
    string TypeName,
    EquatableArray<PageableModel> Pageables,
    EquatableArray<DeprecationModel> Deprecations,
    OperationSourceModel? OperationSource)
{
    public string FullName => string.IsNullOrEmpty(Namespace) ? TypeName : Namespace + "." + TypeName;
}

/// <summary>The operation-waiting extensions to emit (one pair per response type that carries operations).</summary>
internal sealed record WaitingModel(
    string Namespace,
    EquatableArray<OperationsResponseModel> Responses,
    EquatableArray<OperationElementModel> Elements);
