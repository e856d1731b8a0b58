using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Neon.Api.TestShared;

/// <summary>
/// Marks a test (or a fixture) about specific operations of the spec: it gets the category
/// <see cref="VendoredSpec.OperationSpecificCategory"/>, and when the vendored spec lacks one of the operations it
/// names, it is not run and fails with a message naming each missing operation and the spec version.
/// </summary>
/// <remarks>
/// Operation-specific tests live in each test project's <c>OperationSpecific/</c> folder (namespace
/// <c>*.OperationSpecific</c>), apart from the tests that follow the spec (counts, tags, versions, every operation).
/// Run only the latter with <c>dotnet test --filter "TestCategory!=Operation-specific"</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
internal sealed class OperationSpecificAttribute : NUnitAttribute, IApplyToTest
{
    /// <summary>Marks the test as about <paramref name="operationIds"/>.</summary>
    /// <param name="operationIds">The operations the test calls or describes.</param>
    public OperationSpecificAttribute(params string[] operationIds)
    {
        OperationIds = operationIds;
    }

    /// <summary>The operations the test is about.</summary>
    public IReadOnlyList<string> OperationIds { get; }

    /// <inheritdoc/>
    public void ApplyToTest(Test test)
    {
        test.Properties.Add(PropertyNames.Category, VendoredSpec.OperationSpecificCategory);
        if (test.RunState != RunState.NotRunnable && VendoredSpec.MissingMessage(OperationIds) is { } message)
        {
            test.RunState = RunState.NotRunnable;
            test.Properties.Set(PropertyNames.SkipReason, message);
        }
    }
}

/// <summary>What the vendored spec in <c>openapi/</c> is and which operations it has, read from the files.</summary>
internal static class VendoredSpec
{
    /// <summary>The NUnit category of tests about specific operations.</summary>
    public const string OperationSpecificCategory = "Operation-specific";

    /// <summary>How the failure of a test whose operation the spec lacks starts (the spec update report looks for it).</summary>
    public const string MissingPrefix = "Operation missing from the vendored spec:";

    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neon.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Neon.Generated.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<IReadOnlySet<string>> LazyOperationIds = new(() =>
        Regex.Matches(File.ReadAllText(SpecPath), @"^\s+operationId:\s*['""]?(?<id>[A-Za-z0-9_]+)['""]?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)
            .Select(m => m.Groups["id"].Value)
            .ToHashSet(StringComparer.Ordinal));

    private static readonly Lazy<string> LazyVersion = new(() =>
    {
        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "openapi", "provenance.json")));
        return $"{provenance.RootElement.GetProperty("package").GetString()} {provenance.RootElement.GetProperty("version").GetString()}";
    });

    /// <summary>The folder holding <c>Neon.Generated.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The vendored spec file.</summary>
    public static string SpecPath => Path.Combine(Root, "openapi", "public-v2-for-users.gen.yaml");

    /// <summary>The package and version the vendored spec came from (<c>openapi/provenance.json</c>).</summary>
    public static string Version => LazyVersion.Value;

    /// <summary>The operationIds the vendored spec lists.</summary>
    public static IReadOnlySet<string> OperationIds => LazyOperationIds.Value;

    /// <summary>Whether the vendored spec lists the operation.</summary>
    public static bool Has(string operationId) => OperationIds.Contains(operationId);

    /// <summary>The failure message for the operations the spec lacks, or null when it has them all.</summary>
    public static string? MissingMessage(IEnumerable<string> operationIds)
    {
        var missing = operationIds.Where(id => !Has(id)).Distinct(StringComparer.Ordinal).ToList();
        return missing.Count == 0
            ? null
            : $"{MissingPrefix} {string.Join(", ", missing)} ({Version} does not list {(missing.Count == 1 ? "it" : "them")}; this test is about {(missing.Count == 1 ? "that operation" : "those operations")}).";
    }

    /// <summary>Fails the running test, naming each operation the vendored spec lacks.</summary>
    public static void Require(params string[] operationIds)
    {
        if (MissingMessage(operationIds) is { } message)
        {
            Assert.Fail(message);
        }
    }
}
