using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Neon.Api.Generators.Diagnostics;
using Neon.Api.Generators.Json;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    /// <summary>
    /// Reads <c>openapi/operation-tags.json</c> (an AdditionalFile): <c>{ "spec": "2.7.3", "previous": { "spec": "2.7.2",
    /// "tags": { "&lt;operationId&gt;": "&lt;first tag&gt;" } } }</c>. Anything it cannot read becomes a NEON1010 warning,
    /// never an exception: a broken file costs the forwarding members, not the build.
    /// </summary>
    internal static class OperationTags
    {
        /// <summary>The file name the generator picks among the AdditionalFiles.</summary>
        public const string FileName = "operation-tags.json";

        public static bool IsOperationTagsFile(string path) =>
            string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The file the generator uses when several are passed: the first by path (each build sees the same one).</summary>
        public static OperationTagsModel? Choose(IEnumerable<(string Path, OperationTagsModel Model)> files) =>
            files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Model).FirstOrDefault();

        public static OperationTagsModel Read(string path, SourceText? text, CancellationToken cancellationToken)
        {
            if (text is null)
            {
                return Failed(path, null, null, "the file cannot be read");
            }

            JsonNode root;
            try
            {
                root = JsonReader.Read(text.ToString());
            }
            catch (JsonReaderException e)
            {
                return Failed(path, text, e.Position, "it is not valid JSON: " + e.Message);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var spec = root.Kind == JsonKind.Object ? root["spec"] : null;
            var previous = root.Kind == JsonKind.Object ? root["previous"] : null;
            var previousSpec = previous?.Kind == JsonKind.Object ? previous["spec"] : null;
            var tags = previous?.Kind == JsonKind.Object ? previous["tags"] : null;
            var problem = root.Kind != JsonKind.Object ? ("the document is not an object", root)
                : !IsText(spec) ? ("it has no string 'spec'", spec ?? root)
                : previous?.Kind != JsonKind.Object ? ("it has no object 'previous'", previous ?? root)
                : !IsText(previousSpec) ? ("'previous' has no string 'spec'", previousSpec ?? previous)
                : tags?.Kind != JsonKind.Object ? ("'previous' has no object 'tags'", tags ?? previous)
                : ((string, JsonNode)?)null;
            if (problem is { } p)
            {
                return Failed(path, text, p.Item2.Start, p.Item1);
            }

            var entries = new List<PreviousTagModel>();
            var diagnostics = new List<DiagnosticInfo>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in tags!.Members)
            {
                var location = Location(path, text, member.NameStart, member.Name.Length + 2);
                if (!IsText(member.Value))
                {
                    diagnostics.Add(Diagnostic(location, path, $"the tag of '{member.Name}' is not a non-empty string, so that entry is skipped"));
                }
                else if (!seen.Add(member.Name))
                {
                    diagnostics.Add(Diagnostic(location, path, $"'{member.Name}' is listed twice, so the second entry is skipped"));
                }
                else
                {
                    entries.Add(new PreviousTagModel(member.Name, member.Value.Text!, location));
                }
            }

            return new OperationTagsModel(
                spec!.Text!,
                previousSpec!.Text!,
                entries.OrderBy(e => e.OperationId, StringComparer.Ordinal).ToEquatableArray(),
                diagnostics.ToEquatableArray());
        }

        private static bool IsText(JsonNode? node) => node is { Kind: JsonKind.String, Text.Length: > 0 };

        private static OperationTagsModel Failed(string path, SourceText? text, int? position, string reason) => new(
            string.Empty,
            string.Empty,
            EquatableArray<PreviousTagModel>.Empty,
            new[] { Diagnostic(text is null || position is null ? null : Location(path, text, position.Value, 1), path, reason + ", so no forwarding member is generated") }.ToEquatableArray());

        private static DiagnosticInfo Diagnostic(LocationInfo? location, string path, string reason) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.OperationTagsUnreadable, location, Path.GetFileName(path), reason);

        private static LocationInfo Location(string path, SourceText text, int start, int length)
        {
            start = Math.Max(0, Math.Min(start, text.Length));
            var span = new TextSpan(start, Math.Max(0, Math.Min(length, text.Length - start)));
            var lines = text.Lines.GetLinePositionSpan(span);
            return new LocationInfo(path, span.Start, span.Length, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
        }
    }
}
