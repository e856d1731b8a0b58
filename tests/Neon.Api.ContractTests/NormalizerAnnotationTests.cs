using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Neon.Api.ContractTests;

/// <summary>The facts the spec normalizer hands to the templates: what each operation accepts, and the discriminator values.</summary>
public class NormalizerAnnotationTests
{
    private const string Document = """
        {
          "openapi": "3.0.3",
          "paths": {
            "/files/{id}": {
              "get": { "operationId": "download", "responses": {
                "200": { "description": "bytes", "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
                "default": { "$ref": "#/components/responses/Error" } } },
              "delete": { "operationId": "remove", "responses": {
                "204": { "description": "gone" },
                "default": { "$ref": "#/components/responses/Error" } } },
              "put": { "operationId": "replace", "responses": {
                "200": { "description": "json", "content": { "application/json": { "schema": { "type": "object" } } } },
                "201": { "description": "text", "content": { "text/plain": { "schema": { "type": "string" } } } } } },
              "patch": { "operationId": "touch", "responses": { "204": { "description": "done" } } }
            }
          },
          "components": {
            "responses": { "Error": { "description": "error", "content": { "application/json": { "schema": { "type": "object" } } } } },
            "schemas": {
              "Standard": { "type": "object", "properties": { "host": { "type": "string" } } },
              "Shared": { "type": "object", "properties": { "name": { "type": "string" } } },
              "Server": { "discriminator": { "propertyName": "type", "mapping": { "standard": "#/components/schemas/Standard" } },
                "oneOf": [ { "$ref": "#/components/schemas/Standard" }, { "$ref": "#/components/schemas/Shared" } ] },
              "TestRequest": { "allOf": [ { "$ref": "#/components/schemas/Standard" }, { "type": "object", "properties": { "to": { "type": "string" } } } ] },
              "Pet": { "type": "object", "required": ["kind"], "properties": { "kind": { "type": "string" } },
                "discriminator": { "propertyName": "kind", "mapping": { "dog": "#/components/schemas/Dog" } } },
              "Dog": { "allOf": [ { "$ref": "#/components/schemas/Pet" }, { "type": "object", "properties": { "barks": { "type": "boolean" } } } ] },
              "Cat": { "allOf": [ { "$ref": "#/components/schemas/Pet" } ] }
            }
          }
        }
        """;

    private static JsonObject Normalized()
    {
        var root = (JsonObject)JsonNode.Parse(Document)!;
        Neon.Api.SpecNormalizer.SpecNormalizer.Normalize(root);
        return root;
    }

    [TestCase("get", "application/octet-stream", TestName = "Accept is the success media type of a download, not JSON")]
    [TestCase("delete", "application/json", TestName = "Accept falls back to the error media types when no success has a body")]
    [TestCase("put", "application/json, text/plain", TestName = "Accept lists every success media type")]
    [TestCase("patch", "", TestName = "Accept is left out when no response has a body")]
    public void Accept_comes_from_the_responses(string method, string accept) =>
        Assert.That((string?)Normalized()["paths"]!["/files/{id}"]![method]!["x-neon-accept"], Is.EqualTo(accept));

    [Test]
    public void Discriminator_values_are_the_mapping_and_the_implicit_names_of_unmapped_variants()
    {
        var schemas = Normalized()["components"]!["schemas"]!;

        Assert.That((string?)schemas["Server"]!["x-neon-discriminator-values"], Is.EqualTo("|standard|Shared|"), "oneOf variants");
        Assert.That((string?)schemas["Pet"]!["x-neon-discriminator-values"], Is.EqualTo("|dog|Cat|"), "allOf children");
        Assert.That(schemas["Server"]!["x-neon-discriminator-values"]!.ToString(), Does.Not.Contain("TestRequest"),
            "a schema that only extends a variant is no variant");
    }
}
