using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

[TestFixture]
public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps =
    {
        TrackingNames.Operations,
        TrackingNames.AllOperations,
        TrackingNames.ClientTypes,
        TrackingNames.Waiting,
        TrackingNames.Diagnostics,
        TrackingNames.OperationTags,
        TrackingNames.Forwarding,
        TrackingNames.ForwardingGroups,
    };

    private static CSharpCompilation Sample() => GeneratorHarness.Library(
        null,
        ForwardingTests.Inputs(("User/Unrelated.cs", "namespace Neon.Api { internal static class Unrelated { public static int Value => 1; } }")));

    private static GeneratorDriver Driver() => GeneratorHarness.CreateDriver(null, ForwardingTests.SampleTags());

    [Test]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = Sample();
        var driver = Driver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "User/Unrelated.cs"),
            CSharpSyntaxTree.ParseText(
                "namespace Neon.Api { internal static class Unrelated { public static int Value => 2; public static int Other => 3; } }",
                GeneratorHarness.ModernParseOptions,
                "User/Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Multiple(() =>
        {
            foreach (var step in TrackedSteps)
            {
                Assert.That(result.TrackedSteps.ContainsKey(step), Is.True, $"step {step} was not tracked");
                var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
                Assert.That(reasons, Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), $"step {step}: {string.Join(", ", reasons)}");
            }

            var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);
            Assert.That(outputs, Is.All.EqualTo(IncrementalStepRunReason.Cached));
        });
    }

    [Test]
    public void Editing_one_operation_regenerates_only_its_client()
    {
        var compilation = Sample();
        var driver = Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Inputs/NeonApiSample.cs");
        var text = tree.ToString().Replace("bool? recoverable = null", "bool? recoverable = null, string? extra = null", StringComparison.Ordinal)
            .Replace("search: search, orgId: orgId", "search: search, orgId: orgId", StringComparison.Ordinal);

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ModernParseOptions, tree.FilePath)))
            .GetRunResult().Results.Single();
        var clientTypes = result.TrackedSteps[TrackingNames.ClientTypes].SelectMany(s => s.Outputs).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(clientTypes.Count(o => o.Reason == IncrementalStepRunReason.Modified), Is.EqualTo(1));
            Assert.That(clientTypes.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()), Has.All.Contains("ProjectClient"));
            Assert.That(result.TrackedSteps[TrackingNames.Waiting].SelectMany(s => s.Outputs).Select(o => o.Reason), Is.All.EqualTo(IncrementalStepRunReason.Unchanged));
        });
    }

    [Test]
    public void Editing_the_operation_tags_regenerates_only_the_forwarding_it_changes()
    {
        var compilation = Sample();
        var original = ForwardingTests.SampleTags();
        var driver = GeneratorHarness.CreateDriver(null, original).RunGenerators(compilation);

        // listProjectOperations no longer moved out of BranchClient: only BranchClient's forwarding file changes.
        var edited = new InMemoryAdditionalText(
            original.Path,
            original.GetText()!.ToString().Replace("\"listProjectOperations\": \"Branch\"", "\"listProjectOperations\": \"Operation\"", StringComparison.Ordinal));
        var result = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation).GetRunResult().Results.Single();
        var groups = result.TrackedSteps[TrackingNames.ForwardingGroups].SelectMany(s => s.Outputs).ToList();

        Assert.Multiple(() =>
        {
            foreach (var step in new[] { TrackingNames.Operations, TrackingNames.AllOperations, TrackingNames.ClientTypes, TrackingNames.Waiting, TrackingNames.Diagnostics })
            {
                var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);
                Assert.That(reasons, Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), step);
            }

            Assert.That(result.TrackedSteps[TrackingNames.OperationTags].SelectMany(s => s.Outputs).Select(o => o.Reason), Is.All.EqualTo(IncrementalStepRunReason.Modified));
            Assert.That(groups.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()), Has.Exactly(1).Items.And.All.Contains("BranchClient"));
            Assert.That(groups.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Is.EqualTo(1), "ProjectsOldClient's file stays");
        });
    }

    [Test]
    public void Models_hold_no_symbols_syntax_compilations_or_locations()
    {
        var result = Driver().RunGenerators(Sample()).GetRunResult().Results.Single();
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(Location), typeof(SemanticModel) };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var problems = new List<string>();

        foreach (var output in TrackedSteps.SelectMany(s => result.TrackedSteps[s]).SelectMany(s => s.Outputs))
        {
            Walk(output.Value, "model", forbidden, visited, problems);
        }

        Assert.That(problems, Is.Empty);
        Assert.That(visited, Is.Not.Empty);
    }

    private static void Walk(object? value, string path, Type[] forbidden, HashSet<object> visited, List<string> problems)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        if (forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            problems.Add($"{path} is a {type.FullName}");
            return;
        }

        // Diagnostics carry their descriptor: immutable, holding only strings and enums, and equatable by value
        // (DiagnosticTests.Descriptors_and_the_diagnostics_that_carry_them_are_equal_by_value).
        if (value is DiagnosticDescriptor)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{path}[{i++}]", forbidden, visited, problems);
            }

            return;
        }

        if (type.Namespace?.StartsWith("Neon.Api.Generators", StringComparison.Ordinal) != true && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTuple<,>)))
        {
            problems.Add($"{path} is an unexpected type {type.FullName}");
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Walk(property.GetValue(value), $"{path}.{property.Name}", forbidden, visited, problems);
        }
    }
}
