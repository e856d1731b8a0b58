using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>
/// What the vendored spec (<c>openapi/public-v2-for-users.gen.yaml</c>) says about its operations, read straight from
/// the YAML, so that tests over the real client state their expectations as rules ("every deprecated operation")
/// instead of counts that a spec update would break.
/// </summary>
internal static class SpecFacts
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private static readonly Lazy<YamlMappingNode> Root = new(() =>
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(Path.Combine(RepositoryPaths.Root, "openapi", "public-v2-for-users.gen.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    });

    private static readonly Lazy<IReadOnlyList<SpecOperation>> LazyOperations = new(() => ReadOperations().ToList());

    /// <summary>Every operation of the spec.</summary>
    public static IReadOnlyList<SpecOperation> Operations => LazyOperations.Value;

    private static IEnumerable<SpecOperation> ReadOperations()
    {
        foreach (var (pathKey, pathNode) in (YamlMappingNode)Root.Value["paths"])
        {
            var pathItem = (YamlMappingNode)pathNode;
            var shared = Sequence(pathItem, "parameters");
            foreach (var (methodKey, operationNode) in pathItem.Children)
            {
                var method = ((YamlScalarNode)methodKey).Value!;
                if (!HttpMethods.Contains(method) || operationNode is not YamlMappingNode operation)
                {
                    continue;
                }

                var parameters = shared.Concat(Sequence(operation, "parameters")).Select(Resolve).OfType<YamlMappingNode>().ToList();
                var tags = Sequence(operation, "tags").Select(t => ((YamlScalarNode)t).Value!).ToList();
                yield return new SpecOperation(
                    Scalar(operation, "operationId")!,
                    method.ToUpperInvariant(),
                    ((YamlScalarNode)pathKey).Value!,
                    tags.FirstOrDefault() ?? string.Empty,
                    Scalar(operation, "deprecated") == "true",
                    parameters.Any(p => Scalar(p, "name") == "cursor" && Scalar(p, "in") == "query"),
                    SuccessBodyProperties(operation));
            }
        }
    }

    /// <summary>The top-level property names of the first 2xx JSON body, through <c>$ref</c> and <c>allOf</c>.</summary>
    private static IReadOnlySet<string> SuccessBodyProperties(YamlMappingNode operation)
    {
        var properties = new HashSet<string>(StringComparer.Ordinal);
        if (operation.Children.TryGetValue(new YamlScalarNode("responses"), out var responses))
        {
            foreach (var (status, responseNode) in ((YamlMappingNode)responses).Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal))
            {
                if (!((YamlScalarNode)status).Value!.StartsWith('2')
                    || Resolve(responseNode) is not YamlMappingNode response
                    || Child(Child(Child(response, "content"), "application/json"), "schema") is not { } schema)
                {
                    continue;
                }

                Collect(schema, properties);
                break;
            }
        }

        return properties;
    }

    private static void Collect(YamlNode schemaNode, HashSet<string> properties)
    {
        if (Resolve(schemaNode) is not YamlMappingNode schema)
        {
            return;
        }

        if (Child(schema, "properties") is YamlMappingNode own)
        {
            properties.UnionWith(own.Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
        }

        foreach (var part in Sequence(schema, "allOf"))
        {
            Collect(part, properties);
        }
    }

    /// <summary>Follows local <c>$ref</c>s (<c>#/components/...</c>) until a node that is not a reference.</summary>
    private static YamlNode Resolve(YamlNode node)
    {
        while (node is YamlMappingNode mapping && Scalar(mapping, "$ref") is { } reference)
        {
            node = reference.TrimStart('#', '/').Split('/').Aggregate<string, YamlNode>(Root.Value, (current, segment) => ((YamlMappingNode)current)[segment]);
        }

        return node;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string key) => Child(node, key) as YamlSequenceNode ?? Enumerable.Empty<YamlNode>();
}

/// <summary>One operation of the spec, as far as the generator's helpers care.</summary>
/// <param name="OperationId">The operationId.</param>
/// <param name="HttpMethod">GET, POST, ... (upper case).</param>
/// <param name="Path">The path template.</param>
/// <param name="Tag">The first tag.</param>
/// <param name="Deprecated">Whether the spec marks it deprecated.</param>
/// <param name="HasCursorParameter">Whether it takes a <c>cursor</c> query parameter.</param>
/// <param name="SuccessBodyProperties">Top-level property names of its success body.</param>
internal sealed record SpecOperation(
    string OperationId,
    string HttpMethod,
    string Path,
    string Tag,
    bool Deprecated,
    bool HasCursorParameter,
    IReadOnlySet<string> SuccessBodyProperties)
{
    /// <summary>A mutation whose answer lists the <c>operations</c> it started.</summary>
    public bool ReturnsOperations => HttpMethod != "GET" && SuccessBodyProperties.Contains("operations");

    /// <summary>A listing that pages: a cursor parameter and a next-page marker (<c>pagination</c> or <c>next_cursor</c>) in its body.</summary>
    public bool Paginated => HasCursorParameter && (SuccessBodyProperties.Contains("pagination") || SuccessBodyProperties.Contains("next_cursor"));

    /// <summary>One of the deprecated Neon Auth endpoints (tag "Auth (legacy)").</summary>
    public bool LegacyAuth => Deprecated
        && Tag.Contains("Auth", StringComparison.OrdinalIgnoreCase)
        && Tag.Contains("legacy", StringComparison.OrdinalIgnoreCase);
}
