namespace Neon.Api.Generators;

/// <summary>The names of the pipeline steps, for <c>WithTrackingName</c> and the incremental tests.</summary>
internal static class TrackingNames
{
    /// <summary>One model per <c>[NeonOperation]</c> method.</summary>
    public const string Operations = nameof(Operations);

    /// <summary>All operation models together (cross-operation lookups: replacements, polling endpoint).</summary>
    public const string AllOperations = nameof(AllOperations);

    /// <summary>One model per raw client class that gets members.</summary>
    public const string ClientTypes = nameof(ClientTypes);

    /// <summary>The operation-waiting extensions.</summary>
    public const string Waiting = nameof(Waiting);

    /// <summary>The diagnostics to report.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>What <c>operation-tags.json</c> says (none when the file is absent).</summary>
    public const string OperationTags = nameof(OperationTags);

    /// <summary>The moved operations' forwarding members, with their diagnostics.</summary>
    public const string Forwarding = nameof(Forwarding);

    /// <summary>One model per old group class that gets forwarding members.</summary>
    public const string ForwardingGroups = nameof(ForwardingGroups);
}
