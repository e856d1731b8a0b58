using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Serialization;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace Neon.Api.Tests;

/// <summary>Every response example in the spec reads into its model and writes back without losing a field.</summary>
public class ResponseExampleTests
{
    private static readonly MethodInfo Deserialize = typeof(NeonJson).GetMethod(nameof(NeonJson.Deserialize))!;

    public static IEnumerable<TestCaseData> Examples()
    {
        var spec = (JsonObject)Neon.Api.SpecNormalizer.YamlJson.Parse(File.ReadAllText(TestSupport.SpecPath))!;
        foreach (var (path, pathItem) in (JsonObject)spec["paths"]!)
        {
            foreach (var (method, operationNode) in (JsonObject)pathItem!)
            {
                if (operationNode is not JsonObject operation || operation["operationId"] is null || operation["responses"] is not JsonObject responses)
                {
                    continue;
                }

                var operationId = (string)operation["operationId"]!;
                foreach (var (status, responseNode) in responses)
                {
                    var response = ResolveResponse(spec, responseNode);
                    if (!status.StartsWith('2') || response?["content"]?["application/json"] is not JsonObject media)
                    {
                        continue;
                    }

                    if (media["example"] is { } example)
                    {
                        yield return new TestCaseData(operationId, example.ToJsonString()).SetName($"{operationId} {status} example");
                    }

                    if (media["examples"] is JsonObject examples)
                    {
                        foreach (var (name, named) in examples)
                        {
                            if (named?["value"] is { } value)
                            {
                                yield return new TestCaseData(operationId, value.ToJsonString()).SetName($"{operationId} {status} example {name}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Test]
    public void Every_success_response_example_of_the_spec_is_a_case()
    {
        // Listed by a second reader (YamlDotNet's nodes), so that a slip in Examples() cannot silently drop cases.
        var expected = new List<string>();
        foreach (var (operationId, _, _, operation) in TestSupport.SpecOperations())
        {
            foreach (var (status, responseNode) in (YamlMappingNode)operation["responses"])
            {
                var response = (YamlMappingNode)responseNode;
                if (response.Children.TryGetValue(new YamlScalarNode("$ref"), out var reference))
                {
                    var name = ((YamlScalarNode)reference).Value!.Split('/')[^1];
                    response = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)TestSupport.Spec["components"])["responses"])[name];
                }

                var code = ((YamlScalarNode)status).Value!;
                if (code.StartsWith('2')
                    && response.Children.TryGetValue(new YamlScalarNode("content"), out var content)
                    && ((YamlMappingNode)content).Children.TryGetValue(new YamlScalarNode("application/json"), out var media))
                {
                    var mediaNode = (YamlMappingNode)media;
                    if (mediaNode.Children.ContainsKey(new YamlScalarNode("example")))
                    {
                        expected.Add($"{operationId} {code} example");
                    }

                    if (mediaNode.Children.TryGetValue(new YamlScalarNode("examples"), out var named))
                    {
                        expected.AddRange(((YamlMappingNode)named).Children.Keys.Select(k => $"{operationId} {code} example {((YamlScalarNode)k).Value}"));
                    }
                }
            }
        }

        var cases = Examples().Select(c => c.TestName).ToList();
        Assert.That(expected.Except(cases), Is.Empty, "success-response examples of the spec without a case");
        Assert.That(cases.Except(expected), Is.Empty, "cases of no success-response example in the spec");
    }

    private static JsonObject? ResolveResponse(JsonObject spec, JsonNode? response) =>
        response?["$ref"] is JsonValue reference
            ? spec["components"]?["responses"]?[((string)reference!).Split('/')[^1]] as JsonObject
            : response as JsonObject;

    [TestCaseSource(nameof(Examples))]
    public void Example_reads_into_its_model_without_loss(string operationId, string exampleJson)
    {
        var method = TestSupport.GeneratedOperations[operationId].Method;
        var modelType = method.ReturnType.GetGenericArguments().Single();
        var model = Deserialize.MakeGenericMethod(modelType).Invoke(null, [exampleJson]);
        Assert.That(model, Is.Not.Null);

        var original = JToken.Parse(exampleJson);
        var roundTrip = JToken.Parse(NeonJson.Serialize(model));
        var lost = new List<string>();
        Compare(original, roundTrip, lost);
        Assert.That(lost, Is.Empty, $"{operationId}: fields of the example that did not survive in {modelType.Name}");

        var unknown = new List<string>();
        FindUnmapped(model, "$", unknown, new HashSet<object>(ReferenceEqualityComparer.Instance));
        Assert.That(unknown, Is.Empty, $"{operationId}: example fields that {modelType.Name} does not declare (kept only in AdditionalProperties)");
    }

    private static void Compare(JToken expected, JToken? actual, List<string> lost)
    {
        switch (expected)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    if (property.Value.Type == JTokenType.Null)
                    {
                        continue;
                    }

                    var other = (actual as JObject)?[property.Name];
                    if (other is null)
                    {
                        lost.Add(property.Value.Path);
                        continue;
                    }

                    Compare(property.Value, other, lost);
                }

                break;
            case JArray array:
                var actualArray = actual as JArray;
                if (actualArray is null || actualArray.Count != array.Count)
                {
                    lost.Add(array.Path);
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Compare(array[i], actualArray[i], lost);
                }

                break;
            default:
                if (!SameValue(expected, actual!))
                {
                    lost.Add($"{expected.Path} ({expected} -> {actual})");
                }

                break;
        }
    }

    private static bool SameValue(JToken expected, JToken actual)
    {
        if (JToken.DeepEquals(expected, actual))
        {
            return true;
        }

        var left = expected.ToString(Newtonsoft.Json.Formatting.None).Trim('"');
        var right = actual.ToString(Newtonsoft.Json.Formatting.None).Trim('"');
        if (double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return a.Equals(b);
        }

        return DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d1)
            && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d2)
            && d1 == d2;
    }

    private static void FindUnmapped(object? value, string path, List<string> unknown, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value is JToken || !seen.Add(value))
        {
            return;
        }

        if (value is System.Collections.IDictionary dictionary)
        {
            foreach (System.Collections.DictionaryEntry entry in dictionary)
            {
                FindUnmapped(entry.Value, $"{path}.{entry.Key}", unknown, seen);
            }

            return;
        }

        if (value is System.Collections.IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                FindUnmapped(item, $"{path}[{i++}]", unknown, seen);
            }

            return;
        }

        var type = value.GetType();
        if (type.Namespace != "Neon.Api")
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyValue = property.GetValue(value);
            if (property.Name == "AdditionalProperties" && propertyValue is IDictionary<string, JToken> extra)
            {
                unknown.AddRange(extra.Keys.Select(k => $"{path}.{k}"));
            }
            else
            {
                FindUnmapped(propertyValue, $"{path}.{property.Name}", unknown, seen);
            }
        }
    }
}
