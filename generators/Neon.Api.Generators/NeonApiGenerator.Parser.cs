using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neon.Api.Generators.Diagnostics;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    /// <summary>Turns one <c>[NeonOperation]</c> method into an <see cref="OperationModel"/>: the only place that sees symbols.</summary>
    internal static partial class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static OperationModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
            {
                return null;
            }

            var attribute = context.Attributes.FirstOrDefault();
            if (attribute is null || attribute.ConstructorArguments.Length < 4)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var operationId = StringArgument(attribute, 0);
            var httpMethod = StringArgument(attribute, 1).ToUpperInvariant();
            var path = StringArgument(attribute, 2);
            var tag = StringArgument(attribute, 3);
            var deprecated = attribute.NamedArguments.Any(a => a.Key == "Deprecated" && a.Value.Value is true);
            var deprecationText = attribute.NamedArguments.FirstOrDefault(a => a.Key == "DeprecationText").Value.Value as string;
            var replacementOperationId = attribute.NamedArguments.FirstOrDefault(a => a.Key == "ReplacementOperationId").Value.Value as string;

            var type = method.ContainingType;
            var diagnostics = new List<DiagnosticInfo>();
            var location = LocationInfo.From(syntax.Identifier.GetLocation());
            var parameters = method.Parameters.Select(ToParameter).ToEquatableArray();
            var isPartialImplementationOnly = syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
                && (syntax.Body is not null || syntax.ExpressionBody is not null)
                && method.PartialDefinitionPart is null;

            var response = UnwrapTask(method.ReturnType);
            var cursor = method.Parameters.FirstOrDefault(p => p.Name == "cursor" && p.Type.SpecialType == SpecialType.System_String);

            PaginationModel? pagination = null;
            OperationsResponseModel? operations = null;
            PollingModel? polling = null;
            if (response is not null)
            {
                if (cursor is not null)
                {
                    pagination = ParsePagination(method, operationId, response, cursor, location, diagnostics);
                }

                // Mutating calls return the operations they started; a GET that lists operations is a listing, not a wait.
                operations = httpMethod == "GET" ? null : ParseOperations(response, location, diagnostics);
                polling = ParsePolling(method, httpMethod, response);
            }
            else if (cursor is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedReturnType, location, operationId, method.Name, method.ReturnType.ToDisplayString()));
            }

            if (pagination is not null && type.GetMembers(PageableName(method.Name)).Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GeneratedNameTaken, location, operationId, type.Name, PageableName(method.Name)));
                pagination = null;
            }

            var canExtend = CanExtend(type, out var reason);
            if (!canExtend && (pagination is not null || deprecated || polling is not null))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClientTypeNotExtendable, location, operationId, type.Name, reason));
            }

            return new OperationModel(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                TypeName: type.Name,
                CanExtendType: canExtend,
                MethodName: method.Name,
                OperationId: operationId,
                HttpMethod: httpMethod,
                Path: path,
                Tag: tag,
                Deprecated: deprecated,
                DeprecationText: deprecationText,
                ReplacementOperationId: replacementOperationId,
                ReturnType: method.ReturnType.ToDisplayString(TypeFormat),
                Modifiers: Modifiers(method),
                IsPartialImplementationOnly: isPartialImplementationOnly,
                Parameters: parameters,
                Pagination: pagination,
                Operations: operations,
                Polling: polling,
                Location: deprecated ? location : null,
                Diagnostics: diagnostics.ToEquatableArray(),
                Group: GroupShape(type));
        }

        internal static string PageableName(string methodName) =>
            (methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName.Substring(0, methodName.Length - 5) : methodName) + "AllAsync";

        private static PaginationModel? ParsePagination(
            IMethodSymbol method,
            string operationId,
            ITypeSymbol response,
            IParameterSymbol cursor,
            LocationInfo? location,
            List<DiagnosticInfo> diagnostics)
        {
            PaginationShape shape;
            string nextAccess;
            string? truncatedAccess = null;
            var paginationProperty = FindProperty(response, "pagination");
            var pageCursor = paginationProperty is null ? null : FindProperty(paginationProperty.Type, "cursor");
            var pageNext = paginationProperty is null ? null : FindProperty(paginationProperty.Type, "next");
            var nextCursor = FindProperty(response, "next_cursor");
            if (paginationProperty is not null && pageCursor is not null && IsString(pageCursor.Type))
            {
                shape = PaginationShape.PageCursor;
                nextAccess = $"{paginationProperty.Name}?.{pageCursor.Name}";
            }
            else if (paginationProperty is not null && pageNext is not null && IsString(pageNext.Type))
            {
                shape = PaginationShape.Next;
                nextAccess = $"{paginationProperty.Name}?.{pageNext.Name}";
            }
            else if (nextCursor is not null && IsString(nextCursor.Type))
            {
                shape = PaginationShape.Truncation;
                nextAccess = nextCursor.Name;
                var truncated = FindProperty(response, "is_truncated");
                if (truncated is not null && IsBoolean(truncated.Type))
                {
                    truncatedAccess = truncated.Name;
                }
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PaginationShapeNotRecognized, location, operationId, method.Name, cursor.Name, response.ToDisplayString()));
                return null;
            }

            var itemLists = AllProperties(response)
                .Select(p => (Property: p, Element: ModelElementType(p.Type)))
                .Where(x => x.Element is not null)
                .ToList();
            if (itemLists.Count != 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PageItemsNotFound,
                    location,
                    operationId,
                    method.Name,
                    ShapeDescription(shape),
                    response.ToDisplayString(),
                    itemLists.Count.ToString(CultureInfo.InvariantCulture)));
                return null;
            }

            var limit = method.Parameters.FirstOrDefault(p => p.Name == "limit" && IsInt32(p.Type));
            return new PaginationModel(
                Shape: shape,
                ItemType: itemLists[0].Element!.ToDisplayString(TypeFormat),
                ItemsProperty: itemLists[0].Property.Name,
                CursorParameter: cursor.Name,
                LimitParameter: limit is null ? null : Escape(limit.Name),
                NextCursorAccess: nextAccess,
                IsTruncatedAccess: truncatedAccess,
                DefaultPageSize: limit is { HasExplicitDefaultValue: true, ExplicitDefaultValue: int pageSize }
                    ? pageSize.ToString(CultureInfo.InvariantCulture)
                    : null);
        }

        private static string ShapeDescription(PaginationShape shape) => shape switch
        {
            PaginationShape.PageCursor => "pagination.cursor",
            PaginationShape.Next => "pagination.next",
            _ => "next_cursor/is_truncated",
        };

        private static OperationsResponseModel? ParseOperations(ITypeSymbol response, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            var property = FindProperty(response, "operations");
            var element = property is null ? null : ModelElementType(property.Type);
            if (property is null || element is null)
            {
                return null;
            }

            var model = ParseOperationElement(element, out var missing);
            if (model is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.OperationTypeNotReadable, location, response.ToDisplayString(), element.ToDisplayString(), missing));
                return null;
            }

            return new OperationsResponseModel(response.ToDisplayString(TypeFormat), property.Name, model);
        }

        private static PollingModel? ParsePolling(IMethodSymbol method, string httpMethod, ITypeSymbol response)
        {
            if (httpMethod != "GET")
            {
                return null;
            }

            var property = FindProperty(response, "operation");
            if (property is null || property.Type.TypeKind != TypeKind.Class)
            {
                return null;
            }

            var element = ParseOperationElement(property.Type, out _);
            var ids = method.Parameters.Where(p => !IsCancellationToken(p.Type)).ToList();
            var token = method.Parameters.FirstOrDefault(p => IsCancellationToken(p.Type));
            if (element is null || ids.Count != 2 || !ids.All(p => p.Type.SpecialType == SpecialType.System_String))
            {
                return null;
            }

            // The path is /projects/{project_id}/operations/{operation_id}: prefer the names, fall back to the order.
            var operationIdParameter = ids.FirstOrDefault(p => p.Name.IndexOf("operation", StringComparison.OrdinalIgnoreCase) >= 0) ?? ids[1];
            var projectIdParameter = ids.First(p => !SymbolEqualityComparer.Default.Equals(p, operationIdParameter));
            return new PollingModel(property.Name, Escape(projectIdParameter.Name), Escape(operationIdParameter.Name), token is null ? null : Escape(token.Name), element);
        }

        private static OperationElementModel? ParseOperationElement(ITypeSymbol element, out string missing)
        {
            var id = FindProperty(element, "id");
            var projectId = FindProperty(element, "project_id");
            var status = FindProperty(element, "status");
            var action = FindProperty(element, "action");
            var error = FindProperty(element, "error");
            var absent = new[] { ("Id", id), ("ProjectId", projectId), ("Status", status) }
                .Where(x => x.Item2 is null)
                .Select(x => x.Item1)
                .ToList();
            missing = string.Join(", ", absent);
            if (absent.Count > 0)
            {
                return null;
            }

            return new OperationElementModel(
                element.ToDisplayString(TypeFormat),
                $"({ReadAsString(id!)} ?? string.Empty)",
                $"({ReadAsString(projectId!)} ?? string.Empty)",
                action is null ? "null" : ReadAsString(action),
                ReadAsString(status!),
                error is null ? "null" : ReadAsString(error));
        }

        /// <summary>C# that reads a property of a variable named <c>operation</c> as a (possibly null) string.</summary>
        private static string ReadAsString(IPropertySymbol property)
        {
            var access = "operation." + Escape(property.Name);
            if (property.Type.SpecialType == SpecialType.System_String)
            {
                return access;
            }

            var nonNullableValue = property.Type.IsValueType
                && property.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
            return nonNullableValue ? access + ".ToString()" : access + "?.ToString()";
        }

        private static ParameterModel ToParameter(IParameterSymbol parameter)
        {
            var type = parameter.Type;
            var isNullable = type.NullableAnnotation == NullableAnnotation.Annotated
                || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            return new ParameterModel(
                Escape(parameter.Name),
                type.ToDisplayString(TypeFormat),
                isNullable,
                IsCancellationToken(type),
                parameter.HasExplicitDefaultValue ? DefaultValueText(parameter) : null);
        }

        private static string DefaultValueText(IParameterSymbol parameter)
        {
            var value = parameter.ExplicitDefaultValue;
            var type = parameter.Type;
            return value switch
            {
                null => "default",
                bool b => b ? "true" : "false",
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                // A cast such as (int?)10 is not a constant; a plain literal converts to int?, long? or double?.
                int i => i.ToString(CultureInfo.InvariantCulture),
                long l => l.ToString(CultureInfo.InvariantCulture) + "L",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => $"({type.ToDisplayString(TypeFormat)}){SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)}",
            };
        }

        private static string Modifiers(IMethodSymbol method)
        {
            var parts = new List<string>
            {
                method.DeclaredAccessibility switch
                {
                    Accessibility.Public => "public",
                    Accessibility.Protected => "protected",
                    Accessibility.Internal => "internal",
                    Accessibility.ProtectedOrInternal => "protected internal",
                    Accessibility.ProtectedAndInternal => "private protected",
                    _ => "private",
                },
            };
            if (method.IsStatic)
            {
                parts.Add("static");
            }

            if (method.IsOverride)
            {
                parts.Add(method.IsSealed ? "sealed override" : "override");
            }
            else if (method.IsVirtual)
            {
                parts.Add("virtual");
            }

            return string.Join(" ", parts);
        }

        private static bool CanExtend(INamedTypeSymbol type, out string reason)
        {
            reason = string.Empty;
            if (type.ContainingType is not null)
            {
                reason = "nested in another type";
            }
            else if (type.IsGenericType)
            {
                reason = "generic";
            }
            else if (!IsDeclaredPartial(type))
            {
                reason = "not declared partial";
            }

            return reason.Length == 0;
        }
    }
}
