using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Neon.Api.ContractTests.Client;
using Neon.Api.ContractTests.Http;
using Neon.Api.ContractTests.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Checks;

/// <summary>
/// Checks one request against the spec and the call that produced it: method, path (with escaped parameters), query
/// (style and explode), headers (<c>Authorization</c>, <c>Accept</c>, <c>Content-Type</c>) and body.
/// </summary>
internal sealed partial class RequestChecker(ContractSpec spec, Uri baseUri, string apiKey)
{
    private readonly SchemaValidator _validator = new(spec);

    public List<string> Check(CallPlan plan, CapturedRequest request)
    {
        var problems = new List<string>();
        var operation = plan.Operation;
        if (request.Method != operation.Method)
        {
            problems.Add($"method {request.Method}, the spec says {operation.Method}");
        }

        CheckPath(plan, request.Uri, problems);
        CheckQuery(plan, request.Uri, problems);
        CheckHeaders(plan, request, problems);
        CheckBody(plan, request, problems);
        return problems;
    }

    /// <summary>The text a parameter value is expected to take on the wire (before escaping).</summary>
    public static string ScalarText(JToken value) => value.Type switch
    {
        JTokenType.String => (string)value!,
        JTokenType.Boolean => (bool)value ? "true" : "false",
        JTokenType.Integer or JTokenType.Float => value.Value<decimal>().ToString(CultureInfo.InvariantCulture),
        _ => Json.Write(value),
    };

    /// <summary>The values a parameter takes on the wire, by its style and explode settings (OpenAPI 3.0).</summary>
    public static List<string> WireValues(SpecParameter parameter, JToken value)
    {
        if (value is not JArray array)
        {
            return [ScalarText(value)];
        }

        var items = array.Select(ScalarText).ToList();
        if (parameter.Explode && parameter.Style == "form")
        {
            return items;
        }

        var separator = parameter.Style switch
        {
            "spaceDelimited" => " ",
            "pipeDelimited" => "|",
            _ => ",",
        };
        return items.Count == 0 ? [] : [string.Join(separator, items)];
    }

    /// <summary>The parameters of a raw query string, unescaped, in order.</summary>
    public static List<(string Name, string Value, string RawValue)> ParseQuery(string rawQuery)
    {
        var result = new List<(string, string, string)>();
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result.Add((Uri.UnescapeDataString(rawName), Uri.UnescapeDataString(rawValue), rawValue));
        }

