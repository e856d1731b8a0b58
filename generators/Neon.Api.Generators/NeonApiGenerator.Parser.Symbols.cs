using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    // The parser's questions to the symbols: wire names, properties, collection and primitive types.
    internal static partial class Parser
    {
        private static ITypeSymbol? UnwrapTask(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && (named.Name == "Task" || named.Name == "ValueTask")
                && named.ContainingNamespace.ToDisplayString() == "System.Threading.Tasks"
                ? named.TypeArguments[0]
                : null;

        /// <summary>
        /// Finds a property by its name on the wire (<c>[JsonProperty("...")]</c> or <c>[JsonPropertyName("...")]</c>),
        /// falling back to the PascalCase C# name, so a renamed C# property still matches.
        /// </summary>
        private static IPropertySymbol? FindProperty(ITypeSymbol type, string wireName)
        {
            var properties = AllProperties(type).ToList();
            return properties.FirstOrDefault(p => string.Equals(WireName(p), wireName, StringComparison.Ordinal))
                ?? properties.FirstOrDefault(p => WireName(p) is null && string.Equals(p.Name, PascalCase(wireName), StringComparison.Ordinal));
        }

        private static string? WireName(IPropertySymbol property) => property.GetAttributes()
            .Where(a => a.AttributeClass?.Name is "JsonPropertyAttribute" or "JsonPropertyNameAttribute" && a.ConstructorArguments.Length > 0)
            .Select(a => a.ConstructorArguments[0].Value as string)
            .FirstOrDefault(n => n is not null);

        private static IEnumerable<IPropertySymbol> AllProperties(ITypeSymbol type)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public && property.GetMethod is not null && seen.Add(property.Name))
                    {
                        yield return property;
                    }
                }
            }
        }

        /// <summary>The element type when <paramref name="type"/> is an array or generic collection of a class other than string.</summary>
        private static ITypeSymbol? ModelElementType(ITypeSymbol type)
        {
            ITypeSymbol? element = null;
            if (type is IArrayTypeSymbol array)
            {
                element = array.ElementType;
            }
            else if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && named.ConstructedFrom.ContainingNamespace.ToDisplayString() is "System.Collections.Generic" or "System.Collections.ObjectModel"
                && named.Name is "IEnumerable" or "ICollection" or "IList" or "IReadOnlyCollection" or "IReadOnlyList" or "List" or "Collection" or "ObservableCollection")
            {
                element = named.TypeArguments[0];
            }

            return element is { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } ? element : null;
        }

        private static string PascalCase(string wireName) => string.Concat(
            wireName.Split('_').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s.Substring(1)));

        private static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

        private static string StringArgument(AttributeData attribute, int index) =>
            attribute.ConstructorArguments[index].Value as string ?? string.Empty;

        private static bool IsString(ITypeSymbol type) => type.SpecialType == SpecialType.System_String;

        private static bool IsBoolean(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Boolean
            || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

        private static bool IsInt32(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Int32
            || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].SpecialType == SpecialType.System_Int32);

        private static bool IsCancellationToken(ITypeSymbol type) =>
            type.Name == "CancellationToken" && type.ContainingNamespace.ToDisplayString() == "System.Threading";
    }
}
