using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Neon.Api.Generators.Models;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>
/// Runs the generator over the real NSwag output of the vendored spec (the NeonApi.g.cs that building src/Neon.Api leaves
/// in its obj folder) together with the library's hand-written sources, as the build does. Expectations are read from
/// the spec itself (<see cref="SpecFacts"/>), so a spec update needs no edit here.
/// </summary>
[TestFixture]
public sealed class RealSpecTests
{
    private static readonly Lazy<CSharpCompilation> Library = new(() => RealLibrary.Compilation);

    [Test]
    public void The_real_clients_get_every_helper_and_compile_cleanly()
    {
        var run = GeneratorHarness.Run(Library.Value);
        var operations = run.Operations;

        var spec = SpecFacts.Operations;
        Assert.Multiple(() =>
        {
            Assert.That(spec, Is.Not.Empty, "the vendored spec was read");
            Assert.That(operations.Select(o => o.OperationId), Is.EquivalentTo(spec.Select(o => o.OperationId)), "one [NeonOperation] method per operation of the spec");
            Assert.That(
                operations.Where(o => o.Pagination is not null).Select(o => o.OperationId),
                Is.EquivalentTo(spec.Where(o => o.Paginated).Select(o => o.OperationId)).And.Not.Empty,
                "every listing with a cursor parameter and a next-page marker gets a pageable, and nothing else does");
            Assert.That(
                operations.Where(o => o.Operations is not null).Select(o => o.OperationId),
                Is.EquivalentTo(spec.Where(o => o.ReturnsOperations).Select(o => o.OperationId)).And.Not.Empty,
                "every mutation whose answer lists operations can be waited for, and nothing else");
            Assert.That(
                operations.Where(o => o.Deprecated).Select(o => o.OperationId),
                Is.EquivalentTo(spec.Where(o => o.Deprecated).Select(o => o.OperationId)),
                "every deprecated operation of the spec is marked deprecated, and nothing else");
            Assert.That(run.GeneratorDiagnostics.Select(d => d.ToString()), Is.Empty);
            Assert.That(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        });

        var obsolete = run.Files.Where(f => f.Key.EndsWith(".Deprecation.g.cs", StringComparison.Ordinal))
            .Sum(f => f.Value.Split("[global::System.Obsolete(").Length - 1);
        Assert.That(obsolete, Is.EqualTo(2 * spec.Count(o => o.Deprecated)), "every deprecated operation gets [Obsolete] twice: the .NET 5+ and the netstandard form");
        foreach (var (name, text) in run.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"{name}: {text.Split('\n').Length} lines");
        }
    }

    [Test]
    public void Every_deprecation_that_names_a_replacement_points_to_its_method()
    {
        var run = GeneratorHarness.Run(Library.Value);
        var operations = run.Operations;
        var byId = operations.ToDictionary(o => o.OperationId, StringComparer.Ordinal);
        var deprecated = operations.Where(o => o.Deprecated).ToList();
        var obsolete = string.Concat(run.Files.Where(f => f.Key.EndsWith(".Deprecation.g.cs", StringComparison.Ordinal)).Select(f => f.Value));

        Assert.Multiple(() =>
        {
            Assert.That(deprecated, Is.Not.Empty, "the vendored spec deprecates operations");
            foreach (var operation in deprecated)
            {
                // Whatever the wording ("use `/path` instead", "Use `GET /path`", ...), a text that points to a path or
                // operation must have been resolved by the normalizer into [NeonOperation(ReplacementOperationId)].
                var pointsSomewhere = operation.DeprecationText is { } text
                    && System.Text.RegularExpressions.Regex.IsMatch(text, @"\buse\s+`", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                if (operation.ReplacementOperationId is { } id)
                {
                    Assert.That(byId.TryGetValue(id, out var replacement), Is.True, $"{operation.OperationId}: its replacement {id} is an operation of the client");
                    Assert.That(obsolete, Does.Contain($"[global::System.Obsolete(\"Deprecated by Neon: use {replacement!.TypeName}.{replacement.MethodName} instead.\""), operation.OperationId);
                }
                else
                {
                    Assert.That(pointsSomewhere, Is.False, $"{operation.OperationId} names a replacement the normalizer did not resolve: {operation.DeprecationText}");
                }
            }

            Assert.That(obsolete, Does.Not.Contain("which this client does not have"));
        });
    }

    [Test]
    public void Every_deprecated_legacy_auth_operation_gets_its_own_warning_id()
    {
        var run = GeneratorHarness.Run(Library.Value);
        var legacy = SpecFacts.Operations.Count(o => o.LegacyAuth);
        var marked = run.Files.Values.Sum(text => text.Split("DiagnosticId = \"NEON0001\"").Length - 1);

        // Only the .NET 5+ form of [Obsolete] carries a DiagnosticId.
        Assert.That(marked, Is.EqualTo(legacy), $"the spec has {legacy} deprecated operations tagged Auth (legacy)");
    }

    /// <summary>Measures the generator on the full client (reported, not asserted: timing depends on the machine).</summary>
    [Test]
    public void Measure_generator_time_on_the_full_client()
    {
        var compilation = Library.Value;
        _ = compilation.GetDiagnostics(); // bind once, so the figures below are the generator's own work

        var cold = new List<TimeSpan>();
        GeneratorDriver? driver = null;
        for (var i = 0; i < 5; i++)
        {
            driver = GeneratorHarness.CreateDriver(GeneratorHarness.ModernParseOptions).RunGenerators(compilation);
            cold.Add(driver.GetTimingInfo().ElapsedTime);
        }

        var extra = CSharpSyntaxTree.ParseText("namespace Neon.Api { internal static class Touched { } }", GeneratorHarness.ModernParseOptions, "Touched.cs");
        var stopwatch = Stopwatch.StartNew();
        var warm = driver!.RunGenerators(compilation.AddSyntaxTrees(extra));
        stopwatch.Stop();

        TestContext.Out.WriteLine($"Generator on the full client ({SpecFacts.Operations.Count} operations, {compilation.SyntaxTrees.Length} files): first runs {string.Join(", ", cold.Select(t => $"{t.TotalMilliseconds:0} ms"))}; incremental re-run after an unrelated edit {warm.GetTimingInfo().ElapsedTime.TotalMilliseconds:0.0} ms ({stopwatch.Elapsed.TotalMilliseconds:0.0} ms wall).");
        Assert.Pass();
    }
}
