using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Neon.Api.ContractTests;

/// <summary>The spec normalizer names every inline schema after where it stands, however deep it sits.</summary>
public class NormalizerNamingTests
{
    private const string Document = """
        {
          "openapi": "3.0.3",
          "paths": {
            "/tags": {
              "get": { "operationId": "listTags", "responses": {
                "200": { "description": "tags", "content": { "application/json": { "schema": {
                  "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" } } } } } } } } }
            }
          },
          "components": {
            "schemas": {
              "AppsMap": { "type": "object", "properties": {
                "applications": { "type": "object", "additionalProperties": {
                  "type": "array", "items": { "type": "string", "enum": ["vercel", "github"] } } },
                "grid": { "type": "array", "items": { "type": "array", "items": { "type": "string", "enum": ["x", "o"] } } } } },
              "Flags": { "type": "object", "additionalProperties": { "oneOf": [ { "type": "boolean" }, { "type": "string" } ] } },
              "Limits": { "type": "object", "additionalProperties": { "type": "object", "properties": { "max": { "type": "integer" } } } }
            }
          }
        }
        """;

    private static JsonObject Schemas()
    {
        var root = (JsonObject)JsonNode.Parse(Document)!;
        Neon.Api.SpecNormalizer.SpecNormalizer.Normalize(root);
        return root["components"]!["schemas"]!.AsObject();
    }

    [Test]
    public void An_enum_in_the_items_of_a_map_s_values_is_named()
    {
        var schemas = Schemas();

        Assert.That((string?)schemas["AppsMap"]!["properties"]!["applications"]!["additionalProperties"]!["items"]!["$ref"],
            Is.EqualTo("#/components/schemas/AppsMapApplicationsValueItem"));
        Assert.That(schemas["AppsMapApplicationsValueItem"]!["enum"]!.AsArray().Select(v => (string?)v), Is.EqualTo(new[] { "vercel", "github" }));
    }

    [Test]
    public void An_enum_in_the_items_of_items_is_named() =>
        Assert.That((string?)Schemas()["AppsMap"]!["properties"]!["grid"]!["items"]!["items"]!["$ref"], Is.EqualTo("#/components/schemas/AppsMapGridItemItem"));

    [Test]
    public void The_values_of_a_map_schema_are_named() =>
        Assert.That((string?)Schemas()["Limits"]!["additionalProperties"]!["$ref"], Is.EqualTo("#/components/schemas/LimitsValue"));

    [Test]
    public void The_items_of_an_array_response_are_named() =>
        Assert.That(Schemas()["ListTagsResponseItem"]?["properties"]?["name"], Is.Not.Null);

    [Test]
    public void A_union_of_scalars_is_left_in_place()
    {
        var schemas = Schemas();

        Assert.That(schemas["Flags"]!["additionalProperties"]!["oneOf"], Is.Not.Null, "a boolean-or-string value has no type to name");
        Assert.That(schemas.Select(s => s.Key), Has.None.StartWith("FlagsValue"));
    }
}