        return result;
    }

    private void CheckPath(CallPlan plan, Uri uri, List<string> problems)
    {
        var basePath = baseUri.AbsolutePath.TrimEnd('/');
        var rawPath = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        if (!rawPath.StartsWith(basePath + "/", StringComparison.Ordinal))
        {
            problems.Add($"path '{rawPath}' is not under the base URL {baseUri}");
            return;
        }

        var actual = rawPath[basePath.Length..].Split('/');
        var template = plan.Operation.Path.Split('/');
        if (actual.Length != template.Length)
        {
            problems.Add($"path '{rawPath}' does not have the segments of {plan.Operation.Path}");
            return;
        }

        for (var i = 0; i < template.Length; i++)
        {
            var segment = template[i];
            if (!(segment.StartsWith('{') && segment.EndsWith('}')))
            {
                if (segment != actual[i])
                {
                    problems.Add($"path segment '{actual[i]}' should be '{segment}'");
                }

                continue;
            }

            var name = segment[1..^1];
            var parameter = plan.Operation.Parameters.FirstOrDefault(p => p.In == "path" && p.Name == name);
            if (parameter is null || !plan.ParameterValues.TryGetValue(parameter, out var value))
            {
                problems.Add($"path parameter {name} was not given by the suite");
                continue;
            }

            if (!PathSegment().IsMatch(actual[i]))
            {
                problems.Add($"path parameter {name} is not escaped: '{actual[i]}'");
                continue;
            }

            var sent = Uri.UnescapeDataString(actual[i]);
            if (!JsonComparer.SameText(ScalarText(value), sent))
            {
                problems.Add($"path parameter {name} is '{sent}', the call passed '{ScalarText(value)}'");
            }

            problems.AddRange(_validator.ValidateText(sent, parameter.Schema, $"path parameter {name}"));
        }
    }

    private void CheckQuery(CallPlan plan, Uri uri, List<string> problems)
    {
        var pairs = ParseQuery(uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped));
        foreach (var (name, _, raw) in pairs)
        {
            if (!QueryValue().IsMatch(raw))
            {
                problems.Add($"query parameter {name} is not escaped: '{raw}'");
            }
        }

        var queryParameters = plan.Operation.Parameters.Where(p => p.In == "query").ToList();
        foreach (var name in pairs.Select(p => p.Name).Distinct().Where(n => queryParameters.All(q => q.Name != n)))
        {
            problems.Add($"query parameter {name} is not defined by the spec");
        }

        foreach (var parameter in queryParameters)
        {
            var sent = pairs.Where(p => p.Name == parameter.Name).Select(p => p.Value).ToList();
            var itemSchema = SchemaSynthesizer.TypeOf(spec.Resolve(parameter.Schema)) == "array" && spec.Resolve(parameter.Schema)["items"] is JsonObject items
                ? items
                : parameter.Schema;
            if (!plan.ParameterValues.TryGetValue(parameter, out var value))
            {
                // Left out by the caller: the client may only send what the server would assume anyway, the default.
                var fallback = spec.Resolve(parameter.Schema)["default"];
                if (sent.Count > 0 && (fallback is null || sent.Count != 1 || sent[0] != ScalarText(ContractSpec.ToToken(fallback))))
                {
                    problems.Add($"query parameter {parameter.Name}={string.Join(",", sent)} was sent but not passed (and is not the spec's default)");
                }

                continue;
            }

            var expected = WireValues(parameter, value);
            if (sent.Count != expected.Count || sent.Zip(expected).Any(pair => !JsonComparer.SameText(pair.Second, pair.First)))
            {
                problems.Add($"query parameter {parameter.Name} sent as [{string.Join(" & ", sent.Select(s => $"'{s}'"))}], "
                    + $"the spec ({parameter.Style}, explode {parameter.Explode.ToString().ToLowerInvariant()}) wants [{string.Join(" & ", expected.Select(s => $"'{s}'"))}]");
                continue;
            }

            if (value is JArray && !(parameter.Explode && parameter.Style == "form"))
            {
                continue;
            }

            foreach (var text in sent)
            {
                problems.AddRange(_validator.ValidateText(text, itemSchema, $"query parameter {parameter.Name}"));
            }
        }
    }

    private void CheckHeaders(CallPlan plan, CapturedRequest request, List<string> problems)
    {
        var authorization = request.Headers.TryGetValue("Authorization", out var auth) ? string.Join(",", auth) : null;
        if (authorization != "Bearer " + apiKey)
        {
            problems.Add("Authorization is not 'Bearer <the API key>'");
        }

        var accept = request.HeaderValues("Accept").Select(MediaTypeOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var expected = plan.Operation.ExpectedAccept;
        if (!accept.SetEquals(expected))
        {
            problems.Add($"Accept is '{string.Join(", ", accept)}', the spec's responses give '{string.Join(", ", expected)}'");
        }

        foreach (var parameter in plan.Operation.Parameters.Where(p => p.In == "header"))
        {
            var sent = request.Headers.TryGetValue(parameter.Name, out var values) ? string.Join(",", values) : null;
            var wanted = plan.ParameterValues.TryGetValue(parameter, out var value) ? string.Join(",", WireValues(parameter, value)) : null;
            if (sent != wanted)
            {
                problems.Add($"header {parameter.Name} is '{sent}', the call passed '{wanted}'");
            }
        }
    }

    private void CheckBody(CallPlan plan, CapturedRequest request, List<string> problems)
    {
        var mediaType = request.ContentType is null ? null : MediaTypeOf(request.ContentType);
        if (plan.JsonBody is not null)
        {
            if (mediaType is null || !CallPlan.IsJson(mediaType))
            {
                problems.Add($"Content-Type is '{request.ContentType}', the body is JSON");
            }

            JToken sent;
            try
            {
                sent = Json.Parse(Encoding.UTF8.GetString(request.Body));
            }
            catch (JsonException ex)
            {
                problems.Add($"the body is not JSON: {ex.Message}");
                return;
            }

            problems.AddRange(_validator.Validate(sent, plan.JsonBodySchema!, "body").Select(p => "body " + p));
            problems.AddRange(JsonComparer.Lost(plan.JsonBody, sent, "body").Select(p => "not sent as passed: " + p));
            problems.AddRange(JsonComparer.Lost(sent, plan.JsonBody, "body").Select(p => "sent but not passed: " + p));
            return;
        }

        if (plan.Form is not null && (plan.Form.Count > 0 || plan.Operation.RequestBody?.Required == true))
        {
            // A required multipart body is sent even when no field is given.
            CheckForm(plan, request, mediaType, problems);
            return;
        }

        if (request.Body.Length > 0 || request.ContentType is not null)
        {
            problems.Add($"a body ('{request.ContentType}', {request.Body.Length} bytes) where the call passed none");
        }
    }

    private void CheckForm(CallPlan plan, CapturedRequest request, string? mediaType, List<string> problems)
    {
        if (mediaType != CallPlan.MultipartMediaType)
        {
            problems.Add($"Content-Type is '{request.ContentType}', the spec's body is {CallPlan.MultipartMediaType}");
            return;
        }

        List<MultipartPart> parts;
        try
        {
            parts = MultipartBody.Parse(request.ContentType!, request.Body);
        }
        catch (FormatException ex)
        {
            problems.Add($"the multipart body is malformed: {ex.Message}");
            return;
        }

        var properties = plan.FormSchema?["properties"] as JsonObject;
        foreach (var part in parts.Where(p => p.Name is null || properties?.ContainsKey(p.Name) != true))
        {
            problems.Add($"multipart field '{part.Name}' is not defined by the spec");
        }

        foreach (var (name, expectation) in plan.Form!)
        {
            var matching = parts.Where(p => p.Name == name).ToList();
            if (matching.Count != 1)
            {
                problems.Add($"multipart field '{name}' sent {matching.Count} times, passed once");
                continue;
            }

            var part = matching[0];
            if (expectation.FileBytes is not null)
            {
                if (!part.Body.AsSpan().SequenceEqual(expectation.FileBytes))
                {
                    problems.Add($"multipart file '{name}' has {part.Body.Length} bytes that differ from the {expectation.FileBytes.Length} passed");
                }

                if (part.FileName != expectation.FileName)
                {
                    problems.Add($"multipart file '{name}' is named '{part.FileName}', passed '{expectation.FileName}'");
                }

                continue;
            }

            var text = Encoding.UTF8.GetString(part.Body);
            var wanted = ScalarText(expectation.Value!);
            if (part.FileName is not null || !JsonComparer.SameText(wanted, text))
            {
                problems.Add($"multipart field '{name}' is '{text}'{(part.FileName is null ? string.Empty : " (as a file)")}, passed '{wanted}'");
            }

            if (properties?[name] is JsonObject fieldSchema)
            {
                problems.AddRange(_validator.ValidateText(text, fieldSchema, $"multipart field {name}"));
            }
        }

        foreach (var part in parts.Where(p => p.Name is not null && properties?.ContainsKey(p.Name) == true && !plan.Form.ContainsKey(p.Name)))
        {
            problems.Add($"multipart field '{part.Name}' was sent but not passed");
        }
    }

    private static string MediaTypeOf(string value) =>
        MediaTypeHeaderValue.TryParse(value, out var parsed) && parsed.MediaType is { } mediaType ? mediaType : value.Split(';')[0].Trim();

    /// <summary>A path segment of RFC 3986 (<c>pchar</c>): unreserved, percent-encoded, sub-delims, ':' and '@'.</summary>
    [GeneratedRegex("^([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+$")]
    private static partial Regex PathSegment();

    /// <summary>A query value that a server reads unambiguously: no raw '&amp;', '=', '+', '#' or space.</summary>
    [GeneratedRegex("^([A-Za-z0-9._~!$'()*,;:@/?-]|%[0-9A-Fa-f]{2})*$")]
    private static partial Regex QueryValue();
}
