namespace Neon.Api.Generators.Models;

/// <summary>Everything the generator needs about one raw operation method (one per <c>[NeonOperation]</c>).</summary>
internal sealed record OperationModel(
    string Namespace,
    string TypeName,
    bool CanExtendType,
    string MethodName,
    string OperationId,
    string HttpMethod,
    string Path,
    string Tag,
    bool Deprecated,
    string? DeprecationText,
    string? ReplacementOperationId,
    string ReturnType,
    string Modifiers,
    bool IsPartialImplementationOnly,
    EquatableArray<ParameterModel> Parameters,
    PaginationModel? Pagination,
    OperationsResponseModel? Operations,
    PollingModel? Polling,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics,
    GroupShapeModel? Group)
{
    /// <summary>The name of the generated listing method (<c>ListProjectsAsync</c> -> <c>ListProjectsAllAsync</c>).</summary>
    public string PageableMethodName => NameWithoutAsync + "AllAsync";

    /// <summary>The method name without its <c>Async</c> suffix.</summary>
    public string NameWithoutAsync => MethodName.EndsWith("Async", System.StringComparison.Ordinal)
        ? MethodName.Substring(0, MethodName.Length - "Async".Length)
        : MethodName;
}
