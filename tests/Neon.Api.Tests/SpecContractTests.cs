using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace Neon.Api.Tests;

/// <summary>The vendored spec is the published one, and every operation in it is callable.</summary>
public class SpecContractTests
{
    [Test]
    public void Vendored_spec_matches_the_recorded_provenance_hash()
    {
        var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "openapi", "provenance.json"))).RootElement;
        var file = provenance.GetProperty("file").GetString()!;
        var expected = provenance.GetProperty("sha256").GetString()!;

        using var stream = File.OpenRead(Path.Combine(TestSupport.RepositoryRoot, "openapi", file));
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));

        Assert.That(actual, Is.EqualTo(expected), $"openapi/{file} no longer matches openapi/provenance.json: re-vendor it with the update steps in README.");
        var package = provenance.GetProperty("package").GetString();
        var version = provenance.GetProperty("version").GetString();
        Assert.That(package, Is.EqualTo("@neondatabase/api-client"));
        Assert.That(version, Does.Match(@"^\d+\.\d+\.\d+$"), "the version of the npm package the spec came from");
        Assert.That(provenance.GetProperty("command").GetString(), Is.EqualTo($"npm pack {package}@{version}"), "the recorded command fetches the recorded version");
    }

    [Test]
    public void Every_operation_of_the_spec_has_its_method_with_matching_metadata()
    {
        var operations = TestSupport.SpecOperations().ToList();
        Assert.That(operations.Select(o => o.OperationId), Is.Unique, "operationIds are unique in the spec");

        var missing = operations.Where(o => !TestSupport.GeneratedOperations.ContainsKey(o.OperationId)).Select(o => o.OperationId).ToList();
        Assert.That(missing, Is.Empty, "operations without a client method");
        var extra = TestSupport.GeneratedOperations.Keys.Except(operations.Select(o => o.OperationId)).ToList();
        Assert.That(extra, Is.Empty, "client methods for operations the spec does not have");

        foreach (var (operationId, method, path, node) in operations)
        {
            var (info, attribute) = TestSupport.GeneratedOperations[operationId];
            var tag = FirstTag(node);
            Assert.Multiple(() =>
            {
                Assert.That(attribute.HttpMethod, Is.EqualTo(method), operationId);
                Assert.That(attribute.Path, Is.EqualTo(path), operationId);
                Assert.That(attribute.Tag, Is.EqualTo(tag), operationId);
                Assert.That(info.Name, Is.EqualTo(char.ToUpperInvariant(operationId[0]) + operationId[1..] + "Async"), "method names follow operationIds");
                Assert.That(info.IsVirtual, Is.True, $"{info.Name} must be virtual so users can mock it");
            });
        }
    }

    [Test]
    public void Deprecated_flags_match_the_spec()
    {
        var deprecated = TestSupport.SpecOperations()
            .Where(o => o.Node.Children.TryGetValue(new YamlScalarNode("deprecated"), out var d) && ((YamlScalarNode)d).Value == "true")
            .Select(o => o.OperationId)
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToList();
        var flagged = TestSupport.GeneratedOperations.Values.Where(o => o.Attribute.Deprecated).Select(o => o.Attribute.OperationId).OrderBy(x => x, StringComparer.Ordinal).ToList();

        Assert.That(flagged, Is.EqualTo(deprecated), $"the spec marks {deprecated.Count} operations deprecated");
    }

    [Test]
    public void Every_operation_group_is_reachable_from_one_NeonClient()
    {
        using var client = new NeonClient(TestSupport.ApiKey);
        var groupTypes = TestSupport.GeneratedOperations.Values.Select(o => o.Method.DeclaringType!).Distinct().ToList();
        var properties = typeof(NeonClient).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var tags = TestSupport.SpecOperations().Select(o => FirstTag(o.Node)).Distinct().ToList();

        var groupNames = groupTypes.Select(t => t.Name).ToList();
        Assert.That(tags.Select(t => GroupName(t) + "Client").Where(name => !groupNames.Contains(name)), Is.Empty, "spec tags without their group");
        Assert.That(groupNames.Where(name => !tags.Select(t => GroupName(t) + "Client").Contains(name)), Is.Empty, "groups of no spec tag");
        foreach (var groupType in groupTypes)
        {
            var property = properties.SingleOrDefault(p => p.PropertyType == groupType);
            Assert.That(property, Is.Not.Null, $"NeonClient has no property for {groupType.Name}");
            var first = property!.GetValue(client);
            Assert.That(first, Is.Not.Null.And.InstanceOf(groupType));
            Assert.That(property.GetValue(client), Is.SameAs(first), "groups are created once");
        }

        foreach (var tag in tags)
        {
            // "Auth (legacy)" -> AuthLegacy (AuthLegacyClient), "API Key" -> ApiKey (ApiKeyClient).
            var name = GroupName(tag);
            var property = properties.SingleOrDefault(p => p.Name == name);
            Assert.That(property, Is.Not.Null, $"tag '{tag}' has no NeonClient.{name}");
            Assert.That(property!.PropertyType.Name, Is.EqualTo(name + "Client"), $"tag '{tag}'");
        }
    }

    private static string FirstTag(YamlMappingNode operation) => ((YamlScalarNode)((YamlSequenceNode)operation["tags"]).Children[0]).Value!;

    /// <summary>The group name of a tag: its words in PascalCase, parentheses dropped, "API" as "Api".</summary>
    private static string GroupName(string tag) => string.Concat(
        tag.Replace("API", "Api", StringComparison.Ordinal)
            .Split([' ', '_', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    [Test]
    public void No_NSwag_runtime_types_reach_users()
    {
        // NSwag's ApiException, FileResponse and FileParameter are replaced by the NeonException family,
        // NeonFileResponse and NeonFileUpload; nothing of NSwag's runtime is public.
        var names = typeof(NeonClient).Assembly.GetExportedTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.That(names, Has.None.StartsWith("ApiException").And.None.EqualTo("FileResponse").And.None.EqualTo("FileParameter").And.None.EqualTo("SwaggerResponse"));
        Assert.That(typeof(NeonClient).Assembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.StartsWith("NSwag").And.None.StartsWith("NJsonSchema"));
    }
}
