using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using YamlDotNet.RepresentationModel;

namespace Neon.Api.Tests.OperationSpecific;

/// <summary>
/// The recorded-style response bodies in <c>Fixtures/</c>: discovery by file name, a client that answers one of them
/// for its operation, generic invocation of the operation's method, and a field-by-field comparison of a body with
/// what the client's model writes back.
/// </summary>
internal static class ResponseFixtures
{
    /// <summary>The fixture folder in the test output (the files are copied there by the project file).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Every fixture file name, ordinal order.</summary>
    public static IReadOnlyList<string> FileNames() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The operationId a fixture belongs to: its file name up to the first dot.</summary>
    public static string OperationIdOf(string fileName) => fileName[..fileName.IndexOf('.', StringComparison.Ordinal)];

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    /// <summary>Parses JSON text as Neon sends it, keeping date strings as written.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The success status the spec gives the operation (the first 2xx that has a body).</summary>
    public static HttpStatusCode SuccessStatus(string operationId)
    {
        var node = TestSupport.SpecOperations().Single(o => o.OperationId == operationId).Node;
        var codes = ((YamlMappingNode)node["responses"]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value!)
            .Where(k => k.Length == 3 && k[0] == '2' && k != "204")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        return (HttpStatusCode)int.Parse(codes.First(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A client whose only expected request is the fixture's operation (any path parameter values, any query); it is
    /// answered with the fixture body, the operation's success status and <c>application/json</c>. Project-mutation
    /// queueing is off so that a mutation's operations are not polled.
    /// </summary>
    public static (NeonClient Client, MockHttpMessageHandler Handler) Serve(string fileName)
    {
        var operationId = OperationIdOf(fileName);
        var attribute = TestSupport.GeneratedOperations[operationId].Attribute;
        var pattern = NeonClientOptions.DefaultBaseUri.AbsoluteUri.TrimEnd('/') + Regex.Replace(attribute.Path, "\\{[^}]+\\}", "*");

        var handler = new MockHttpMessageHandler();
        handler.Expect(new HttpMethod(attribute.HttpMethod), pattern)
            .Respond(SuccessStatus(operationId), "application/json", Read(fileName));
        return (TestSupport.CreateClient(handler, new NeonClientOptions { QueueProjectMutations = false }), handler);
    }

    /// <summary>Calls the operation's generated method with placeholder arguments and returns the model it read.</summary>
    public static async Task<object?> InvokeAsync(NeonClient client, string operationId)
    {
        var method = TestSupport.GeneratedOperations[operationId].Method;
        var group = typeof(NeonClient).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Single(p => p.PropertyType == method.DeclaringType)
            .GetValue(client);
        var task = (Task)method.Invoke(group, method.GetParameters().Select(Argument).ToArray())!;
        await task.ConfigureAwait(false);
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }

    private static object? Argument(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        if (type == typeof(string))
        {
            return "fixture-1";
        }

        if (type == typeof(long) || type == typeof(int))
        {
            return Convert.ChangeType(1, type, CultureInfo.InvariantCulture);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        }

        if (type == typeof(IEnumerable<string>))
        {
            return new[] { "compute_unit_seconds" };
        }

        if (type.IsValueType && typeof(IStringEnum).IsAssignableFrom(type))
        {
            return ((IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).Cast<object>().First();
        }

        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            return constructor.Invoke(null);
        }

        throw new NotSupportedException($"No placeholder for parameter {parameter.Name} ({type}) of {parameter.Member.Name}.");
    }

    /// <summary>
    /// Where <paramref name="actual"/> (the model written back) lost or changed something of <paramref name="expected"/>
    /// (the body as sent): a missing field, an array of another length, a different value. Numbers compare by value,
    /// date-time strings by instant. A <c>null</c> in the body only requires that no value was invented for it.
    /// Fields the model adds (defaults of fields the body lacked) are not differences.
    /// </summary>
    public static List<string> Differences(JToken expected, JToken? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, differences);
        return differences;
    }

    private static void Compare(JToken expected, JToken? actual, List<string> differences)
    {
        var path = string.IsNullOrEmpty(expected.Path) ? "$" : expected.Path;
        if (expected.Type == JTokenType.Null)
        {
            if (actual is not null && actual.Type != JTokenType.Null)
            {
                differences.Add($"{path}: null came back as {actual.ToString(Formatting.None)}");
            }

            return;
        }

        if (actual is null || actual.Type == JTokenType.Null)
        {
            differences.Add($"{path}: {Describe(expected)} is missing");
            return;
        }

        switch (expected)
        {
            case JObject expectedObject when actual is JObject actualObject:
                foreach (var property in expectedObject.Properties())
                {
                    Compare(property.Value, actualObject[property.Name], differences);
                }

                break;
            case JArray expectedArray when actual is JArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: {expectedArray.Count} items came back as {actualArray.Count}");
                    break;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], differences);
                }

                break;
            case JValue expectedValue when actual is JValue actualValue:
                if (!SameScalar(expectedValue, actualValue))
                {
                    differences.Add($"{path}: {expectedValue.ToString(Formatting.None)} came back as {actualValue.ToString(Formatting.None)}");
                }

                break;
            default:
                differences.Add($"{path}: {Describe(expected)} came back as {actual.Type} {actual.ToString(Formatting.None)}");
                break;
        }
    }

    private static string Describe(JToken token) => token is JValue ? token.ToString(Formatting.None) : token.Type.ToString().ToLowerInvariant();

    private static readonly Regex IsoDateTime = new("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}", RegexOptions.CultureInvariant);

    private static bool SameScalar(JValue expected, JValue actual)
    {
        if (expected.Type is JTokenType.Integer or JTokenType.Float)
        {
            return actual.Type is JTokenType.Integer or JTokenType.Float
                && decimal.Parse(expected.ToString(Formatting.None), NumberStyles.Float, CultureInfo.InvariantCulture)
                    == decimal.Parse(actual.ToString(Formatting.None), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (expected.Type != actual.Type)
        {
            return false;
        }

        if (expected.Type != JTokenType.String)
        {
            return JToken.DeepEquals(expected, actual);
        }

        var left = (string)expected!;
        var right = (string)actual!;
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        // A date-time property writes its instant back in its own format ("Z" becomes "+00:00").
        return IsoDateTime.IsMatch(left) && IsoDateTime.IsMatch(right)
            && DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.None, out var a)
            && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.None, out var b)
            && a == b;
    }
}
