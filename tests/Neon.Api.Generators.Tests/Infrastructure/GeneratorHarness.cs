using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>Compiles sources in memory and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    /// <summary>The runtime files of src/Neon.Api that generated code needs (no NSwag output, no pipeline).</summary>
    private static readonly string[] RuntimeFiles =
    {
        "NeonOperationAttribute.cs",
        "Core/Guard.cs",
        "Core/Timing.cs",
        "Paging/NeonPage.cs",
        "Paging/NeonPageable.cs",
        "Paging/NeonPageFetcher.cs",
        "Paging/NeonPagination.cs",
        "Operations/INeonOperationSource.cs",
        "Operations/NeonOperationFailedException.cs",
        "Operations/NeonOperationOutcome.cs",
        "Operations/NeonOperationState.cs",
        "Operations/NeonOperationStatuses.cs",
        "Operations/NeonOperationTimeoutException.cs",
        "Operations/NeonOperationWaiter.cs",
        "Operations/NeonOperationWaiter.Telemetry.cs",
        "Operations/NeonWaitOptions.cs",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n.StartsWith("Microsoft.Win32.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(Newtonsoft.Json.JsonPropertyAttribute).Assembly.Location)
            .Append(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Parse options of a modern target: <c>NET5_0_OR_GREATER</c> defined, so [Obsolete] carries DiagnosticId.</summary>
    public static CSharpParseOptions ModernParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose)
        .WithPreprocessorSymbols("NET", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET8_0_OR_GREATER");

    /// <summary>Parse options of netstandard2.0: no <c>NET5_0_OR_GREATER</c>.</summary>
    public static CSharpParseOptions NetStandardParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose)
        .WithPreprocessorSymbols("NETSTANDARD", "NETSTANDARD2_0");

    /// <summary>A stand-in for the library's exception root (the real one documents types of the pipeline left out here).</summary>
    private const string NeonExceptionStub = """
        namespace Neon.Api;

        /// <summary>Stand-in root of the exception family.</summary>
        public class NeonException : System.Exception
        {
            /// <summary>Creates the exception.</summary>
            /// <param name="message">The message.</param>
            public NeonException(string message) : base(message) { }
        }
        """;

    /// <summary>
    /// On netstandard2.0 the library takes TimeProvider's Delay and CancelAfter from Microsoft.Bcl.TimeProvider, which
    /// is not among these references: a stand-in with the same signatures (the tests compile, they never wait).
    /// </summary>
    private const string TimeProviderExtensionsStub = """
        #if !NET8_0_OR_GREATER
        namespace System.Threading.Tasks;

        /// <summary>Stand-in for Microsoft.Bcl.TimeProvider's extensions.</summary>
        internal static class TimeProviderTaskExtensions
        {
            /// <summary>Stand-in.</summary>
            public static Task Delay(this System.TimeProvider time, System.TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);

            /// <summary>Stand-in.</summary>
            public static CancellationTokenSource CreateCancellationTokenSource(this System.TimeProvider time, System.TimeSpan delay) => new(delay);
        }
        #endif
        """;

    /// <summary>A stand-in for the library's telemetry (the real one names types of the pipeline left out here).</summary>
    private const string NeonTelemetryStub = """
        namespace Neon.Api;

        /// <summary>Stand-in for the client's meter.</summary>
        public static class NeonTelemetry
        {
            /// <summary>The name of the wait histogram.</summary>
            public const string OperationWaitMetric = "neon.client.operation_wait.duration";

            internal static bool MeasuresOperationWaits => false;

            internal static void RecordOperationWait(System.TimeSpan waited, System.Exception? failure) { }
        }
        """;

    public static IEnumerable<(string Path, string Text)> RuntimeSources() =>
        RuntimeFiles.Select(f => ($"src/Neon.Api/{f}", File.ReadAllText(Path.Combine(RepositoryPaths.Library, f))))
            .Append(("Stubs/NeonException.cs", NeonExceptionStub))
            .Append(("Stubs/TimeProviderTaskExtensions.cs", TimeProviderExtensionsStub))
            .Append(("Stubs/NeonTelemetry.cs", NeonTelemetryStub));

    public static CSharpCompilation Compilation(IEnumerable<(string Path, string Text)> sources, CSharpParseOptions? parseOptions = null, string assemblyName = "Neon.Api")
    {
        var options = parseOptions ?? ModernParseOptions;
        return CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // The SDK suppresses these too: Newtonsoft.Json references older framework assembly versions.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));
    }

    /// <summary>The runtime plus the given inputs, compiled together as the library would be.</summary>
    public static CSharpCompilation Library(CSharpParseOptions? parseOptions, params (string Path, string Text)[] inputs) =>
        Compilation(RuntimeSources().Concat(inputs), parseOptions);

    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null, params AdditionalText[] additionalTexts) =>
        CSharpGeneratorDriver.Create(
            new[] { new NeonApiGenerator().AsSourceGenerator() },
            additionalTexts: additionalTexts,
            parseOptions: parseOptions ?? ModernParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(CSharpCompilation compilation, CSharpParseOptions? parseOptions = null, params AdditionalText[] additionalTexts)
    {
        var driver = CreateDriver(parseOptions ?? (CSharpParseOptions)compilation.SyntaxTrees.First().Options, additionalTexts)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }

    internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        public IReadOnlyDictionary<string, string> Files => Result.Results
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

        /// <summary>The operation models the generator's parse step produced (a tracked step: the driver tracks them).</summary>
        public IReadOnlyList<Neon.Api.Generators.Models.OperationModel> Operations => Result.Results.Single().TrackedSteps[Neon.Api.Generators.TrackingNames.Operations]
            .SelectMany(s => s.Outputs).Select(o => (Neon.Api.Generators.Models.OperationModel)o.Value).ToList();

        /// <summary>Diagnostics of the output compilation (compiler) plus those the generator reported.</summary>
        public IReadOnlyList<Diagnostic> AllDiagnostics => Output.GetDiagnostics().Concat(GeneratorDiagnostics).ToList();

        /// <summary>Warnings and errors, except missing XML docs in the hand-written inputs (generated code must have them).</summary>
        public IReadOnlyList<Diagnostic> Problems => AllDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => !(d.Id == "CS1591" && (d.Location.SourceTree?.FilePath.StartsWith("Inputs/", StringComparison.Ordinal) ?? false)))
            .ToList();
    }
}
