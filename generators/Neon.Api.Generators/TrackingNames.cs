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
}
