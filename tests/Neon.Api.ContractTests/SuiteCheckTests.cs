using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.ContractTests.Checks;
using Neon.Api.ContractTests.Client;
using Neon.Api.ContractTests.Http;
using Neon.Api.ContractTests.Spec;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.ContractTests;

/// <summary>The suite's own checks fail when they should: each is shown a wrong value, request or result.</summary>
public class SuiteCheckTests
{
    private const string SmallSpec = """
        {
          "openapi": "3.0.3",
          "paths": {},
          "components": {
            "schemas": {
              "Closed": { "type": "object", "required": ["id"], "properties": {
                "id": { "type": "string", "pattern": "^[a-z0-9-]{1,60}$" },
                "count": { "type": "integer", "format": "int32", "minimum": 1 },
                "at": { "type": "string", "format": "date-time" },
                "kind": { "type": "string", "enum": ["a", "b"] } } },
              "Open": { "type": "object", "additionalProperties": true, "properties": { "id": { "type": "string" } } },
              "Extended": { "allOf": [ { "$ref": "#/components/schemas/Closed" }, { "type": "object", "properties": { "extra": { "type": "boolean" } } } ] },
              "Standard": { "type": "object", "required": ["host"], "properties": { "host": { "type": "string" }, "name": { "type": "string" } } },
              "Shared": { "type": "object", "properties": { "name": { "type": "string" } } },
              "Server": { "type": "object", "discriminator": { "propertyName": "type", "mapping": {
                  "standard": "#/components/schemas/Standard", "shared": "#/components/schemas/Shared" } },
                "oneOf": [ { "$ref": "#/components/schemas/Standard" }, { "$ref": "#/components/schemas/Shared" } ] },
              "Ambiguous": { "oneOf": [ { "$ref": "#/components/schemas/Open" }, { "$ref": "#/components/schemas/Shared" } ] }
            }
          }
        }
        """;

    private static readonly ContractSpec Small = ContractSpec.FromJson(SmallSpec);

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static List<string> Validate(string json, string schema) =>
        new SchemaValidator(Small).Validate(Json.Parse(json), Ref(schema));

    [Test]
    public void Validator_accepts_a_valid_object() =>
        Assert.That(Validate("""{"id":"a-1","count":3,"at":"2024-01-02T03:04:05.123456789Z","kind":"b"}""", "Closed"), Is.Empty);

    [TestCase("""{"id":"a-1","other":1}""", "$.other: a property the schema does not define")]
    [TestCase("""{"count":3}""", "$.id: required but missing")]
    [TestCase("""{"id":"A B"}""", "does not match")]
    [TestCase("""{"id":"a","count":0}""", "below the minimum")]
    [TestCase("""{"id":"a","count":"3"}""", "expected an integer")]
    [TestCase("""{"id":"a","at":"2024-01-02 03:04:05"}""", "is not a valid date-time")]
    [TestCase("""{"id":"a","kind":"c"}""", "is not one of the values")]
    public void Validator_rejects(string json, string problem) =>
        Assert.That(Validate(json, "Closed"), Has.Some.Contains(problem));

    [Test]
    public void Validator_allows_what_additionalProperties_allows() =>
        Assert.That(Validate("""{"id":"x","anything":{"nested":true}}""", "Open"), Is.Empty);

    [Test]
    public void Validator_takes_the_properties_of_every_allOf_member()
    {
        Assert.That(Validate("""{"id":"a","extra":true}""", "Extended"), Is.Empty);
        Assert.That(Validate("""{"id":"a","extra":true,"more":1}""", "Extended"), Has.Some.Contains("$.more: a property the schema does not define"));
    }

    [Test]
    public void Validator_chooses_a_variant_by_its_discriminator()
    {
        // Standard's fields also fit Shared (which requires nothing): only the discriminator tells them apart.
        Assert.That(Validate("""{"type":"standard","host":"h","name":"n"}""", "Server"), Is.Empty);
        Assert.That(Validate("""{"type":"shared","name":"n"}""", "Server"), Is.Empty);
        Assert.That(Validate("""{"type":"shared","host":"h"}""", "Server"), Has.Some.Contains("$.host: a property the schema does not define"));
        Assert.That(Validate("""{"type":"SendTestRequest","host":"h"}""", "Server"), Has.Some.Contains("is not a discriminator value"));
        Assert.That(Validate("""{"host":"h"}""", "Server"), Has.Some.Contains("the discriminator is missing"));
    }

