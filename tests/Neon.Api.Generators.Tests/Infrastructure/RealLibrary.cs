using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>
/// The real library as the build compiles it for net10.0, before the generator runs: the NSwag output of the vendored
/// spec (the NeonApi.g.cs that building src/Neon.Api leaves in its obj folder) with every hand-written source.
/// </summary>
internal static class RealLibrary
{
    private static readonly string[] Net10Symbols = { "NET10_0", "NET10_0_OR_GREATER", "NET9_0_OR_GREATER", "NET7_0_OR_GREATER", "NETCOREAPP" };

    private static readonly Lazy<CSharpCompilation> LazyCompilation = new(() =>
    {
        var generated = Directory.GetFiles(Path.Combine(RepositoryPaths.Library, "obj"), "NeonApi.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains("net10.0", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        Assert.That(generated, Is.Not.Null, "src/Neon.Api/obj/**/net10.0/**/NeonApi.g.cs not found: build src/Neon.Api first");
        var handWritten = Directory.GetFiles(RepositoryPaths.Library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return GeneratorHarness.Compilation(handWritten.Append(generated!).Select(f => (f, File.ReadAllText(f))), ParseOptions);
    });

    /// <summary>The parse options of the net10.0 build.</summary>
    public static CSharpParseOptions ParseOptions { get; } = GeneratorHarness.ModernParseOptions.WithPreprocessorSymbols(
        GeneratorHarness.ModernParseOptions.PreprocessorSymbolNames.Concat(Net10Symbols));

    public static CSharpCompilation Compilation => LazyCompilation.Value;

    /// <summary>The mapping the library's build passes to the generator, as an AdditionalFile.</summary>
    public static InMemoryAdditionalText OperationTags() => new(
        InMemoryAdditionalText.OperationTagsPath,
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "openapi", "operation-tags.json")));
}
