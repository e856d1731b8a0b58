using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Spec;

/// <summary>
/// The vendored spec as the contract suite reads it: the raw document (no normalizer in between), its operations with
/// their parameters, request body and documented responses, and <c>$ref</c> resolution.
/// </summary>
internal sealed class ContractSpec
{
    public const string SpecFile = "public-v2-for-users.gen.yaml";

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly string RootFolder = FindRepositoryRoot();

    private static readonly Lazy<ContractSpec> Loaded = new(() => Load(Path.Combine(RepositoryRoot, "openapi", SpecFile)));

    private ContractSpec(JsonObject root)
    {
        Root = root;
        Operations = ReadOperations().ToList();
    }

    /// <summary>The spec of this repository, read once.</summary>
    public static ContractSpec Instance => Loaded.Value;

    /// <summary>The folder that holds <c>Neon.Generated.sln</c>.</summary>
    public static string RepositoryRoot => RootFolder;

    public JsonObject Root { get; }

    /// <summary>Every operation of the spec, in document order.</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    public static ContractSpec Load(string path) =>
        new(Neon.Api.SpecNormalizer.YamlJson.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} is not an OpenAPI document"));

    /// <summary>Builds a spec from a document held in memory (the suite's own tests use small ones).</summary>
    public static ContractSpec FromJson(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("not an OpenAPI document"));

    public SpecOperation Operation(string operationId) =>
        Operations.SingleOrDefault(o => o.OperationId == operationId)
        ?? throw new ArgumentException($"{operationId} is not an operation of the spec", nameof(operationId));

    /// <summary>Follows <c>$ref</c> until a node without one.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var current = node as JsonObject ?? throw new InvalidDataException($"expected an object at {node.GetPath()}");
        for (var hops = 0; current["$ref"] is JsonValue reference; hops++)
        {
            if (hops > 32)
            {
                throw new InvalidDataException($"$ref cycle at {node.GetPath()}");
            }

            current = Pointer(reference.GetValue<string>());
        }

