using Microsoft.CodeAnalysis;

namespace Neon.Api.Generators.Diagnostics;

/// <summary>Every diagnostic id the generator uses: its own warnings (NEON1xxx) and the ids of the [Obsolete] it emits (NEON000x).</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The [Obsolete] DiagnosticId of legacy Neon Auth endpoints (tag <c>Auth (legacy)</c>).</summary>
    public const string LegacyAuthObsoleteId = "NEON0001";

    /// <summary>The [Obsolete] DiagnosticId of every other deprecated endpoint.</summary>
    public const string DeprecatedObsoleteId = "NEON0002";

    /// <summary>
    /// The [Obsolete] DiagnosticId of forwarding members: an operation that moved to another tag keeps a member in its
    /// old group (and a group that no longer exists keeps its class and <c>NeonClient</c> property).
    /// </summary>
    public const string MovedObsoleteId = "NEON0003";

    /// <summary>The UrlFormat of the emitted [Obsolete]: Neon's API reference page of the operation (lower-cased operationId).</summary>
    public const string ReferenceUrlFormat = "https://api-docs.neon.tech/reference/{0}";

    /// <summary>
    /// The repository's home page: the MSBuild property <c>NeonRepositoryUrl</c> (Directory.Build.props), which also
    /// gives the packages their project and repository URLs, written into <c>ThisRepository.g.cs</c> at build time.
    /// </summary>
    public const string RepositoryUrl = ThisRepository.Url;

    /// <summary>The help link of every descriptor: the README section on what the generator reads and reports.</summary>
    public const string HelpLink = RepositoryUrl + "/blob/main/README.md#how-the-source-generator-finds-its-inputs";

    private const string Category = "Neon.Api.Generators";

    public static readonly DiagnosticDescriptor PageItemsNotFound = Create(
        "NEON1001",
        "Paginated operation has no unique item list",
        "Operation '{0}' ({1}) is paginated ({2} shape), but its response type '{3}' has {4} list properties of a model type instead of exactly one, so no listing method was generated",
        "A listing method yields the items of each page: the response must have exactly one list property whose element type is a class (lists of strings are ignored).");

    public static readonly DiagnosticDescriptor PaginationShapeNotRecognized = Create(
        "NEON1002",
        "Operation takes a cursor but has no known pagination shape",
        "Operation '{0}' ({1}) takes a '{2}' parameter, but its response type '{3}' has none of the known pagination shapes (pagination.cursor, pagination.next, next_cursor with is_truncated), so no listing method was generated",
        "The generator recognises the three cursor shapes of the Neon API by the response's properties; a new shape needs generator support.");

    public static readonly DiagnosticDescriptor DeprecationReplacementNotFound = Create(
        "NEON1003",
        "Replacement of a deprecated operation not found",
        "The deprecation of operation '{0}' names {1} as its replacement, but the client has no such operation, so the [Obsolete] message says so instead of naming a method",
        "Deprecated operations get an [Obsolete] message naming the C# method of their replacement: the operationId in [NeonOperation(ReplacementOperationId = ...)], which the spec normalizer resolves from the deprecation text, else the first 'use `[METHOD] <path>`' of that text.");

    public static readonly DiagnosticDescriptor DeprecatedMethodNotPartial = Create(
        "NEON1004",
        "Deprecated operation cannot be marked obsolete",
        "Operation '{0}' is deprecated, but method '{1}' is not a partial method implementation without a defining declaration, so no [Obsolete] could be added",
        "The generator marks a deprecated raw method obsolete by emitting the defining declaration of a partial method; the NSwag template must emit deprecated methods as 'partial' implementations.");

    public static readonly DiagnosticDescriptor PollingOperationNotFound = Create(
        "NEON1005",
        "No operation polling endpoint found",
        "{0} operation(s) return Neon operations (for example '{1}'), but no GET operation reads one operation by project id and operation id, so no WaitForOperationsAsync extensions were generated",
        "Waiting for operations polls the endpoint whose response holds a single operation of the type listed in the 'operations' properties.");

    public static readonly DiagnosticDescriptor OperationTypeNotReadable = Create(
        "NEON1006",
        "Operation type lacks the properties the poller needs",
        "The operations of response '{0}' are of type '{1}', which lacks {2}, so no WaitForOperationsAsync extension was generated for it",
        "The poller reads Id, ProjectId and Status (and Action and Error when present) of each operation.");

    public static readonly DiagnosticDescriptor ClientTypeNotExtendable = Create(
        "NEON1007",
        "Client type cannot be extended",
        "Operation '{0}' needs generated members in '{1}', but that type is {2}, so nothing was generated for it",
        "Generated members are added to the raw client class as a partial declaration: the class must be a partial, non-generic, top-level class.");

    public static readonly DiagnosticDescriptor GeneratedNameTaken = Create(
        "NEON1008",
        "Listing method name already taken",
        "No listing method was generated for operation '{0}' because '{1}' already has a member named '{2}'",
        "Listing methods are named after the raw method with 'All' before 'Async'.");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "NEON1009",
        "Operation method does not return Task<T>",
        "Operation '{0}' needs generated members, but its method '{1}' returns '{2}' instead of Task<T>, so nothing was generated for it",
        "Raw operation methods return Task<TResponse>; the generator reads the response type to find pagination and operations.");

    public static readonly DiagnosticDescriptor OperationTagsUnreadable = Create(
        "NEON1010",
        "Operation tag mapping is not readable",
        "'{0}' is not fully readable: {1}",
        "The previous spec's tag of each operation comes from openapi/operation-tags.json: { \"spec\": \"<version>\", \"previous\": { \"spec\": \"<version>\", \"tags\": { \"<operationId>\": \"<tag>\" } } }. Forwarding members are generated from the entries that can be read.");

    public static readonly DiagnosticDescriptor ForwardingNotGenerated = Create(
        "NEON1011",
        "Moved operation gets no forwarding member",
        "Operation '{0}' moved from tag '{1}' to '{2}', but no forwarding member was generated in '{3}': {4}",
        "An operation that moved to another tag keeps an [Obsolete] member in its old group that forwards to the new one; the old group must be a partial class that reaches the pipeline as the generated groups do, and the name must be free.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLink);
}
