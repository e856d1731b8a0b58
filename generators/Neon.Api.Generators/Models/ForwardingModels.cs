namespace Neon.Api.Generators.Models;

/// <summary>
/// How a raw client class is built and reaches the HTTP pipeline, as far as forwarding needs it: every generated group
/// has a constructor taking the pipeline and an inherited <c>Pipeline</c> property of the same type.
/// </summary>
/// <param name="PipelineType">The fully qualified type of the constructor's one parameter and of <c>Pipeline</c>.</param>
/// <param name="SiblingBaseType">
/// The fully qualified base class when a new group can derive from it the same way (it has a constructor taking the
/// pipeline and a parameterless one for mocking), otherwise <see langword="null"/>.
/// </param>
/// <param name="ClientCanHostGroup">Whether <c>NeonClient</c> in the same namespace is partial and has a <c>Pipeline</c> of that type.</param>
internal sealed record GroupShapeModel(string PipelineType, string? SiblingBaseType, bool ClientCanHostGroup);

/// <summary>One entry of <c>previous.tags</c> in <c>operation-tags.json</c>: an operation's first tag in the previous spec.</summary>
/// <param name="OperationId">The operationId.</param>
/// <param name="Tag">Its first tag in the previous spec.</param>
/// <param name="Location">Where the entry is written, for diagnostics about it.</param>
internal sealed record PreviousTagModel(string OperationId, string Tag, LocationInfo? Location);

/// <summary>What <c>operation-tags.json</c> says: the current spec's version and the previous spec's tag of each operation.</summary>
/// <param name="Spec">The version of the spec the library is generated from (the file's <c>spec</c>).</param>
/// <param name="PreviousSpec">The version before it (<c>previous.spec</c>).</param>
/// <param name="PreviousTags">The readable entries of <c>previous.tags</c>, by operationId.</param>
/// <param name="Diagnostics">What could not be read; when the file as a whole cannot, <paramref name="PreviousTags"/> is empty.</param>
internal sealed record OperationTagsModel(
    string Spec,
    string PreviousSpec,
    EquatableArray<PreviousTagModel> PreviousTags,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One obsolete member that keeps the old group's call working and forwards to the operation's new group.</summary>
/// <param name="MethodName">The member's name: the same as the target's.</param>
/// <param name="ReturnType">The fully qualified return type.</param>
/// <param name="Parameters">The target's parameters, with its defaults.</param>
/// <param name="TargetType">The fully qualified new group class.</param>
/// <param name="NewPlace">Where to call it now, for messages: <c>NeonClient.AuthLegacy.ListNeonAuthOauthProvidersAsync</c>.</param>
/// <param name="OperationId">The operation's operationId.</param>
/// <param name="Route">The operation's HTTP method and path, for the documentation.</param>
/// <param name="NewTag">The operation's tag now.</param>
/// <param name="IsListing">Whether this forwards a generated listing method rather than the raw operation method.</param>
/// <param name="TargetDeprecation">The target's own [Obsolete] message when Neon deprecates the operation, otherwise <see langword="null"/>.</param>
/// <param name="Message">The [Obsolete] message.</param>
/// <param name="HelpUrl">The [Obsolete] UrlFormat: the operation's page of Neon's API reference.</param>
internal sealed record ForwardingMemberModel(
    string MethodName,
    string ReturnType,
    EquatableArray<ParameterModel> Parameters,
    string TargetType,
    string NewPlace,
    string OperationId,
    string Route,
    string NewTag,
    bool IsListing,
    string? TargetDeprecation,
    string Message,
    string HelpUrl);

/// <summary>A group class the current spec no longer has, generated so that code written against the previous spec compiles.</summary>
/// <param name="BaseType">The fully qualified base class, the same as the other groups'.</param>
/// <param name="PipelineType">The fully qualified type of the pipeline its constructor takes.</param>
/// <param name="PropertyName">The obsolete <c>NeonClient</c> property that returns it.</param>
/// <param name="Message">The [Obsolete] message of the class and the property.</param>
internal sealed record ForwardingClassModel(string BaseType, string PipelineType, string PropertyName, string Message);

/// <summary>The forwarding members to add to one old group class (or to a generated one, <see cref="NewClass"/>).</summary>
/// <param name="Namespace">The class's namespace.</param>
/// <param name="TypeName">The class name.</param>
/// <param name="PreviousTag">The tag the class stood for in the previous spec.</param>
/// <param name="PreviousSpec">The previous spec's version.</param>
/// <param name="NewClass">Set when the class no longer exists and is generated.</param>
/// <param name="Members">The forwarding members, by name.</param>
internal sealed record ForwardingGroupModel(
    string Namespace,
    string TypeName,
    string PreviousTag,
    string PreviousSpec,
    ForwardingClassModel? NewClass,
    EquatableArray<ForwardingMemberModel> Members)
{
    public string FullName => string.IsNullOrEmpty(Namespace) ? TypeName : Namespace + "." + TypeName;
}

/// <summary>Everything forwarding resolves from the operations and <c>operation-tags.json</c>.</summary>
internal sealed record ForwardingModel(EquatableArray<ForwardingGroupModel> Groups, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ForwardingModel None { get; } = new(EquatableArray<ForwardingGroupModel>.Empty, EquatableArray<DiagnosticInfo>.Empty);
}
