using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace Neon.Api.Tests;

/// <summary>The generated API reads like C#, while the wire names stay exactly the spec's.</summary>
public partial class NamingTests
{
    private static readonly Type[] PublicTypes = typeof(NeonClient).Assembly.GetExportedTypes();

    [Test]
    public void No_meaningless_or_snake_case_type_names()
    {
        // NSwag's fallbacks: Body2, Response7, Anonymous, and a numbered twin of an existing name (Branch2 beside Branch).
        var names = PublicTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var bad = PublicTypes
            .Where(t => MeaninglessType().IsMatch(t.Name) || t.Name.Contains('_') || names.Contains(t.Name.TrimEnd("0123456789".ToCharArray())) && t.Name != t.Name.TrimEnd("0123456789".ToCharArray()))
            .Select(t => t.Name)
            .ToList();
        Assert.That(bad, Is.Empty);
    }

    [Test]
    public void No_public_type_is_named_Anonymous()
    {
        // NSwag names a schema it finds inline, unnamed by the normalizer, Anonymous, Anonymous2, ...
        var nested = PublicTypes.SelectMany(t => t.GetNestedTypes(BindingFlags.Public)).ToList();
        var anonymous = PublicTypes.Concat(nested).Where(t => t.Name.StartsWith("Anonymous", StringComparison.Ordinal)).Select(t => t.FullName).ToList();

        Assert.That(anonymous, Is.Empty, "inline schemas the spec normalizer left unnamed");
    }

    [Test]
    public void Model_properties_are_PascalCase_and_keep_their_wire_names()
    {
        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.Name.Contains('_') || !char.IsUpper(property.Name[0]))
                {
                    offenders.Add($"{type.Name}.{property.Name}");
                }
            }
        }

        Assert.That(offenders, Is.Empty);
        Assert.That(WireName(typeof(Branch), nameof(Branch.CreatedAt)), Is.EqualTo("created_at"));
        Assert.That(WireName(typeof(Project), nameof(Project.PgVersion)), Is.EqualTo("pg_version"));
        Assert.That(WireName(typeof(Operation), nameof(Operation.TotalDurationMs)), Is.EqualTo("total_duration_ms"));
    }

    [Test]
    public void Method_parameters_are_camelCase()
    {
        var offenders = TestSupport.GeneratedOperations.Values
            .SelectMany(o => o.Method.GetParameters().Select(p => (o.Method, Parameter: p)))
            .Where(x => x.Parameter.Name!.Contains('_') || !char.IsLower(x.Parameter.Name[0]))
            .Select(x => $"{x.Method.Name}({x.Parameter.Name})")
            .ToList();

        Assert.That(offenders, Is.Empty);
        var createBranch = TestSupport.GeneratedOperations["createProjectBranch"].Method;
        Assert.That(createBranch.GetParameters()[0].Name, Is.EqualTo("projectId"));
    }

    [Test]
    public void Enum_members_are_PascalCase()
    {
        var enums = PublicTypes.Where(t => t.GetInterfaces().Any(i => i.Name.StartsWith("IEquatable", StringComparison.Ordinal)) && t.IsValueType && t.GetProperty("KnownValues") is not null).ToList();
        Assert.That(enums, Is.Not.Empty);
        var offenders = enums
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == t).Select(p => $"{t.Name}.{p.Name}"))
            .Where(n => n.Split('.')[1] is var member && (member.Contains('_') || !char.IsUpper(member[0]) || (member.Length > 2 && member.All(c => !char.IsLower(c)) && member.Any(char.IsLetter))))
            .ToList();
        Assert.That(offenders, Is.Empty);
        Assert.That(EndpointType.ReadWrite.ToString(), Is.EqualTo("read_write"));
        Assert.That(OperationStatus.Finished.ToString(), Is.EqualTo("finished"));
        var allCaps = enums
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == t))
            .Select(p => (Member: p.Name, Wire: p.GetValue(null)!.ToString()!))
            .Where(v => v.Wire.Length > 2 && v.Wire.Any(char.IsLetter) && v.Wire.All(c => !char.IsLower(c)))
            .ToList();
        Assert.That(allCaps.Where(v => v.Member.All(c => !char.IsLower(c))), Is.Empty, "all-caps wire values still get PascalCase members");
    }

    [Test]
    public void Every_spec_schema_with_plain_properties_keeps_exactly_its_wire_names()
    {
        var schemas = (YamlMappingNode)((YamlMappingNode)TestSupport.Spec["components"])["schemas"];
        var checkedCount = 0;
        var untyped = new List<string>();
        foreach (var (key, node) in schemas)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (node is not YamlMappingNode schema || !schema.Children.TryGetValue(new YamlScalarNode("properties"), out var props) || schema.Children.ContainsKey(new YamlScalarNode("allOf")))
            {
                continue;
            }

            var expected = ((YamlMappingNode)props).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var type = PublicTypes.FirstOrDefault(t => t.Name == name && t.Namespace == "Neon.Api");
            if (type is null)
            {
                // A schema without properties ("properties: {}") becomes a plain object, not a type of its own.
                if (expected.Count > 0)
                {
                    untyped.Add(name);
                }

                continue;
            }

            var actual = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName)
                .Where(n => n is not null)
                .OrderBy(x => x, StringComparer.Ordinal)
                .ToList();
            Assert.That(actual, Is.EqualTo(expected), $"wire names of {name}");
            checkedCount++;
        }

        Assert.That(untyped, Is.Empty, "spec schemas with properties but no generated type of the same name (so unchecked)");
        Assert.That(checkedCount, Is.GreaterThan(0), "the spec's plain object schemas were compared");
    }

    private static string? WireName(Type type, string property) =>
        type.GetProperty(property)!.GetCustomAttribute<JsonPropertyAttribute>()!.PropertyName;

    [GeneratedRegex(@"^(Body|Response|Anonymous|Request)\d*$")]
    private static partial Regex MeaninglessType();
}