    [Test]
    public void Validator_rejects_a_oneOf_value_that_fits_two_variants() =>
        Assert.That(Validate("""{"name":"n"}""", "Ambiguous"), Has.Some.Contains("matches 2 of the 2 variants"));

    [Test]
    public void Synthesizer_fills_required_fields_or_all_of_them()
    {
        var required = (JObject)new SchemaSynthesizer(Small, fillOptional: false, lastVariant: false).Create(Ref("Closed"), "body");
        var all = (JObject)new SchemaSynthesizer(Small, fillOptional: true, lastVariant: false).Create(Ref("Closed"), "body");

        Assert.That(required.Properties().Select(p => p.Name), Is.EqualTo(new[] { "id" }));
        Assert.That(all.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "count", "at", "kind" }));
        Assert.That(new SchemaValidator(Small).Validate(all, Ref("Closed")), Is.Empty);
    }

    [Test]
    public void Synthesizer_writes_the_mapped_discriminator_of_the_variant_it_chose()
    {
        var first = new SchemaSynthesizer(Small, fillOptional: true, lastVariant: false);
        var last = new SchemaSynthesizer(Small, fillOptional: true, lastVariant: true);
        var standard = first.Create(Ref("Server"), "body");
        var shared = last.Create(Ref("Server"), "body");

        Assert.That((string?)standard["type"], Is.EqualTo("standard"));
        Assert.That((string?)shared["type"], Is.EqualTo("shared"));
        Assert.That(first.TypeHints[standard], Is.EqualTo("Standard"), "the builder picks the derived model by this name");
        Assert.That(new SchemaValidator(Small).Validate(shared, Ref("Server")), Is.Empty);
    }

    [Test]
    public void Synthesized_bodies_of_the_real_spec_satisfy_their_own_schemas()
    {
        // Otherwise a request check would blame the client for the suite's own value.
        var spec = ContractRun.Spec;
        var validator = new SchemaValidator(spec);
        var problems = new List<string>();
        foreach (var operation in spec.Operations)
        {
            var schemas = operation.Responses.SelectMany(r => r.Media).Concat(operation.RequestBody?.Media ?? [])
                .Where(m => CallPlan.IsJson(m.MediaType) && m.Schema is not null)
                .Select(m => m.Schema!);
            foreach (var schema in schemas)
            {
                foreach (var (optional, last, server) in new[] { (false, false, false), (true, true, false), (true, false, true) })
                {
                    var value = new SchemaSynthesizer(spec, optional, last, server).Create(schema, "body");
                    problems.AddRange(validator.Validate(value, schema).Select(p => $"{operation.OperationId}: {p}"));
                }
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Comparer_keeps_instants_and_numbers_and_nothing_else()
    {
        Assert.That(JsonComparer.SameText("2024-03-05T08:07:08.123+02:00", "2024-03-05T06:07:08.123Z"), Is.True);
        Assert.That(JsonComparer.SameText("2024-03-05T06:07:08.123456789Z", "2024-03-05T06:07:08.1234568+00:00"), Is.True);
        Assert.That(JsonComparer.SameText("2024-03-05T06:07:08.123Z", "2024-03-05T06:07:08.124Z"), Is.False);
        Assert.That(JsonComparer.SameValue(new JValue(1), new JValue(1.0m)), Is.True);
        Assert.That(JsonComparer.SameValue(new JValue("1"), new JValue(1)), Is.False, "a string is not a number");
        Assert.That(JsonComparer.Lost(Json.Parse("""{"a":{"b":[1,2]},"c":null}"""), Json.Parse("""{"a":{"b":[1]}}""")),
            Is.EqualTo(new[] { "$.a.b (an array of 2 became an array of 1)" }));
    }

    [Test]
    public void Multipart_reader_reads_names_files_and_bytes()
    {
        var body = "--b1\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"a.zip\"\r\nContent-Type: application/zip\r\n\r\n\u0001\r\n\u0002\r\n"
            + "--b1\r\nContent-Disposition: form-data; name=runtime\r\n\r\nnodejs\r\n--b1--\r\n";
        var parts = MultipartBody.Parse("multipart/form-data; boundary=\"b1\"", Encoding.Latin1.GetBytes(body));

        Assert.That(parts.Select(p => (p.Name, p.FileName)), Is.EqualTo(new[] { ("zip", (string?)"a.zip"), ("runtime", null) }));
        Assert.That(parts[0].Body, Is.EqualTo(new byte[] { 1, 13, 10, 2 }));
        Assert.That(Encoding.UTF8.GetString(parts[1].Body), Is.EqualTo("nodejs"));
        Assert.Throws<FormatException>(() => MultipartBody.Parse("multipart/form-data; boundary=b2", Encoding.Latin1.GetBytes(body)));
    }

    [Test]
    public async Task Request_checker_sees_an_unescaped_path_parameter()
    {
        var (plan, request) = await CaptureAsync(o => o.Parameters.Any(p => p.In == "path" && IsFreeText(p.Schema)), allOptional: false);
        var parameter = plan.Operation.Parameters.First(p => p.In == "path" && IsFreeText(p.Schema));
        var escaped = Uri.EscapeDataString(RequestChecker.ScalarText(plan.ParameterValues[parameter]));
        var raw = request.Uri.AbsoluteUri.Replace(escaped, "raw/value", StringComparison.Ordinal);

        Assert.That(Check(plan, request), Is.Empty, "the client's own request is valid");
        Assert.That(Check(plan, request with { Uri = new Uri(raw) }), Has.Some.Contains("does not have the segments"));
    }

    [Test]
    public async Task Request_checker_sees_a_query_array_in_the_wrong_style()
    {
        var (plan, request) = await CaptureAsync(o => o.Parameters.Any(p => p.In == "query" && p.Explode && IsArray(p.Schema)), allOptional: true);
        var parameter = plan.Operation.Parameters.First(p => p.In == "query" && p.Explode && IsArray(p.Schema));
        var pairs = RequestChecker.ParseQuery(request.Uri.Query);
        var joined = string.Join(",", pairs.Where(p => p.Name == parameter.Name).Select(p => p.Value));
        var query = string.Join("&", pairs.Where(p => p.Name != parameter.Name).Select(p => $"{Uri.EscapeDataString(p.Name)}={p.RawValue}")
            .Append($"{parameter.Name}={Uri.EscapeDataString(joined)}"));
        var wrong = new UriBuilder(request.Uri) { Query = query }.Uri;

        Assert.That(Check(plan, request), Is.Empty, "the client's own request is valid");
        Assert.That(Check(plan, request with { Uri = wrong }), Has.Some.Contains($"query parameter {parameter.Name} sent as"));
    }

    [Test]
    public async Task Request_checker_sees_a_wrong_accept_header()
    {
        var (plan, request) = await CaptureAsync(o => o.ExpectedAccept.Count > 0, allOptional: false);
        var headers = new Dictionary<string, string[]>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["Accept"] = ["*/*"] };

        Assert.That(Check(plan, request with { Headers = headers }), Has.Some.StartsWith("Accept is '*/*'"));
    }

    [Test]
    public async Task Request_checker_sees_a_body_field_added_or_dropped()
    {
        var (plan, request) = await CaptureAsync(o => o.RequestBody?.Media.Any(m => CallPlan.IsJson(m.MediaType)) == true, allOptional: true);
        var body = (JObject)Json.Parse(Encoding.UTF8.GetString(request.Body));
        var added = (JObject)body.DeepClone();
        added["type"] = "SomeClassName";
        var dropped = (JObject)body.DeepClone();
        dropped.Remove(dropped.Properties().First().Name);

        Assert.That(Check(plan, request), Is.Empty, "the client's own request is valid");
        Assert.That(Check(plan, request with { Body = Encoding.UTF8.GetBytes(Json.Write(added)) }), Has.Some.Contains("body.type"));
        Assert.That(Check(plan, request with { Body = Encoding.UTF8.GetBytes(Json.Write(dropped)) }), Has.Some.StartsWith("not sent as passed"));
    }

    [Test]
    public async Task Request_checker_sees_a_missing_multipart_field()
    {
        var (plan, request) = await CaptureAsync(o => o.RequestBody?.Media.Any(m => m.MediaType == CallPlan.MultipartMediaType) == true, allOptional: true);
        var parts = MultipartBody.Parse(request.ContentType!, request.Body);
        var boundary = "check-boundary";
        var text = new StringBuilder();
        foreach (var part in parts.Skip(1))
        {
            text.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(part.Name).Append("\"\r\n\r\n")
                .Append(Encoding.Latin1.GetString(part.Body)).Append("\r\n");
        }

        text.Append("--").Append(boundary).Append("--\r\n");
        var fewer = request with { ContentType = $"multipart/form-data; boundary={boundary}", Body = Encoding.Latin1.GetBytes(text.ToString()) };

        Assert.That(Check(plan, request), Is.Empty, "the client's own request is valid");
        Assert.That(Check(plan, fewer), Has.Some.Contains($"multipart field '{parts[0].Name}' sent 0 times"));
    }

    [Test]
    public void Response_checker_counts_fields_the_model_lost_and_wrong_exceptions()
    {
        var spec = ContractRun.Spec;
        var (operation, success, body) = spec.Operations
            .SelectMany(o => o.Responses.Where(r => r.IsSuccess).Select(r => (Operation: o, Response: r)))
            .Select(x => (x.Operation, x.Response, Body: ResponseChecker.Cases(spec, x.Operation, x.Response).SelectMany(c => c.Cases).FirstOrDefault(c => c.Json is JObject)))
            .First(x => x.Body is not null);
        var plan = CallPlan.Create(spec, operation, ClientOperation.All[operation.OperationId], allOptional: false);
        var error = new ResponseCase(success, null, "check", 404, [], null);

        var lost = ResponseChecker.Check(plan, body!, new JObject(), failure: null);
        var wrongType = ResponseChecker.Check(plan, error, result: null, new InvalidOperationException("not an API error"));

        Assert.That(lost.LostFields, Has.Count.EqualTo(((JObject)body!.Json!).Properties().Count(p => p.Value.Type != JTokenType.Null)));
        Assert.That(wrongType.Problems, Has.Some.Contains("expected NeonNotFoundException"));
    }

    private static List<string> Check(CallPlan plan, CapturedRequest request) =>
        new RequestChecker(ContractRun.Spec, ContractRun.BaseUri, ContractRun.ApiKey).Check(plan, request);

    /// <summary>Calls the first operation of the spec that fits and returns the request the client sent.</summary>
    private static async Task<(CallPlan Plan, CapturedRequest Request)> CaptureAsync(Func<SpecOperation, bool> fits, bool allOptional)
    {
        var operation = ContractRun.Spec.Operations.FirstOrDefault(fits);
        if (operation is null)
        {
            // A kind of request the vendored spec has no operation for (older specs have no multipart body): the client
            // then sends no such request, so the check has nothing to guard.
            Assert.Ignore("the vendored spec has no operation of the kind this check needs, so the client sends no such request");
        }

        var plan = CallPlan.Create(ContractRun.Spec, operation!, ClientOperation.All[operation!.OperationId], allOptional);
        var handler = new ContractHandler(new CannedResponse(500, null, []));
        using var neon = new NeonClient(ContractRun.ApiKey, handler, ContractRun.Options());
        try
        {
            await plan.Client.InvokeAsync(neon, plan.Arguments);
            Assert.Fail("a 500 answer must raise NeonServerException");
        }
        catch (NeonServerException)
        {
            // The answer does not matter here: only the request is checked.
        }

        return (plan, handler.Requests.Single());
    }

    private static bool IsFreeText(JsonObject schema) =>
        (string?)schema["type"] == "string" && !schema.ContainsKey("pattern") && !schema.ContainsKey("enum") && !schema.ContainsKey("format");

    private static bool IsArray(JsonObject schema) => (string?)ContractRun.Spec.Resolve(schema)["type"] == "array";
}
