using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.SpecNormalizer;

namespace Neon.Api.SpecUpdate.Fetching;

/// <summary>The checks a spec must pass before it replaces the vendored one.</summary>
internal static class SpecValidation
{
    /// <summary>Parses the spec and checks it is an OpenAPI 3 document with paths; returns the parsed document.</summary>
    public static JsonObject Validate(byte[] content, string what)
    {
        JsonNode? parsed;
        try
        {
            parsed = YamlJson.Parse(new UTF8Encoding(false, true).GetString(content));
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException or DecoderFallbackException)
        {
            throw new UpdateException($"{what} is not valid YAML: {e.Message}", e);
        }

        if (parsed is not JsonObject document)
        {
            throw new UpdateException($"{what} is not a YAML mapping.");
        }

        if (document["openapi"] is not JsonValue version || !version.TryGetValue<string>(out var text) || !text.StartsWith("3.", StringComparison.Ordinal))
        {
            throw new UpdateException($"{what} has no 'openapi: 3.x' field: it is not an OpenAPI 3 document.");
        }

        if (document["paths"] is not JsonObject { Count: > 0 })
        {
            throw new UpdateException($"{what} has no 'paths' (or they are empty).");
        }

        return document;
    }
}
