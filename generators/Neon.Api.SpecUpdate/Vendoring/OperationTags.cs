using System.Text.Json.Nodes;

namespace Neon.Api.SpecUpdate.Vendoring;

/// <summary>
/// <c>openapi/operation-tags.json</c>: the previous spec's operationId to first-tag mapping, which the source generator
/// reads to keep an <c>[Obsolete]</c> forwarding member where an operation moved to another group.
/// <c>{ "spec": "2.7.3", "previous": { "spec": "2.7.2", "tags": { "createProject": "Project", ... } } }</c>.
/// </summary>
internal static class OperationTags
{
    /// <summary>The file name, in <c>openapi/</c>.</summary>
    public const string FileName = "operation-tags.json";

    /// <summary>
    /// The file for an update to <paramref name="version"/>. A re-fetch of the same version keeps the recorded
    /// <c>previous</c> (re-vendoring must not forget where operations were before); otherwise <c>previous</c> is
    /// the replaced spec's mapping.
    /// </summary>
    public static JsonObject Build(string version, string? replacedVersion, IReadOnlyDictionary<string, string> replacedTags, JsonObject? existing)
    {
        JsonNode? previous;
        if (string.Equals(version, replacedVersion, StringComparison.Ordinal))
        {
            previous = existing?["previous"]?.DeepClone();
        }
        else
        {
            var tags = new JsonObject();
            foreach (var (operationId, tag) in replacedTags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tags[operationId] = tag;
            }

            previous = new JsonObject { ["spec"] = replacedVersion, ["tags"] = tags };
        }

        return new JsonObject { ["spec"] = version, ["previous"] = previous };
    }
}
