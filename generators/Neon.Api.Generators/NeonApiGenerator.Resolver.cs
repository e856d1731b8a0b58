using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Neon.Api.Generators.Diagnostics;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    /// <summary>The cross-operation decisions, as pure functions of the operation models.</summary>
    internal static class Resolver
    {
        // When the attribute names no replacement (code not generated from a normalized spec), the text is read:
        // "DEPRECATED, use `/projects/{project_id}/branches/{branch_id}/auth` instead." or "Use `GET /consumption_history/projects`".
        private static readonly Regex ReplacementPath = new(
            @"\buse\s+`(?:(?<method>GET|PUT|POST|DELETE|PATCH)\s+)?(?<path>/[^`\s]*)`",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static IEnumerable<ClientTypeModel> BuildClientTypes(EquatableArray<OperationModel> operations)
        {
            var index = IndexByRoute(operations);
            var polling = FindPolling(operations);
            return operations
                .Where(o => o.CanExtendType)
                .GroupBy(o => (o.Namespace, o.TypeName))
                .OrderBy(g => g.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(g => g.Key.TypeName, StringComparer.Ordinal)
                .Select(g => new ClientTypeModel(
                    g.Key.Namespace,
                    g.Key.TypeName,
                    g.Where(o => o.Pagination is not null).Select(ToPageable).ToEquatableArray(),
                    g.Where(o => o.Deprecated && o.IsPartialImplementationOnly).Select(o => ToDeprecation(o, index)).ToEquatableArray(),
                    polling is not null && g.Contains(polling) ? new OperationSourceModel(polling.MethodName, polling.Polling!) : null))
                .Where(t => !t.Pageables.IsEmpty || !t.Deprecations.IsEmpty || t.OperationSource is not null)
                .ToList();
        }

        public static WaitingModel? BuildWaiting(EquatableArray<OperationModel> operations)
        {
            var polling = FindPolling(operations);
            if (polling is null)
            {
                return null;
            }

            var responses = operations
                .Where(o => o.Operations is not null)
                .Select(o => o.Operations!)
                .GroupBy(r => r.ResponseType, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(r => r.ResponseType, StringComparer.Ordinal)
                .ToList();
            var elements = responses
                .Select(r => r.Element)
                .Concat(new[] { polling.Polling!.Element })
                .GroupBy(e => e.Type, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(e => e.Type, StringComparer.Ordinal)
                .ToList();
            return new WaitingModel(polling.Namespace, responses.ToEquatableArray(), elements.ToEquatableArray());
        }

        public static EquatableArray<DiagnosticInfo> BuildDiagnostics(EquatableArray<OperationModel> operations)
        {
            var index = IndexByRoute(operations);
            var diagnostics = operations.SelectMany(o => o.Diagnostics).ToList();
            foreach (var operation in operations.Where(o => o.Deprecated && o.CanExtendType))
            {
                if (!operation.IsPartialImplementationOnly)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.DeprecatedMethodNotPartial, operation.Location, operation.OperationId, operation.MethodName));
                    continue;
                }

                var replacement = ReplacementOf(operation, index);
                if (replacement.Named is not null && replacement.Operation is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.DeprecationReplacementNotFound, operation.Location, operation.OperationId, replacement.Named));
                }
            }

            var withOperations = operations.Where(o => o.Operations is not null).ToList();
            if (withOperations.Count > 0 && FindPolling(operations) is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PollingOperationNotFound,
                    null,
                    withOperations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    withOperations[0].OperationId));
            }

            return diagnostics.ToEquatableArray();
        }

        /// <summary>The [Obsolete] message, diagnostic id and help URL of a deprecated operation.</summary>
        internal static DeprecationModel ToDeprecation(OperationModel operation, IReadOnlyDictionary<string, OperationModel> index)
        {
            var replacement = ReplacementOf(operation, index);
            string message;
            if (replacement.Operation is { } found)
            {
                message = $"Deprecated by Neon: use {found.TypeName}.{found.MethodName} instead.";
            }
            else if (replacement.Named is not null)
            {
                message = $"Deprecated by Neon: Neon names {replacement.Named} as its replacement, which this client does not have.";
            }
            else
            {
                var reason = Reason(operation.DeprecationText);
                message = reason.Length == 0
                    ? "Deprecated by Neon; it has no replacement."
                    : $"Deprecated by Neon; it has no replacement: {reason}";
            }

            var isLegacyAuth = operation.Tag.IndexOf("Auth", StringComparison.OrdinalIgnoreCase) >= 0
                && operation.Tag.IndexOf("legacy", StringComparison.OrdinalIgnoreCase) >= 0;
            return new DeprecationModel(
                operation.MethodName,
                operation.ReturnType,
                operation.Modifiers,
                WithTrailingDefaults(operation.Parameters),
                message,
                isLegacyAuth ? DiagnosticDescriptors.LegacyAuthObsoleteId : DiagnosticDescriptors.DeprecatedObsoleteId,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, DiagnosticDescriptors.ReferenceUrlFormat, operation.OperationId.ToLowerInvariant()));
        }

        internal static Dictionary<string, OperationModel> IndexByRoute(IEnumerable<OperationModel> operations)
        {
            var index = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
            foreach (var operation in operations)
            {
                var route = Route(operation.HttpMethod, operation.Path);
                if (!index.ContainsKey(route))
                {
                    index.Add(route, operation);
                }
            }

            return index;
        }

        internal static PageableModel ToPageable(OperationModel operation) => new(
            operation.PageableMethodName,
            operation.MethodName,
            operation.OperationId,
            operation.HttpMethod,
            operation.Path,
            WithTrailingDefaults(operation.Parameters.Where(p => p.Name != operation.Pagination!.CursorParameter)),
            operation.Pagination!);

        /// <summary>
        /// Keeps declared defaults, and gives <c>= default</c> to the trailing run of nullable and cancellation-token
        /// parameters that have none (NSwag emits the implementing part of a partial method without defaults).
        /// </summary>
        internal static EquatableArray<ParameterModel> WithTrailingDefaults(IEnumerable<ParameterModel> parameters)
        {
            var list = parameters.ToList();
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var parameter = list[i];
                if (parameter.DefaultValue is not null)
                {
                    continue;
                }

                if (!parameter.IsNullable && !parameter.IsCancellationToken)
                {
                    break;
                }

                list[i] = parameter with { DefaultValue = "default" };
            }

            return list.ToEquatableArray();
        }

        private static OperationModel? FindPolling(IEnumerable<OperationModel> operations)
        {
            var candidates = operations.Where(o => o.Polling is not null && o.CanExtendType).ToList();
            var elementTypes = new HashSet<string>(operations.Where(o => o.Operations is not null).Select(o => o.Operations!.Element.Type), StringComparer.Ordinal);

            // Prefer the endpoint that returns the very type listed in 'operations' properties.
            return candidates.FirstOrDefault(c => elementTypes.Contains(c.Polling!.Element.Type)) ?? candidates.FirstOrDefault();
        }

        /// <summary>
        /// The operation that replaces a deprecated one: the attribute's <c>ReplacementOperationId</c> (resolved by the
        /// spec normalizer), else the first <c>use `[METHOD] /path`</c> of the deprecation text (a path alone takes the
        /// deprecated operation's method, or is the only operation at that path). <c>Named</c> is what the deprecation
        /// names (null when it names nothing); <c>Operation</c> is null when no operation of the client matches it.
        /// </summary>
        internal static (string? Named, OperationModel? Operation) ReplacementOf(OperationModel operation, IReadOnlyDictionary<string, OperationModel> index)
        {
            if (operation.ReplacementOperationId is { Length: > 0 } id)
            {
                return ($"the operation {id}", index.Values.FirstOrDefault(o => o.OperationId == id));
            }

            var match = operation.DeprecationText is null ? null : ReplacementPath.Match(operation.DeprecationText);
            if (match is not { Success: true })
            {
                return (null, null);
            }

            var path = match.Groups["path"].Value;
            var method = match.Groups["method"].Success ? match.Groups["method"].Value.ToUpperInvariant() : null;
            if (index.TryGetValue(Route(method ?? operation.HttpMethod, path), out var found))
            {
                return ($"{method ?? operation.HttpMethod} {path}", found);
            }

            var atPath = method is null ? index.Values.Where(o => o.Path.TrimStart('/') == path.TrimStart('/')).Take(2).ToList() : [];
            return ($"{method ?? operation.HttpMethod} {path}", atPath.Count == 1 ? atPath[0] : null);
        }

        /// <summary>The deprecation text without its "DEPRECATED" lead, on one line, cut at 300 characters.</summary>
        private static string Reason(string? text)
        {
            if (text is null)
            {
                return string.Empty;
            }

            var reason = Regex.Replace(text, @"\s+", " ").Trim();
            reason = Regex.Replace(reason, @"^DEPRECATED[\s.,:;!-]*", string.Empty, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            return reason.Length <= 300 ? reason : reason.Substring(0, 297) + "...";
        }

        // NSwag writes paths relative to the base URL ("projects/{project_id}"), the spec's texts absolute ("/projects/...").
        private static string Route(string httpMethod, string path) => httpMethod.ToUpperInvariant() + " " + path.TrimStart('/');
    }
}