        return current;
    }

    /// <summary>The component name a schema node refers to (<c>#/components/schemas/X</c> gives X), if it is a reference.</summary>
    public static string? RefName(JsonNode? node) =>
        node is JsonObject obj && obj["$ref"] is JsonValue value && value.GetValue<string>() is { } text
            ? text[(text.LastIndexOf('/') + 1)..]
            : null;

    /// <summary>A spec value (example, default, enum entry) as a Newtonsoft token.</summary>
    public static JToken ToToken(JsonNode? node) => node is null
        ? JValue.CreateNull()
        : Json.Parse(node.ToJsonString());

    /// <summary>A numeric keyword of the spec (minimum, maxLength, default, ...), whatever its JSON representation.</summary>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? decimal.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private JsonObject Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"only local references are supported: {reference}");
        }

        JsonNode? node = Root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node?[part];
        }

        return node as JsonObject ?? throw new InvalidDataException($"unresolved reference {reference}");
    }

    private IEnumerable<SpecOperation> ReadOperations()
    {
        if (Root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (path, pathNode) in paths)
        {
            if (pathNode is not JsonObject pathItem)
            {
                continue;
            }

            var shared = ReadParameters(pathItem["parameters"]);
            foreach (var method in HttpMethods)
            {
                if (pathItem[method] is not JsonObject operation || operation["operationId"] is not JsonValue id)
                {
                    continue;
                }

                // Operation parameters override path-level ones with the same name and location.
                var own = ReadParameters(operation["parameters"]);
                var parameters = shared.Where(s => !own.Any(o => o.Name == s.Name && o.In == s.In)).Concat(own).ToList();
                yield return new SpecOperation(
                    id.GetValue<string>(),
                    method.ToUpperInvariant(),
                    path,
                    operation,
                    parameters,
                    ReadRequestBody(operation["requestBody"]),
                    ReadResponses(operation["responses"]));
            }
        }
    }

    private List<SpecParameter> ReadParameters(JsonNode? node)
    {
        var result = new List<SpecParameter>();
        if (node is not JsonArray array)
        {
            return result;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var parameter = Resolve(item);
            var location = (string)parameter["in"]!;
            var style = (string?)parameter["style"] ?? (location is "query" or "cookie" ? "form" : "simple");
            var explode = (bool?)parameter["explode"] ?? style == "form";
            result.Add(new SpecParameter(
                (string)parameter["name"]!,
                location,
                (bool?)parameter["required"] ?? location == "path",
                parameter["schema"] as JsonObject ?? new JsonObject(),
                style,
                explode));
        }

        return result;
    }

    private SpecRequestBody? ReadRequestBody(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var body = Resolve(node);
        var content = body["content"] as JsonObject ?? new JsonObject();
        var media = content.Select(c => new SpecMedia(c.Key, c.Value?["schema"] as JsonObject, null)).ToList();
        return new SpecRequestBody((bool?)body["required"] ?? false, media);
    }

    private List<SpecResponse> ReadResponses(JsonNode? node)
    {
        var result = new List<SpecResponse>();
        if (node is not JsonObject responses)
        {
            return result;
        }

        foreach (var (status, responseNode) in responses)
        {
            var response = Resolve(responseNode!);
            var media = new List<SpecMedia>();
            if (response["content"] is JsonObject content)
            {
                foreach (var (mediaType, mediaNode) in content)
                {
                    media.Add(new SpecMedia(mediaType, mediaNode?["schema"] as JsonObject, FirstExample(mediaNode as JsonObject)));
                }
            }

            result.Add(new SpecResponse(status, media));
        }

        return result;
    }

    /// <summary>The example the spec shows for a media type: its own, its first named one, or its schema's.</summary>
    private JToken? FirstExample(JsonObject? media)
    {
        if (media is null)
        {
            return null;
        }

        if (media.TryGetPropertyValue("example", out var example))
        {
            return ToToken(example);
        }

        if (media["examples"] is JsonObject examples && examples.FirstOrDefault().Value is JsonObject first)
        {
            var value = Resolve(first);
            if (value.TryGetPropertyValue("value", out var named))
            {
                return ToToken(named);
            }
        }

        if (media["schema"] is JsonObject schema && Resolve(schema).TryGetPropertyValue("example", out var schemaExample))
        {
            return ToToken(schemaExample);
        }

        return null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neon.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Neon.Generated.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>One operation of the spec.</summary>
internal sealed record SpecOperation(
    string OperationId,
    string Method,
    string Path,
    JsonObject Node,
    IReadOnlyList<SpecParameter> Parameters,
    SpecRequestBody? RequestBody,
    IReadOnlyList<SpecResponse> Responses)
{
    /// <summary>The media types of the success (2xx) responses, in document order, without duplicates.</summary>
    public IReadOnlyList<string> SuccessMediaTypes =>
        Responses.Where(r => r.IsSuccess).SelectMany(r => r.Media).Select(m => m.MediaType).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The media types the client should accept: those of its success responses; when no success response has a body,
    /// those of its error responses (the only body the client will read).
    /// </summary>
    public IReadOnlyList<string> ExpectedAccept => SuccessMediaTypes.Count > 0
        ? SuccessMediaTypes
        : Responses.Where(r => !r.IsSuccess).SelectMany(r => r.Media).Select(m => m.MediaType).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public override string ToString() => OperationId;
}

/// <summary>A parameter of an operation, with the serialization the spec gives it (defaults applied).</summary>
internal sealed record SpecParameter(string Name, string In, bool Required, JsonObject Schema, string Style, bool Explode);

/// <summary>The request body of an operation: whether it is required, and its media types.</summary>
internal sealed record SpecRequestBody(bool Required, IReadOnlyList<SpecMedia> Media);

/// <summary>One media type of a body: its schema and (for responses) the example the spec shows.</summary>
internal sealed record SpecMedia(string MediaType, JsonObject? Schema, JToken? Example);

/// <summary>A documented response: status (or <c>default</c>) and its media types (none for an empty body).</summary>
internal sealed record SpecResponse(string Status, IReadOnlyList<SpecMedia> Media)
{
    public bool IsSuccess => Status.StartsWith('2');

    public bool IsDefault => Status == "default";
}
