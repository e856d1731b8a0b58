using System.Collections.Generic;
using System.IO;
using System.Linq;
using Neon.Api.SpecUpdate.Diff;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>Public API baselines as text sets, and their diff.</summary>
public class ApiBaselineTests
{
    private static SortedDictionary<string, SortedSet<string>> Read(params (string Path, string[] Lines)[] files) =>
        ApiBaseline.Read(files.ToDictionary(f => f.Path, f => (IEnumerable<string>)f.Lines));

    [Test]
    public void A_scope_is_its_shipped_and_unshipped_lines_less_the_removed_ones()
    {
        var api = Read(
            ("src/Neon.Api/PublicAPI.Shipped.txt", ["#nullable enable", "Neon.Api.A", "Neon.Api.A.Old() -> void", ""]),
            ("src/Neon.Api/PublicAPI.Unshipped.txt", ["#nullable enable", "Neon.Api.A.New() -> void", "*REMOVED*Neon.Api.A.Old() -> void"]),
            ("src/Neon.Api/PublicAPI/net8.0/PublicAPI.Unshipped.txt", ["Neon.Api.A.OnlyOnNet8() -> void"]));

        Assert.Multiple(() =>
        {
            Assert.That(api.Keys, Is.EqualTo(new[] { "Neon.Api", "Neon.Api (net8.0)" }));
            Assert.That(api["Neon.Api"], Is.EqualTo(new[] { "Neon.Api.A", "Neon.Api.A.New() -> void" }));
            Assert.That(api["Neon.Api (net8.0)"], Is.EqualTo(new[] { "Neon.Api.A.OnlyOnNet8() -> void" }));
        });
    }

    [Test]
    public void The_diff_lists_added_and_removed_lines_per_scope()
    {
        var before = Read(
            ("src/Neon.Api/PublicAPI.Unshipped.txt", ["Neon.Api.A", "Neon.Api.A.Gone.get -> string!", "Neon.Api.A.Same() -> void"]),
            ("src/Neon.Api.Testing/PublicAPI.Unshipped.txt", ["Neon.Api.Testing.E"]));
        var after = Read(
            ("src/Neon.Api/PublicAPI.Unshipped.txt", ["Neon.Api.A", "Neon.Api.A.Same() -> void", "Neon.Api.A.New.get -> int"]),
            ("src/Neon.Api.Testing/PublicAPI.Unshipped.txt", ["Neon.Api.Testing.E"]));

        var changes = ApiBaseline.Compare(before, after);

        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(changes[0].Scope, Is.EqualTo("Neon.Api"));
            Assert.That(changes[0].Added, Is.EqualTo(new[] { "Neon.Api.A.New.get -> int" }));
            Assert.That(changes[0].Removed, Is.EqualTo(new[] { "Neon.Api.A.Gone.get -> string!" }));
        });
    }

    [Test]
    public void Files_are_found_beside_projects_and_per_framework_but_not_in_build_output()
    {
        var root = Directory.CreateTempSubdirectory("neon-api-baseline-").FullName;
        try
        {
            foreach (var path in new[] { "Neon.Api/PublicAPI.Shipped.txt", "Neon.Api/PublicAPI/net10.0/PublicAPI.Unshipped.txt", "Neon.Api/obj/PublicAPI.Shipped.txt" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
                File.WriteAllText(Path.Combine(root, path), "Neon.Api.A\n");
            }

            Assert.That(ApiBaseline.FindFiles(root), Is.EqualTo(new[] { "Neon.Api/PublicAPI.Shipped.txt", "Neon.Api/PublicAPI/net10.0/PublicAPI.Unshipped.txt" }));
            Assert.That(ApiBaseline.Load(root).Keys, Is.EqualTo(new[] { "Neon.Api", "Neon.Api (net10.0)" }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
