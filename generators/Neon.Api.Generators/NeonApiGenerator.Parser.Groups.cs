using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    // The parser's questions about how a raw client class is built: what forwarding members and generated groups need.
    internal static partial class Parser
    {
        /// <summary>The name of the entry point class whose properties return the groups (NSwag's template emits them).</summary>
        internal const string EntryPointName = "NeonClient";

        private const string PipelineMember = "Pipeline";

        /// <summary>
        /// How <paramref name="type"/> is built from the pipeline, or <see langword="null"/> when it is not built the
        /// way the template builds groups (a constructor taking the pipeline and a <c>Pipeline</c> property of that type).
        /// </summary>
        private static GroupShapeModel? GroupShape(INamedTypeSymbol type)
        {
            var pipeline = type.InstanceConstructors
                .Where(c => c.Parameters.Length == 1 && c.DeclaredAccessibility != Accessibility.Private)
                .Select(c => c.Parameters[0].Type)
                .FirstOrDefault(t => SymbolEqualityComparer.Default.Equals(PipelineProperty(type)?.Type, t));
            if (pipeline is null)
            {
                return null;
            }

            var baseType = type.BaseType;
            var siblingBase = baseType is not null
                && baseType.SpecialType != SpecialType.System_Object
                && TakesOnly(baseType, pipeline)
                && TakesOnly(baseType, null)
                ? baseType.ToDisplayString(TypeFormat)
                : null;
            var client = type.ContainingNamespace.GetTypeMembers(EntryPointName).FirstOrDefault(t => t.Arity == 0);
            var clientCanHost = client is not null
                && IsDeclaredPartial(client)
                && SymbolEqualityComparer.Default.Equals(PipelineProperty(client)?.Type, pipeline);
            return new GroupShapeModel(pipeline.ToDisplayString(TypeFormat), siblingBase, clientCanHost);
        }

        /// <summary>The instance property <c>Pipeline</c> that code inside <paramref name="type"/> can read (its own or inherited).</summary>
        private static IPropertySymbol? PipelineProperty(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                var property = current.GetMembers(PipelineMember).OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsStatic && p.GetMethod is not null);
                if (property is not null)
                {
                    var readable = SymbolEqualityComparer.Default.Equals(current, type) || property.DeclaredAccessibility != Accessibility.Private;
                    return readable ? property : null;
                }
            }

            return null;
        }

        /// <summary>Whether a derived class can call a constructor of <paramref name="type"/> taking just <paramref name="parameter"/> (none when null).</summary>
        private static bool TakesOnly(INamedTypeSymbol type, ITypeSymbol? parameter) => type.InstanceConstructors.Any(c =>
            c.DeclaredAccessibility != Accessibility.Private
            && (parameter is null
                ? c.Parameters.Length == 0
                : c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, parameter)));

        private static bool IsDeclaredPartial(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
    }
}
