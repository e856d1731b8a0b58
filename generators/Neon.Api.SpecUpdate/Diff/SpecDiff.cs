using Neon.Api.SpecUpdate.Specs;

namespace Neon.Api.SpecUpdate.Diff;

/// <summary>Compares two specs operation by operation and field by field.</summary>
internal static class SpecDiff
{
    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static SpecChanges Compare(SpecModel before, SpecModel after)
    {
        var added = new List<OperationShape>();
        var removed = new List<OperationShape>();
        var deprecated = new List<OperationShape>();
        var undeprecated = new List<OperationShape>();
        var moved = new List<TagMove>();
        var fields = new List<FieldChange>();

        foreach (var (id, old) in before.Operations)
        {
            if (!after.Operations.TryGetValue(id, out var current))
            {
                removed.Add(old);
                continue;
            }

            if (current.Deprecated && !old.Deprecated)
            {
                deprecated.Add(current);
            }
            else if (old.Deprecated && !current.Deprecated)
            {
                undeprecated.Add(current);
            }

            if (!string.Equals(old.Tag, current.Tag, StringComparison.Ordinal))
            {
                moved.Add(new TagMove(id, old.Tag, current.Tag));
            }

            fields.AddRange(CompareFields(id, old.Fields, current.Fields));
        }

        added.AddRange(after.Operations.Values.Where(o => !before.Operations.ContainsKey(o.OperationId)));
        return new SpecChanges(added, removed, deprecated, undeprecated, moved, fields);
    }

    /// <summary>The field changes of one operation present in both specs.</summary>
    public static IEnumerable<FieldChange> CompareFields(string operationId, IReadOnlyDictionary<string, FieldShape> before, IReadOnlyDictionary<string, FieldShape> after)
    {
        foreach (var (field, old) in before)
        {
            if (!after.TryGetValue(field, out var current))
            {
                // One entry per removed subtree: its descendants go with it.
                if (Parent(field) is not { } parent || !before.ContainsKey(parent) || after.ContainsKey(parent))
                {
                    yield return new FieldChange(operationId, field, FieldChangeKind.Removed, old, null, Breaking: true);
                }
            }
            else if (!string.Equals(old.Type, current.Type, StringComparison.Ordinal))
            {
                yield return new FieldChange(operationId, field, FieldChangeKind.Retyped, old, current, Breaking: true);
            }
            else if (FieldChange.IsInputField(field) && current.Required && !old.Required)
            {
                yield return new FieldChange(operationId, field, FieldChangeKind.NowRequired, old, current, Breaking: true);
            }
        }

        foreach (var (field, current) in after)
        {
            if (before.ContainsKey(field))
            {
                continue;
            }

            var parent = Parent(field);
            if (parent is not null && after.ContainsKey(parent) && !before.ContainsKey(parent))
            {
                continue; // inside a subtree that is new as a whole: listed once, at its top
            }

            // A new input the caller must send breaks calls written before it existed; a new required field inside a
            // new optional object does not, since the object itself need not be sent.
            var breaking = FieldChange.IsInputField(field) && current.Required && (parent is null || before.ContainsKey(parent));
            yield return new FieldChange(operationId, field, FieldChangeKind.Added, null, current, breaking);
        }
    }

    /// <summary>The enclosing field's key: <c>request $.a.b</c> for <c>request $.a.b.c</c>, <c>x[*]</c>'s is <c>x</c>.</summary>
    internal static string? Parent(string field)
    {
        if (field.EndsWith("[*]", StringComparison.Ordinal))
        {
            return field[..^3];
        }

        var dollar = field.IndexOf(" $", StringComparison.Ordinal);
        var dot = field.LastIndexOf('.');
        return dollar >= 0 && dot > dollar ? field[..dot] : null;
    }
}
