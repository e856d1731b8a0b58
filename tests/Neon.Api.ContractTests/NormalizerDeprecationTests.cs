using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Neon.Api.ContractTests;

/// <summary>
/// The spec normalizer turns the replacement a deprecated operation's description names, in each wording Neon uses,
/// into one machine-readable extension, <c>x-neon-replacement: operationId</c>, absent when it names none the spec has.
/// </summary>
public class NormalizerDeprecationTests
{
    private const string Extension = "x-neon-replacement";

    private const string Paths = """
        {
          "/things": {
            "get": { "operationId": "listThings", "responses": { "200": { "description": "ok" } } },
            "post": { "operationId": "createThing", "responses": { "201": { "description": "ok" } } }
          },
          "/things/{id}": {
            "get": { "operationId": "getThing", "responses": { "200": { "description": "ok" } } }
          },
          "/v2/things": {
            "get": { "operationId": "listThingsV2", "responses": { "200": { "description": "ok" } } }
          },
          "/things/{id}/archive": {
            "post": { "operationId": "archiveThing", "responses": { "200": { "description": "ok" } } }
          }
        }
        """;

    /// <summary>Normalizes a spec holding <see cref="Paths"/> and one more operation, and returns that operation.</summary>
    private static JsonObject Deprecated(string method, string description, bool deprecated = true)
    {
        var paths = (JsonObject)JsonNode.Parse(Paths)!;
        paths["/old"] = new JsonObject
        {
            [method] = new JsonObject
            {
                ["operationId"] = "oldThing",
                ["deprecated"] = deprecated,
                ["description"] = description,
                ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } },
            },
        };
        var root = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
        Neon.Api.SpecNormalizer.SpecNormalizer.Normalize(root);
        return root["paths"]!["/old"]![method]!.AsObject();
    }

    [TestCase("get", "DEPRECATED, use `/things` instead. Lists old things.", "listThings", TestName = "A quoted path takes the deprecated operation's method")]
    [TestCase("post", "DEPRECATED, use `/things` instead.", "createThing", TestName = "A quoted path takes the deprecated operation's method (POST)")]
    [TestCase("get", "DEPRECATED, use `/things/{id}/archive` instead.", "archiveThing", TestName = "A quoted path with another method is the only operation at that path")]
    [TestCase("get", "Lists things.\n\n**Deprecated.** Use `GET /things` (`listThings`)\nor `GET /v2/things` (`listThingsV2`) instead.\n", "listThings", TestName = "A quoted method and path, the first of two alternatives")]
    [TestCase("get", "Deprecated: use `POST /things/{id}/archive` instead", "archiveThing", TestName = "A quoted method and path with another method")]
    [TestCase("get", "DEPRECATED. Use `getThing` instead.", "getThing", TestName = "A quoted operationId")]
    [TestCase("get", "Deprecated, use `GET /nowhere` or `/v2/things` instead.", "listThingsV2", TestName = "An unresolvable reference is passed over for the next")]
    public void The_replacement_is_resolved(string method, string description, string replacement) =>
        Assert.That((string?)Deprecated(method, description)[Extension], Is.EqualTo(replacement));

    [TestCase("DEPRECATED. Personal accounts have been migrated to organizations, making this operation no longer applicable.\n", TestName = "No replacement named: no extension")]
    [TestCase("DEPRECATED, use `/nowhere` instead.", TestName = "A path the spec lacks: no extension")]
    [TestCase("DEPRECATED, use `GET /things/{id}/archive` instead.", TestName = "A method and path the spec lacks: no extension")]
    [TestCase("Returns `/things` that belong to `getThing` callers.", TestName = "Paths mentioned without 'use': no extension")]
    public void An_unresolvable_or_missing_replacement_leaves_no_extension(string description) =>
        Assert.That(Deprecated("get", description).ContainsKey(Extension), Is.False);

    [Test]
    public void An_operation_that_is_not_deprecated_gets_no_extension() =>
        Assert.That(Deprecated("get", "DEPRECATED, use `/things` instead.", deprecated: false).ContainsKey(Extension), Is.False);

    [Test]
    public void Neon_s_usual_wording_is_kept_as_it_is()
    {
        const string Text = "DEPRECATED, use `/things` instead. Lists old things.";

        Assert.That((string?)Deprecated("get", Text)["description"], Is.EqualTo(Text));
    }

    [Test]
    public void Another_wording_gets_the_usual_one_in_front_when_the_replacement_has_the_same_method()
    {
        const string Text = "Lists things.\n\n**Deprecated.** Use `GET /v2/things` (`listThingsV2`) instead.\n";

        Assert.That((string?)Deprecated("get", Text)["description"], Is.EqualTo("DEPRECATED, use `/v2/things` instead. " + Text));
    }

    [Test]
    public void A_replacement_with_another_method_leaves_the_description_as_it_is()
    {
        // The usual wording names a path only, which readers take with the deprecated operation's own method.
        const string Text = "Deprecated: use `POST /things/{id}/archive` instead";

        Assert.That((string?)Deprecated("get", Text)["description"], Is.EqualTo(Text));
    }
}
