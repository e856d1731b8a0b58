using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

/// <summary>
/// Adds the ergonomic layer to the NSwag-generated raw Neon clients: a listing method per cursor-paginated
/// operation, <c>WaitForOperationsAsync</c> extensions for responses that carry operations, and <c>[Obsolete]</c>
/// on deprecated operations. It keys only on <c>[Neon.Api.NeonOperation]</c> and on the shapes of the response
/// types, so a new operation of a known kind gets its helpers without a change here. With <c>operation-tags.json</c>
/// (the previous spec's tag of each operation) as an AdditionalFile, an operation that moved to another tag keeps an
/// <c>[Obsolete]</c> forwarding member in its old group.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NeonApiGenerator : IIncrementalGenerator
{
    /// <summary>The metadata name of the attribute NSwag puts on every raw operation method.</summary>
    public const string NeonOperationAttributeName = "Neon.Api.NeonOperationAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var operations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NeonOperationAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Operations);

        var allOperations = operations
            .Collect()
            .Select(static (models, _) => models.OrderBy(m => m.TypeName, System.StringComparer.Ordinal)
                .ThenBy(m => m.MethodName, System.StringComparer.Ordinal)
                .ThenBy(m => m.OperationId, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.AllOperations);

        var clientTypes = allOperations
            .SelectMany(static (models, _) => Resolver.BuildClientTypes(models))
            .WithTrackingName(TrackingNames.ClientTypes);

        var waiting = allOperations
            .Select(static (models, _) => Resolver.BuildWaiting(models))
            .WithTrackingName(TrackingNames.Waiting);

        var diagnostics = allOperations
            .Select(static (models, _) => Resolver.BuildDiagnostics(models))
            .WithTrackingName(TrackingNames.Diagnostics);

        // openapi/operation-tags.json, passed as an AdditionalFile: the previous spec's tag of each operation.
        var operationTags = context.AdditionalTextsProvider
            .Where(static file => OperationTags.IsOperationTagsFile(file.Path))
            .Select(static (file, cancellationToken) => (file.Path, Model: OperationTags.Read(file.Path, file.GetText(cancellationToken), cancellationToken)))
            .Collect()
            .Select(static (files, _) => OperationTags.Choose(files))
            .WithTrackingName(TrackingNames.OperationTags);

        var forwarding = allOperations
            .Combine(operationTags)
            .Select(static (pair, _) => Forwarding.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Forwarding);

        var forwardingGroups = forwarding
            .SelectMany(static (model, _) => model.Groups)
            .WithTrackingName(TrackingNames.ForwardingGroups);

        context.RegisterSourceOutput(clientTypes, static (spc, model) =>
        {
            foreach (var (hintName, source) in Emitter.EmitClientType(model))
            {
                spc.AddSource(hintName, source);
            }
        });

        context.RegisterSourceOutput(waiting, static (spc, model) =>
        {
            if (model is not null)
            {
                var (hintName, source) = Emitter.EmitWaiting(model);
                spc.AddSource(hintName, source);
            }
        });

        context.RegisterSourceOutput(forwardingGroups, static (spc, model) =>
        {
            var (hintName, source) = Emitter.EmitForwarding(model);
            spc.AddSource(hintName, source);
        });

        context.RegisterSourceOutput(diagnostics, static (spc, infos) => Report(spc, infos));
        context.RegisterSourceOutput(forwarding.Select(static (model, _) => model.Diagnostics), static (spc, infos) => Report(spc, infos));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> infos)
    {
        foreach (var info in infos)
        {
            context.ReportDiagnostic(info.ToDiagnostic());
        }
    }
}
