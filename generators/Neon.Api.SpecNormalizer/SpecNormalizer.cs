using System.Text.Json.Nodes;

namespace Neon.Api.SpecNormalizer;

/// <summary>
/// Rewrites the published spec into an equivalent document whose every schema has a meaningful name, so that
/// NSwag (whose name-generator settings have no effect in 14.7.1) emits types a user can read.
/// </summary>
/// <remarks>
/// The wire contract is unchanged: only anonymous (inline) schemas are moved into <c>components/schemas</c>
/// under names derived from where they stand, and a few constructs NSwag mishandles are expressed in a form it
/// supports. The rules are generic, so a future spec is normalized without code changes:
/// <list type="bullet">
/// <item>inline request bodies become <c>{OperationId}Request</c>, inline success responses <c>{OperationId}Response</c>;</item>
/// <item>inline parameter enums become <c>{OperationId}{Parameter}</c> (shared parameters: <c>{Parameter}</c>);</item>
/// <item>inline object and enum properties become <c>{Owner}{Property}</c>, array items <c>{Owner}{Property}Item</c>, map
/// values <c>{Owner}{Property}Value</c>, at any depth (the items of a map's values: <c>{Owner}{Property}ValueItem</c>);</item>
/// <item>a <c>oneOf</c> with a discriminator over referenced schemas becomes a base class the members derive from;</item>
/// <item><c>format: uuid</c> is dropped (Neon's own examples put e-mail addresses in such fields), so ids stay strings;</item>
/// <item>an <c>integer</c> field of a body schema without a format gets one from its bounds: <c>int32</c> when its <c>maximum</c> (and
/// <c>minimum</c>) fit 32 bits, else <c>int64</c>. The spec leaves such integers unbounded, and real values exceed
/// 32 bits (a day's transfer bytes in <c>ConsumptionMetricValue.value</c>), so NSwag's default <c>int</c> would not hold them.</item>
/// </list>
/// Extensions carry facts the templates cannot see in NSwag's models (all are the normalizer's own, never Neon's):
/// <list type="bullet">
/// <item><c>x-neon-accept</c> on each operation: the media types the client accepts (see <see cref="AcceptOf"/>);</item>
/// <item><c>x-neon-empty-success</c> on an operation that documents a success without a body beside one with a body
/// (see <see cref="EmptySuccessOf"/>);</item>
/// <item><c>x-neon-replacement</c> on each deprecated operation whose description names a replacement the spec has: its
/// operationId (see <see cref="AnnotateReplacements"/>);</item>
/// <item><c>x-neon-discriminator-values</c> on each schema with a discriminator: the values the spec defines for it,
/// as <c>|a|b|</c>. NJsonSchema names a derived class that is not in the mapping by its class name; such a class
/// (for example a request that only extends one variant through <c>allOf</c>) must not send a discriminator at all.</item>
/// </list>
/// </remarks>
internal sealed partial class SpecNormalizer
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly string[] PropertyLevelKeys = ["description", "nullable", "readOnly", "writeOnly", "deprecated", "example"];

    private readonly JsonObject _root;
    private readonly JsonObject _schemas;
    private readonly Queue<string> _pending = new();

    private SpecNormalizer(JsonObject root)
    {
        _root = root;
        var components = root["components"] as JsonObject ?? throw new InvalidDataException("The spec has no 'components' section.");
        _schemas = components["schemas"] as JsonObject ?? throw new InvalidDataException("The spec has no 'components/schemas' section.");
    }

    /// <summary>Names hoisted by the last run, for reporting.</summary>
    public List<string> Hoisted { get; } = [];

    public static SpecNormalizer Normalize(JsonObject root)
    {
        var normalizer = new SpecNormalizer(root);
        normalizer.Run();
        return normalizer;
    }

    private void Run()
    {
        foreach (var name in _schemas.Select(p => p.Key).ToList())
        {
            _pending.Enqueue(name);
        }

        AnnotateAccept();
        AnnotateReplacements();
        AnnotateDiscriminatorValues();
        HoistSharedParameters();
        HoistSharedResponsesAndBodies();
        HoistOperationSchemas();

        while (_pending.Count > 0)
        {
            var name = _pending.Dequeue();
            if (_schemas[name] is JsonObject schema)
            {
                HoistNested(name, schema);
            }
        }

        foreach (var name in _schemas.Select(p => p.Key).ToList())
        {
            if (_schemas[name] is JsonObject schema)
            {
                RewriteDiscriminatedOneOf(name, schema);
            }
        }

        DropUuidFormats(_root);
        SizeUnformattedIntegers(_schemas); // body fields only: parameters (page sizes, timeouts) stay int
    }

    /// <summary>Writes <c>x-neon-accept</c> on every operation (see <see cref="AcceptOf"/>).</summary>
    private void AnnotateAccept()
    {
        foreach (var operation in Operations())
        {
            operation["x-neon-accept"] = AcceptOf(operation);
            if (EmptySuccessOf(operation) is { } description)
            {
                operation["x-neon-empty-success"] = description;
            }
        }
    }

    /// <summary>
    /// For an operation that documents both a success with a body and one without (for example a delete that answers
    /// 204 when the resource is already gone): the description of the bodiless one, for the method's documentation.
    /// The client then reads an empty success as an empty model instead of failing.
    /// </summary>
    private string? EmptySuccessOf(JsonObject operation)
    {
        if (operation["responses"] is not JsonObject responses)
        {
            return null;
        }

        var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => (r.Key, Response: ResolveLocal(r.Value))).ToList();
        var empty = success.FirstOrDefault(r => r.Response?["content"] is not JsonObject { Count: > 0 });
        if (empty.Key is null || !success.Any(r => r.Response?["content"] is JsonObject { Count: > 0 }))
        {
            return null;
        }

        var description = (empty.Response?["description"] as JsonValue)?.GetValue<string>()?.Trim();
        return $"{empty.Key}: {(string.IsNullOrEmpty(description) ? "no body" : description)}";
    }

    /// <summary>
    /// The <c>Accept</c> header of an operation: the media types of its success (2xx) responses. When no success
    /// response has a body (a 204, or a 200 documented without content), the media types of its error responses:
    /// an error body is then the only body the client reads. Empty when no response has a body (no header is sent).
    /// </summary>
    private string AcceptOf(JsonObject operation)
    {
        var success = new List<string>();
        var errors = new List<string>();
        if (operation["responses"] is JsonObject responses)
        {
            foreach (var (status, node) in responses)
            {
                if (ResolveLocal(node)?["content"] is JsonObject content)
                {
                    (status.StartsWith('2') ? success : errors).AddRange(content.Select(c => c.Key));
                }
            }
        }

        var chosen = success.Count > 0 ? success : errors;
        return string.Join(", ", chosen.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Writes <c>x-neon-discriminator-values</c> on every schema that declares a discriminator: the keys of its mapping,
    /// and the implicit values (schema names) of the variants the mapping leaves out — the members of its <c>oneOf</c>
    /// or <c>anyOf</c>, or, for an <c>allOf</c> base, the schemas that extend it directly. Runs on the spec as published,
    /// before the rewriting below turns variants into derived classes.
    /// </summary>
    private void AnnotateDiscriminatorValues()
    {
        foreach (var (name, node) in _schemas.ToList())
        {
            if (node is not JsonObject schema || schema["discriminator"] is not JsonObject discriminator)
            {
                continue;
            }

            var mapping = discriminator["mapping"] as JsonObject ?? new JsonObject();
            var values = mapping.Select(m => m.Key).ToList();
            var mapped = mapping.Select(m => RefNameOf(m.Value)).ToHashSet(StringComparer.Ordinal);
            var variants = (schema["oneOf"] ?? schema["anyOf"]) is JsonArray members
                ? members.OfType<JsonObject>().Select(RefName)
                : _schemas.Where(s => s.Value?["allOf"] is JsonArray allOf && allOf.OfType<JsonObject>().Any(m => RefName(m) == name)).Select(s => s.Key);
            values.AddRange(variants.Where(v => v is not null && !mapped.Contains(v)).Select(v => v!));
            schema["x-neon-discriminator-values"] = "|" + string.Join("|", values.Distinct(StringComparer.Ordinal)) + "|";
        }
    }

    private IEnumerable<JsonObject> Operations()
    {
        if (_root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (_, pathNode) in paths)
        {
            foreach (var method in HttpMethods)
            {
                if (pathNode?[method] is JsonObject operation)
                {
                    yield return operation;
                }
            }
        }
    }

    /// <summary>Follows a local <c>$ref</c> (for example to <c>#/components/responses/GeneralError</c>).</summary>
    private JsonObject? ResolveLocal(JsonNode? node)
    {
        for (var hops = 0; node is JsonObject obj && obj["$ref"] is JsonValue reference && hops < 32; hops++)
        {
            var text = reference.GetValue<string>();
            if (!text.StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }

            node = text[2..].Split('/').Aggregate<string, JsonNode?>(_root, (current, part) => current?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
        }

        return node as JsonObject;
    }

    private static string? RefNameOf(JsonNode? reference) =>
        reference is JsonValue value && value.GetValue<string>() is { } text && text.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? text["#/components/schemas/".Length..]
            : null;
}
