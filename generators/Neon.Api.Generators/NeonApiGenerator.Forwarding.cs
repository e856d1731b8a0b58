using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Neon.Api.Generators.Diagnostics;
using Neon.Api.Generators.Emitters;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    /// <summary>
    /// Which operations moved to another tag since the previous spec, and the forwarding members that keep their old
    /// calls compiling: a pure function of the operation models and <c>operation-tags.json</c>.
    /// </summary>
    internal static class Forwarding
    {
        private const string GroupSuffix = "Client";

        public static ForwardingModel Build(EquatableArray<OperationModel> operations, OperationTagsModel? tags)
        {
            if (tags is null)
            {
                return ForwardingModel.None;
            }

            var diagnostics = tags.Diagnostics.ToList();
            var byId = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
            foreach (var operation in operations)
            {
                if (!byId.ContainsKey(operation.OperationId))
                {
                    byId.Add(operation.OperationId, operation);
                }
            }

            // The current spec names the classes of its tags; a tag it no longer has is named by the template's rule.
            var classOfTag = new Dictionary<string, (string Namespace, string TypeName)>(StringComparer.Ordinal);
            foreach (var operation in operations.Where(o => !classOfTag.ContainsKey(o.Tag)))
            {
                classOfTag.Add(operation.Tag, (operation.Namespace, operation.TypeName));
            }

            var moves = tags.PreviousTags
                .Where(entry => byId.TryGetValue(entry.OperationId, out var now) && !string.Equals(now.Tag, entry.Tag, StringComparison.Ordinal))
                .Select(entry => (Entry: entry, Operation: byId[entry.OperationId]))
                .GroupBy(m => m.Entry.Tag, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            var deprecations = Resolver.IndexByRoute(operations);
            var groups = new List<ForwardingGroupModel>();
            foreach (var move in moves)
            {
                var first = move.First().Operation;
                var (ns, typeName) = classOfTag.TryGetValue(move.Key, out var known) ? known : (first.Namespace, GroupClassName(move.Key));
                var members = operations.Where(o => o.Namespace == ns && o.TypeName == typeName).ToList();
                var group = new GroupBuilder(tags, move.Key, ns, typeName, members, diagnostics);
                foreach (var (entry, operation) in move.OrderBy(m => m.Operation.MethodName, StringComparer.Ordinal))
                {
                    group.Add(entry, operation, deprecations);
                }

                if (group.Members.Count > 0)
                {
                    groups.Add(group.ToModel());
                }
            }

            return new ForwardingModel(groups.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// The class NSwag and <c>Client.Class.liquid</c> make of a tag: parentheses dropped, <c>API</c> as <c>Api</c>,
        /// each word capitalised and joined, then <c>Client</c> (<c>Auth (legacy)</c> -> <c>AuthLegacyClient</c>).
        /// </summary>
        internal static string GroupClassName(string tag)
        {
            var name = new StringBuilder();
            foreach (var word in tag.Replace("(", string.Empty).Replace(")", string.Empty).Replace("API", "Api")
                .Split(tag.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries))
            {
                name.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }

            return name.Append(GroupSuffix).ToString();
        }

        /// <summary>The <c>NeonClient</c> property of a group class (the template names it after the class, without <c>Client</c>).</summary>
        internal static string GroupPropertyName(string typeName) =>
            typeName.Length > GroupSuffix.Length && typeName.EndsWith(GroupSuffix, StringComparison.Ordinal)
                ? typeName.Substring(0, typeName.Length - GroupSuffix.Length)
                : typeName;

        /// <summary>Collects the members of one old group, checking that each can be generated.</summary>
        private sealed class GroupBuilder
        {
            private readonly OperationTagsModel _tags;
            private readonly string _tag;
            private readonly string _namespace;
            private readonly string _typeName;
            private readonly List<DiagnosticInfo> _diagnostics;
            private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
            private readonly GroupShapeModel? _existingShape;
            private readonly bool _exists;
            private ForwardingClassModel? _newClass;

            public GroupBuilder(OperationTagsModel tags, string tag, string ns, string typeName, List<OperationModel> current, List<DiagnosticInfo> diagnostics)
            {
                _tags = tags;
                _tag = tag;
                _namespace = ns;
                _typeName = typeName;
                _diagnostics = diagnostics;
                _exists = current.Count > 0;
                _existingShape = current.Select(o => o.CanExtendType ? o.Group : null).FirstOrDefault();
                foreach (var operation in current)
                {
                    _taken.Add(operation.MethodName);
                    if (operation.Pagination is not null)
                    {
                        _taken.Add(operation.PageableMethodName);
                    }
                }
            }

            public List<ForwardingMemberModel> Members { get; } = new();

            public void Add(PreviousTagModel entry, OperationModel operation, IReadOnlyDictionary<string, OperationModel> index)
            {
                var problem = operation.TypeName == _typeName && operation.Namespace == _namespace ? "its class did not change"
                    : operation.Group is null || !operation.CanExtendType ? $"its new class '{operation.TypeName}' is not built from the pipeline as the generated groups are"
                    : _exists && _existingShape is null ? "that class is not a partial group class that reaches the pipeline"
                    : _exists && _existingShape!.PipelineType != operation.Group.PipelineType ? "that class reaches another pipeline type"
                    : !_exists && (operation.Group.SiblingBaseType is null || !operation.Group.ClientCanHostGroup)
                        ? $"that class no longer exists and cannot be generated like '{operation.TypeName}' (a base class taking the pipeline, and a partial NeonClient)"
                    : _taken.Contains(operation.MethodName) ? $"it already has a member named '{operation.MethodName}'"
                    : null;
                if (problem is not null)
                {
                    Report(entry, operation, problem);
                    return;
                }

                if (!_exists && _newClass is null)
                {
                    var property = GroupPropertyName(_typeName);
                    _newClass = new ForwardingClassModel(
                        operation.Group!.SiblingBaseType!,
                        operation.Group.PipelineType,
                        property,
                        $"Moved by Neon's spec {_tags.Spec}: the operations tagged '{_tag}' belong to other groups now; each member of NeonClient.{property} names its new place.");
                }

                Members.Add(Member(operation, operation.MethodName, operation.ReturnType, Resolver.WithTrailingDefaults(operation.Parameters), false, index));
                _taken.Add(operation.MethodName);
                if (operation.Pagination is null)
                {
                    return;
                }

                var pageable = Resolver.ToPageable(operation);
                if (_taken.Contains(pageable.MethodName))
                {
                    Report(entry, operation, $"it already has a member named '{pageable.MethodName}' (the listing was not forwarded; the operation method was)");
                    return;
                }

                Members.Add(Member(
                    operation,
                    pageable.MethodName,
                    PaginationEmitter.ListingType(operation.Pagination),
                    PaginationEmitter.ListingParameters(pageable).ToEquatableArray(),
                    true,
                    index));
                _taken.Add(pageable.MethodName);
            }

            public ForwardingGroupModel ToModel() => new(
                _namespace,
                _typeName,
                _tag,
                _tags.PreviousSpec,
                _newClass,
                Members.OrderBy(m => m.MethodName, StringComparer.Ordinal).ToEquatableArray());

            private ForwardingMemberModel Member(
                OperationModel operation,
                string name,
                string returnType,
                EquatableArray<ParameterModel> parameters,
                bool isListing,
                IReadOnlyDictionary<string, OperationModel> index)
            {
                var newPlace = $"{Parser.EntryPointName}.{GroupPropertyName(operation.TypeName)}.{name}";
                return new ForwardingMemberModel(
                    name,
                    returnType,
                    parameters,
                    "global::" + (operation.Namespace.Length == 0 ? string.Empty : operation.Namespace + ".") + operation.TypeName,
                    newPlace,
                    operation.OperationId,
                    $"{operation.HttpMethod} /{operation.Path.TrimStart('/')}",
                    operation.Tag,
                    isListing,
                    operation.Deprecated ? Resolver.ToDeprecation(operation, index).Message : null,
                    $"Moved by Neon's spec {_tags.Spec}: use {newPlace} instead.",
                    string.Format(CultureInfo.InvariantCulture, DiagnosticDescriptors.ReferenceUrlFormat, operation.OperationId.ToLowerInvariant()));
            }

            private void Report(PreviousTagModel entry, OperationModel operation, string problem) =>
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ForwardingNotGenerated, entry.Location, operation.OperationId, entry.Tag, operation.Tag, _typeName, problem));
        }
    }
}
