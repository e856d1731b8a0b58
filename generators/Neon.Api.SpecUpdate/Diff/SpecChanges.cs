using Neon.Api.SpecUpdate.Specs;

namespace Neon.Api.SpecUpdate.Diff;

/// <summary>How a field of an operation changed.</summary>
internal enum FieldChangeKind
{
    /// <summary>The field is new.</summary>
    Added,

    /// <summary>The field is gone.</summary>
    Removed,

    /// <summary>The field's type changed.</summary>
    Retyped,

    /// <summary>A request input that was optional must now be sent.</summary>
    NowRequired,
}

/// <summary>One field change of one operation; <see cref="Breaking"/> when code or calls that worked may not any more.</summary>
internal sealed record FieldChange(string OperationId, string Field, FieldChangeKind Kind, FieldShape? Before, FieldShape? After, bool Breaking)
{
    /// <summary>True for a parameter or request body field, which the caller sends.</summary>
    public bool IsInput => IsInputField(Field);

    internal static bool IsInputField(string field) =>
        field.StartsWith("parameter ", StringComparison.Ordinal) || field.StartsWith("request ", StringComparison.Ordinal);
}

/// <summary>An operation whose first tag, and so its client group, changed.</summary>
internal sealed record TagMove(string OperationId, string? From, string? To);

/// <summary>Everything that differs between two specs, operation by operation.</summary>
internal sealed record SpecChanges(
    IReadOnlyList<OperationShape> Added,
    IReadOnlyList<OperationShape> Removed,
    IReadOnlyList<OperationShape> NewlyDeprecated,
    IReadOnlyList<OperationShape> NoLongerDeprecated,
    IReadOnlyList<TagMove> Moved,
    IReadOnlyList<FieldChange> Fields)
{
    /// <summary>Field changes that are breaking.</summary>
    public IEnumerable<FieldChange> BreakingFields => Fields.Where(f => f.Breaking);
}
