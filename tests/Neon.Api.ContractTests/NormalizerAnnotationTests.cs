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
              "patch": { "operationId": "touch", "responses": { "204": { "description": "done" } } },
              "post": { "operationId": "archive", "responses": {
                "200": { "description": "archived", "content": { "application/json": { "schema": { "type": "object" } } } },
                "204": { "description": "Returned if the file is already archived" } } }
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
              "Cat": { "allOf": [ { "$ref": "#/components/schemas/Pet" } ] },
              "Usage": { "type": "object", "properties": {
                "bytes": { "type": "integer" },
                "version": { "type": "integer", "minimum": 14, "maximum": 18, "default": 17 },
                "huge_cap": { "type": "integer", "maximum": 9999999999 },
                "small": { "type": "integer", "format": "int32" },
                "days": { "type": "array", "items": { "type": "integer" } } } }
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

    [TestCase("bytes", "int64", TestName = "An unbounded integer field becomes int64")]
    [TestCase("version", "int32", TestName = "An integer field bounded within 32 bits stays int32")]
    [TestCase("huge_cap", "int64", TestName = "An integer field bounded beyond 32 bits becomes int64")]
    [TestCase("small", "int32", TestName = "An integer field with a format keeps it")]
    public void Integer_fields_get_a_format_that_holds_their_range(string property, string format) =>
        Assert.That((string?)Normalized()["components"]!["schemas"]!["Usage"]!["properties"]![property]!["format"], Is.EqualTo(format));

    [Test]
    public void Array_items_of_unbounded_integers_become_int64() =>
        Assert.That((string?)Normalized()["components"]!["schemas"]!["Usage"]!["properties"]!["days"]!["items"]!["format"], Is.EqualTo("int64"));

    [Test]
    public void An_operation_with_a_bodiless_success_beside_one_with_a_body_is_marked()
    {
        var paths = Normalized()["paths"]!["/files/{id}"]!;
        Assert.That((string?)paths["post"]!["x-neon-empty-success"], Is.EqualTo("204: Returned if the file is already archived"));
        Assert.That(paths["delete"]!["x-neon-empty-success"], Is.Null, "no success with a body: the method returns nothing anyway");
        Assert.That(paths["get"]!["x-neon-empty-success"], Is.Null);
    }

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
