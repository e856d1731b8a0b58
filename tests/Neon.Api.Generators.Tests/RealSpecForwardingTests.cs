using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Neon.Api.Generators.Models;
using Neon.Api.Generators.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>
/// Forwarding in the real library, driven by the committed <c>openapi/operation-tags.json</c> and the vendored spec:
/// every operation whose tag differs from the previous spec's keeps an obsolete member in its old group, and nothing
/// else is marked moved. Expectations are read from the two files, so a spec update needs no edit here.
/// </summary>
[TestFixture]
public sealed class RealSpecForwardingTests
{
    private static readonly Lazy<JObject> Mapping = new(() => JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "openapi", "operation-tags.json"))));

    /// <summary>The operations whose first tag in the previous spec differs from the vendored spec's: (operationId, old tag, new tag).</summary>
    private static List<(string OperationId, string OldTag, string NewTag)> Moves()
    {
        var now = SpecFacts.Operations.ToDictionary(o => o.OperationId, o => o.Tag, StringComparer.Ordinal);
        return ((JObject)Mapping.Value["previous"]!["tags"]!).Properties()
            .Where(p => now.TryGetValue(p.Name, out var tag) && tag != (string)p.Value!)
            .Select(p => (p.Name, (string)p.Value!, now[p.Name]))
            .ToList();
    }

    [Test]
    public void The_committed_mapping_belongs_to_the_vendored_spec_and_is_read_without_warnings()
    {
        var provenance = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "openapi", "provenance.json")));
        var previousTags = ((JObject)Mapping.Value["previous"]!["tags"]!).Properties().Select(p => p.Name).ToList();
        var run = GeneratorHarness.Run(RealLibrary.Compilation, RealLibrary.ParseOptions, RealLibrary.OperationTags());
        var generated = run.Result.Results.Single().TrackedSteps[TrackingNames.Forwarding].SelectMany(s => s.Outputs)
            .Select(o => (ForwardingModel)o.Value)
            .SelectMany(f => f.Groups.SelectMany(g => g.Members.Where(m => !m.IsListing).Select(m => m.OperationId)))
            .ToList();
        var moves = Moves();

        Assert.Multiple(() =>
        {
            Assert.That((string?)Mapping.Value["spec"], Is.EqualTo((string?)provenance["version"]), "the mapping's 'spec' is the vendored spec's version");
            Assert.That((string?)Mapping.Value["previous"]!["spec"], Is.Not.EqualTo((string?)provenance["version"]).And.Not.Empty);
            Assert.That(previousTags.Intersect(SpecFacts.Operations.Select(o => o.OperationId)), Is.Not.Empty, "the previous spec shares operations with this one");
            Assert.That(run.GeneratorDiagnostics.Select(d => d.ToString()), Is.Empty);
            Assert.That(generated, Is.EquivalentTo(moves.Select(m => m.OperationId)), "one forwarding member per moved operation");
        });
        TestContext.Out.WriteLine(
            $"Operations that moved between {Mapping.Value["previous"]!["spec"]} and {Mapping.Value["spec"]}: "
            + (moves.Count == 0 ? "none" : string.Join(", ", moves.Select(m => $"{m.OperationId} ({m.OldTag} -> {m.NewTag})"))));
    }

    [Test]
    public void In_the_built_library_each_moved_operation_keeps_an_obsolete_member_in_its_old_group()
    {
        var assembly = typeof(NeonClient).Assembly;
        var methods = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Operation: m.GetCustomAttribute<NeonOperationAttribute>()))
            .Where(x => x.Operation is not null)
            .ToList();
        var classOfTag = methods.GroupBy(x => x.Operation!.Tag, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Method.DeclaringType!.Name, StringComparer.Ordinal);
        var moved = (IEnumerable<MemberInfo>)assembly.GetTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<ObsoleteAttribute>()?.DiagnosticId == "NEON0003");
        var expected = new List<string>();

        Assert.Multiple(() =>
        {
            foreach (var (operationId, oldTag, _) in Moves())
            {
                var target = methods.Single(x => x.Operation!.OperationId == operationId).Method;
                var oldClass = classOfTag.TryGetValue(oldTag, out var known) ? known : NeonApiGenerator.Forwarding.GroupClassName(oldTag);
                var parameters = target.GetParameters().Select(p => p.ParameterType).ToArray();
                var member = assembly.GetType("Neon.Api." + oldClass)?.GetMethod(target.Name, parameters);
                expected.Add($"{oldClass}.{target.Name}");

                Assert.That(member, Is.Not.Null, $"{oldClass}.{target.Name} for {operationId}, which moved from '{oldTag}'");
                Assert.That(member?.ReturnType, Is.EqualTo(target.ReturnType), operationId);
                Assert.That(
                    member?.GetCustomAttribute<ObsoleteAttribute>()?.Message,
                    Is.EqualTo($"Moved by Neon's spec {Mapping.Value["spec"]}: use NeonClient.{NeonApiGenerator.Forwarding.GroupPropertyName(target.DeclaringType!.Name)}.{target.Name} instead."),
                    operationId);
            }

            // Listings and generated groups are extras of the moves above; anything else marked moved is not a move.
            Assert.That(
                moved.Where(m => m is MethodInfo && !m.Name.EndsWith("AllAsync", StringComparison.Ordinal)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}"),
                Is.EquivalentTo(expected));
        });
    }
}
