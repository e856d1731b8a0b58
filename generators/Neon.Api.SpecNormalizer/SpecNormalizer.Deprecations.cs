using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Neon.Api.SpecNormalizer;

// Deprecated operations: the replacement Neon names in prose, as one machine-readable extension.
internal sealed partial class SpecNormalizer
{
    /// <summary>The extension naming the operationId that replaces a deprecated operation.</summary>
    public const string ReplacementExtension = "x-neon-replacement";

    /// <summary>
    /// Writes <see cref="ReplacementExtension"/> on every deprecated operation whose description names a replacement
    /// that the spec has, in any of the wordings Neon uses (see <see cref="ReplacementOf"/>); none when it names none or
    /// one the spec lacks. When the replacement has the deprecated operation's HTTP method and the description does not
    /// already open with Neon's usual wording, the description gets that wording in front
    /// (<c>DEPRECATED, use `/path` instead.</c>), which is the form the source generator reads today.
    /// </summary>
    private void AnnotateReplacements()
    {
        var operations = OperationsWithRoutes().ToList();
        foreach (var (method, path, operation) in operations)
        {
            if (operation["deprecated"] is not JsonValue deprecated || !deprecated.TryGetValue<bool>(out var isDeprecated) || !isDeprecated)
            {
                continue;
            }

            var description = (operation["description"] as JsonValue)?.GetValue<string>() ?? string.Empty;
            if (ReplacementOf(method, description, operations.Select(o => (o.Method, o.Path, Id: OperationIdOf(o.Operation)))) is not { } replacement)
            {
                continue;
            }

            operation[ReplacementExtension] = replacement.Id;
            if (replacement.Method == method && !CanonicalWording().IsMatch(description))
            {
                operation["description"] = $"DEPRECATED, use `{replacement.Path}` instead. {description}";
            }
        }
    }

    /// <summary>
    /// The replacement a deprecation text names, resolved against the spec's operations; null when it names none or
    /// none of those it names exists. The first reference that resolves wins. Wordings Neon uses:
    /// <list type="bullet">
    /// <item><c>DEPRECATED, use `/path` instead.</c>: a quoted path, taken with the deprecated operation's method (or, when
    /// no operation has that method there, the only operation at that path);</item>
    /// <item><c>Use `GET /path` (`operationId`) or ... instead.</c>: a quoted method and path;</item>
    /// <item><c>use `operationId` instead</c>: a quoted operationId.</item>
    /// </list>
    /// Only references after a "use" count, so a description that merely mentions other paths names nothing.
    /// </summary>
    internal static (string Method, string Path, string Id)? ReplacementOf(
        string deprecatedMethod, string description, IEnumerable<(string Method, string Path, string? Id)> operations)
    {
        var known = operations.Where(o => o.Id is not null).Select(o => (o.Method, o.Path, Id: o.Id!)).ToList();
        var use = UseClause().Match(description);
        if (!use.Success)
        {
            return null;
        }

        foreach (Match quoted in Quoted().Matches(description, use.Index))
        {
            var text = quoted.Groups["text"].Value.Trim();
            var route = Route().Match(text);
            if (!route.Success)
            {
                var byId = known.FindIndex(o => o.Id == text);
                if (byId >= 0)
                {
                    return known[byId];
                }

                continue;
            }

            var named = route.Groups["method"].Success;
            var method = named ? route.Groups["method"].Value.ToUpperInvariant() : deprecatedMethod;
            var path = route.Groups["path"].Value;
            var atPath = known.Where(o => o.Path == path).ToList();
            var exact = atPath.FindIndex(o => o.Method == method);
            if (exact >= 0)
            {
                return atPath[exact];
            }

            if (!named && atPath.Count == 1)
            {
                return atPath[0];
            }
        }

        return null;
    }

    private IEnumerable<(string Method, string Path, JsonObject Operation)> OperationsWithRoutes()
    {
        if (_root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (path, pathNode) in paths)
        {
            foreach (var method in HttpMethods)
            {
                if (pathNode?[method] is JsonObject operation)
                {
                    yield return (method.ToUpperInvariant(), path, operation);
                }
            }
        }
    }

    private static string? OperationIdOf(JsonObject operation) => (operation["operationId"] as JsonValue)?.GetValue<string>();

    /// <summary>"use" as a word (any case): the replacement references follow it.</summary>
    [GeneratedRegex(@"\buse\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UseClause();

    /// <summary>A back-quoted reference.</summary>
    [GeneratedRegex(@"`(?<text>[^`\r\n]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    /// <summary>An optional HTTP method, then a path.</summary>
    [GeneratedRegex(@"^(?:(?<method>GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\s+)?(?<path>/\S*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Route();

    /// <summary>The wording the source generator reads: "DEPRECATED, use `/path` instead" at the start.</summary>
    [GeneratedRegex(@"^\s*DEPRECATED,\s*use\s+`/[^`\s]*`\s+instead", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalWording();
}
