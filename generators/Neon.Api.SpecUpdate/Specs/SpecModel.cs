using System.Text.Json.Nodes;
using Neon.Api.SpecNormalizer;

namespace Neon.Api.SpecUpdate.Specs;

/// <summary>One field of an operation's contract: its type as the spec states it, and whether it must be sent or present.</summary>
internal sealed record FieldShape(string Type, bool Required);

/// <summary>
/// One operation as far as a consumer can notice it. <see cref="Fields"/> holds its parameters and every field of its
/// request and response bodies, flattened to keys such as <c>parameter query limit</c>, <c>request $.branch.name</c>
/// and <c>response 200 $.branches[*].id</c>.
/// </summary>
internal sealed record OperationShape(
    string OperationId,
    string Method,
    string Path,
    string? Tag,
    bool Deprecated,
    IReadOnlyDictionary<string, FieldShape> Fields);

/// <summary>The operations of one OpenAPI document, keyed by operationId.</summary>
internal sealed class SpecModel
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private SpecModel(IReadOnlyDictionary<string, OperationShape> operations) => Operations = operations;

    /// <summary>Operations by operationId (or "METHOD path" for one without an id).</summary>
    public IReadOnlyDictionary<string, OperationShape> Operations { get; }

    /// <summary>Reads an OpenAPI document (YAML or JSON text).</summary>
    public static SpecModel Parse(string text) => FromDocument(YamlJson.Parse(text) as JsonObject
        ?? throw new InvalidDataException("The spec is not a YAML or JSON object."));

    /// <summary>Reads an OpenAPI document already parsed into a JSON tree.</summary>
    public static SpecModel FromDocument(JsonObject document)
    {
        var resolver = new RefResolver(document);
        var operations = new SortedDictionary<string, OperationShape>(StringComparer.Ordinal);
        if (document["paths"] is not JsonObject paths)
        {
            return new SpecModel(operations);
        }

        foreach (var (path, pathNode) in paths)
        {
            if (resolver.Resolve(pathNode) is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var method in HttpMethods)
            {
                if (pathItem[method] is JsonObject operation)
                {
                    var shape = ReadOperation(resolver, path, method, pathItem, operation);
                    operations[shape.OperationId] = shape;
                }
            }
        }

        return new SpecModel(operations);
    }

    /// <summary>Each operation's first tag, the group its client methods live in.</summary>
    public SortedDictionary<string, string> FirstTags()
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in Operations.Values)
        {
            if (operation.Tag is not null)
            {
                tags[operation.OperationId] = operation.Tag;
            }
        }

        return tags;
    }

    private static OperationShape ReadOperation(RefResolver resolver, string path, string method, JsonObject pathItem, JsonObject operation)
    {
        var upper = method.ToUpperInvariant();
        var id = operation["operationId"]?.GetValue<string>() ?? $"{upper} {path}";
        var tag = operation["tags"] is JsonArray { Count: > 0 } tags ? tags[0]?.GetValue<string>() : null;
        var deprecated = operation["deprecated"] is JsonValue flag && flag.TryGetValue<bool>(out var isDeprecated) && isDeprecated;

        var flattener = new SchemaFlattener(resolver);
        foreach (var parameter in Parameters(resolver, pathItem, operation))
        {
            var name = parameter["name"]?.GetValue<string>() ?? "?";
            var location = parameter["in"]?.GetValue<string>() ?? "?";
            var required = parameter["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired;
            flattener.Add($"parameter {location} {name}", parameter["schema"] ?? FirstContentSchema(resolver, parameter), required);
        }

        if (resolver.Resolve(operation["requestBody"]) is JsonObject body)
        {
            var required = body["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired;
            flattener.Add("request $", FirstContentSchema(resolver, body), required, NoBody);
        }

        if (operation["responses"] is JsonObject responses)
        {
            foreach (var (status, responseNode) in responses)
            {
                if (resolver.Resolve(responseNode) is JsonObject response)
                {
                    flattener.Add($"response {status} $", FirstContentSchema(resolver, response), required: true, NoBody);
                }
            }
        }

        return new OperationShape(id, upper, path, tag, deprecated, flattener.Result());
    }

    /// <summary>The type recorded for a request or response without content.</summary>
    internal const string NoBody = "no body";

    // Path-level parameters apply unless the operation redefines the same name and location.
    private static IEnumerable<JsonObject> Parameters(RefResolver resolver, JsonObject pathItem, JsonObject operation)
    {
        var byKey = new Dictionary<(string?, string?), JsonObject>();
        foreach (var list in new[] { pathItem["parameters"], operation["parameters"] })
        {
            if (list is not JsonArray items)
            {
                continue;
            }

            foreach (var item in items)
            {
                if (resolver.Resolve(item) is JsonObject parameter)
                {
                    byKey[(parameter["in"]?.GetValue<string>(), parameter["name"]?.GetValue<string>())] = parameter;
                }
            }
        }

        return byKey.Values;
    }

    // JSON is what the client sends and reads; another media type (multipart, octet-stream) only when it is the one offered.
    private static JsonNode? FirstContentSchema(RefResolver resolver, JsonObject holder)
    {
        if (holder["content"] is not JsonObject content || content.Count == 0)
        {
            return null;
        }

        var media = content["application/json"] ?? content.First().Value;
        return resolver.Resolve(media) is JsonObject mediaType ? mediaType["schema"] ?? new JsonObject() : null;
    }
}
