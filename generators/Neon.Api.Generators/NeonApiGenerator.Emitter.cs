using System.Collections.Generic;
using System.Linq;
using System.Security;
using Microsoft.CodeAnalysis.CSharp;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    /// <summary>Pure functions from models to C# source text.</summary>
    internal static class Emitter
    {
        private const string Pagination = "global::Neon.Api.Paging";
        private const string Operations = "global::Neon.Api.Operations";
        private const string CancellationToken = "global::System.Threading.CancellationToken";

        private static readonly string GeneratedCode =
            $"[global::System.CodeDom.Compiler.GeneratedCode(\"Neon.Api.Generators\", \"{typeof(NeonApiGenerator).Assembly.GetName().Version}\")]";

        public static IEnumerable<(string HintName, string Source)> EmitClientType(ClientTypeModel model)
        {
            if (!model.Pageables.IsEmpty)
            {
                yield return ($"{model.FullName}.Pagination.g.cs", EmitPagination(model));
            }

            if (!model.Deprecations.IsEmpty)
            {
                yield return ($"{model.FullName}.Deprecation.g.cs", EmitDeprecation(model));
            }

            if (model.OperationSource is not null)
            {
                yield return ($"{model.FullName}.OperationSource.g.cs", EmitOperationSource(model, model.OperationSource));
            }
        }

        public static string WaitingHintName(WaitingModel model) =>
            (model.Namespace.Length == 0 ? string.Empty : model.Namespace + ".") + "NeonOperationWaitingExtensions.g.cs";

        public static string EmitPagination(ClientTypeModel model) => InType(model, w =>
        {
            var first = true;
            foreach (var pageable in model.Pageables)
            {
                if (!first)
                {
                    w.Line();
                }

                first = false;
                WritePageable(w, pageable);
            }
        });

        public static string EmitDeprecation(ClientTypeModel model) => InType(model, w =>
        {
            var first = true;
            foreach (var deprecation in model.Deprecations)
            {
                if (!first)
                {
                    w.Line();
                }

                first = false;
                w.Line($"/// <summary>{Xml(deprecation.Message)}</summary>");
                WriteObsolete(w, deprecation);
                w.Line($"{deprecation.Modifiers} partial {deprecation.ReturnType} {deprecation.MethodName}({Parameters(deprecation.Parameters)});");
            }
        });

        public static string EmitOperationSource(ClientTypeModel model, OperationSourceModel source) =>
            InType(model, $" : {Operations}.INeonOperationSource", w =>
            {
                var polling = source.Polling;
                w.Line("/// <inheritdoc/>");
                w.Line(GeneratedCode);
                w.Line($"async global::System.Threading.Tasks.Task<{Operations}.NeonOperationState> {Operations}.INeonOperationSource.GetOperationStateAsync(string projectId, string operationId, {CancellationToken} cancellationToken)");
                using (w.Block())
                {
                    var token = polling.CancellationTokenParameter is null ? string.Empty : $", {polling.CancellationTokenParameter}: cancellationToken";
                    w.Line($"var response = await {source.MethodName}({polling.ProjectIdParameter}: projectId, {polling.OperationIdParameter}: operationId{token}).ConfigureAwait(false);");
                    w.Line($"return NeonOperationStateConverter.ToState(response.{polling.OperationProperty});");
                }
            });

        public static string EmitWaiting(WaitingModel model)
        {
            var w = Header();
            using (Namespace(w, model.Namespace))
            {
                w.Line("/// <summary>");
                w.Line("/// Waits for the Neon operations that an API call started: <c>await client.Branch.CreateProjectBranchAsync(...).WaitForOperationsAsync(client.Operation)</c>");
                w.Line("/// returns the call's response once every operation in it has finished.");
                w.Line("/// </summary>");
                w.Line(GeneratedCode);
                w.Line("public static partial class NeonOperationWaitingExtensions");
                using (w.Block())
                {
                    var first = true;
                    foreach (var response in model.Responses)
                    {
                        if (!first)
                        {
                            w.Line();
                        }

                        first = false;
                        WriteWaitingPair(w, response);
                    }
                }

                w.Line();
                w.Line("/// <summary>Reads generated operation models into poller snapshots.</summary>");
                w.Line(GeneratedCode);
                w.Line("internal static class NeonOperationStateConverter");
                using (w.Block())
                {
                    var first = true;
                    foreach (var element in model.Elements)
                    {
                        if (!first)
                        {
                            w.Line();
                        }

                        first = false;
                        WriteConverter(w, element);
                    }
                }
            }

            return w.ToString();
        }

        private static void WritePageable(SourceWriter w, PageableModel pageable)
        {
            var p = pageable.Pagination;
            var itemType = p.ItemType;
            var parameters = pageable.Parameters.ToList();
            var token = parameters.FirstOrDefault(x => x.IsCancellationToken);
            if (token is null)
            {
                token = new ParameterModel("cancellationToken", CancellationToken, false, true, "default");
                parameters.Add(token);
            }

            w.Line("/// <summary>");
            w.Line($"/// Lists every item of <c>{pageable.OperationId}</c> (<c>{pageable.HttpMethod} /{Xml(pageable.Path.TrimStart('/'))}</c>) across all pages, fetching each page only");
            w.Line($"/// when the previous one is used up; <c>AsPages()</c> on the result works page by page. See <c>{pageable.RawMethodName}</c> for one page.");
            w.Line("/// </summary>");
            foreach (var parameter in parameters)
            {
                var text = parameter.IsCancellationToken
                    ? "Cancels the listing, in addition to a token passed to <c>WithCancellation</c>."
                    : parameter.Name == p.LimitParameter
                        ? "The page size, sent with every page request; <c>AsPages(pageSizeHint: n)</c> overrides it."
                        : $"Sent with every page request, as in <c>{pageable.RawMethodName}</c>.";
                w.Line($"/// <param name=\"{parameter.Name.TrimStart('@')}\">{text}</param>");
            }

            w.Line("/// <returns>The listing; nothing is requested until it is enumerated.</returns>");
            w.Line(GeneratedCode);
            w.Line($"public virtual {Pagination}.NeonPageable<{itemType}> {pageable.MethodName}({Parameters(parameters)})");
            using (w.Block())
            {
                w.Line($"return {Pagination}.NeonPageable.Create<{itemType}>(async (__cursor, __pageSizeHint, __cancellationToken) =>");
                using (w.Block(", " + token.Name + ");"))
                {
                    if (p.LimitParameter is not null)
                    {
                        w.Line($"var __pageSize = __pageSizeHint ?? {p.LimitParameter};");
                    }

                    var arguments = new List<string> { $"{p.CursorParameter}: __cursor" };
                    foreach (var parameter in pageable.Parameters)
                    {
                        var value = parameter.IsCancellationToken ? "__cancellationToken"
                            : parameter.Name == p.LimitParameter ? "__pageSize"
                            : parameter.Name;
                        arguments.Add($"{parameter.Name}: {value}");
                    }

                    w.Line($"var __response = await {pageable.RawMethodName}({string.Join(", ", arguments)}).ConfigureAwait(false);");
                    w.Line($"var __items = {Pagination}.NeonPagination.ToReadOnlyList<{itemType}>(__response.{p.ItemsProperty});");
                    var next = p.Shape switch
                    {
                        PaginationShape.PageCursor =>
                            $"NextFromPageCursor(__cursor, __response.{p.NextCursorAccess}, __items.Count, {PageSizeExpression(p)})",
                        PaginationShape.Next => $"NextFromNext(__cursor, __response.{p.NextCursorAccess})",
                        _ => $"NextFromTruncation(__cursor, __response.{p.NextCursorAccess}, {(p.IsTruncatedAccess is null ? "null" : "__response." + p.IsTruncatedAccess)})",
                    };
                    w.Line($"var __next = {Pagination}.NeonPagination.{next};");
                    w.Line($"return new {Pagination}.NeonPage<{itemType}>(__items, __next, __response);");
                }
            }
        }

        private static string PageSizeExpression(PaginationModel p) => (p.LimitParameter, p.DefaultPageSize) switch
        {
            (null, null) => "null",
            (null, var size) => size!,
            (_, null) => "__pageSize",
            (_, var size) => $"__pageSize ?? {size}",
        };

        private static void WriteWaitingPair(SourceWriter w, OperationsResponseModel response)
        {
            var type = response.ResponseType;
            var common = $"{Operations}.INeonOperationSource operations, {Operations}.NeonWaitOptions? waitOptions = null, {CancellationToken} cancellationToken = default";
            w.Line("/// <summary>");
            w.Line($"/// Awaits the call, then waits until every operation in its <c>{response.OperationsProperty}</c> has finished, polling them through");
            w.Line("/// <paramref name=\"operations\"/> (the client's operation client).");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"call\">The API call that returns the operations.</param>");
            WriteWaitingParameterDocs(w);
            w.Line("/// <returns>The call's response, once every operation has finished.</returns>");
            w.Line($"/// <exception cref=\"{Operations}.NeonOperationFailedException\">An operation failed, errored or was cancelled.</exception>");
            w.Line($"/// <exception cref=\"{Operations}.NeonOperationTimeoutException\">Some operations were unfinished at the deadline.</exception>");
            w.Line($"public static async global::System.Threading.Tasks.Task<{type}> WaitForOperationsAsync(this global::System.Threading.Tasks.Task<{type}> call, {common})");
            using (w.Block())
            {
                w.Line("if (call is null)");
                using (w.Block())
                {
                    w.Line("throw new global::System.ArgumentNullException(nameof(call));");
                }

                w.Line();
                w.Line("var response = await call.ConfigureAwait(false);");
                w.Line("return await WaitForOperationsAsync(response, operations, waitOptions, cancellationToken).ConfigureAwait(false);");
            }

            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// Waits until every operation in the response's <c>{response.OperationsProperty}</c> has finished, polling them through");
            w.Line("/// <paramref name=\"operations\"/> (the client's operation client). Operations already final cost no request.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"response\">The response that holds the operations.</param>");
            WriteWaitingParameterDocs(w);
            w.Line("/// <returns>The same response, once every operation has finished.</returns>");
            w.Line($"/// <exception cref=\"{Operations}.NeonOperationFailedException\">An operation failed, errored or was cancelled.</exception>");
            w.Line($"/// <exception cref=\"{Operations}.NeonOperationTimeoutException\">Some operations were unfinished at the deadline.</exception>");
            w.Line($"public static async global::System.Threading.Tasks.Task<{type}> WaitForOperationsAsync(this {type} response, {common})");
            using (w.Block())
            {
                w.Line("if (response is null)");
                using (w.Block())
                {
                    w.Line("throw new global::System.ArgumentNullException(nameof(response));");
                }

                w.Line();
                w.Line($"await {Operations}.NeonOperationWaiter.WaitAsync(NeonOperationStateConverter.ToStates(response.{response.OperationsProperty}), operations, waitOptions, cancellationToken).ConfigureAwait(false);");
                w.Line("return response;");
            }
        }

        private static void WriteWaitingParameterDocs(SourceWriter w)
        {
            w.Line("/// <param name=\"operations\">Reads operations; the generated operation client implements it.</param>");
            w.Line("/// <param name=\"waitOptions\">Deadline and poll delays; <see langword=\"null\"/> for the defaults (300 s).</param>");
            w.Line("/// <param name=\"cancellationToken\">Cancels the waiting.</param>");
        }

        private static void WriteConverter(SourceWriter w, OperationElementModel element)
        {
            var type = element.Type.EndsWith("?", System.StringComparison.Ordinal) ? element.Type : element.Type + "?";
            w.Line("/// <summary>Reads operations into snapshots; <see langword=\"null\"/> reads as none.</summary>");
            w.Line($"internal static global::System.Collections.Generic.IEnumerable<{Operations}.NeonOperationState> ToStates(global::System.Collections.Generic.IEnumerable<{type}>? operations) =>");
            w.Line($"    operations is null ? global::System.Array.Empty<{Operations}.NeonOperationState>() : global::System.Linq.Enumerable.ToList(global::System.Linq.Enumerable.Select(operations, ToState));");
            w.Line();
            w.Line("/// <summary>Reads one operation into a snapshot.</summary>");
            w.Line($"internal static {Operations}.NeonOperationState ToState({type} operation)");
            using (w.Block())
            {
                w.Line("if (operation is null)");
                using (w.Block())
                {
                    w.Line("throw new global::System.InvalidOperationException(\"The Neon API returned no operation where one was expected.\");");
                }

                w.Line();
                w.Line($"return new {Operations}.NeonOperationState({element.IdExpression}, {element.ProjectIdExpression}, {element.ActionExpression}, {element.StatusExpression}, {element.ErrorExpression});");
            }
        }

        private static void WriteObsolete(SourceWriter w, DeprecationModel deprecation)
        {
            var message = SymbolDisplay.FormatLiteral(deprecation.Message, quote: true);

            // ObsoleteAttribute.DiagnosticId and UrlFormat exist from .NET 5 on; older targets get the message alone.
            w.Directive("#if NET5_0_OR_GREATER");
            w.Line($"[global::System.Obsolete({message}, DiagnosticId = \"{deprecation.DiagnosticId}\", UrlFormat = {SymbolDisplay.FormatLiteral(deprecation.HelpUrl, quote: true)})]");
            w.Directive("#else");
            w.Line($"[global::System.Obsolete({message})]");
            w.Directive("#endif");
        }

        private static string InType(ClientTypeModel model, System.Action<SourceWriter> body) => InType(model, string.Empty, body);

        private static string InType(ClientTypeModel model, string baseList, System.Action<SourceWriter> body)
        {
            var w = Header();
            using (Namespace(w, model.Namespace))
            {
                w.Line($"partial class {model.TypeName}{baseList}");
                using (w.Block())
                {
                    body(w);
                }
            }

            return w.ToString();
        }

        private static SourceWriter Header() => new SourceWriter()
            .Line("// <auto-generated/>")
            .Line("// Generated by Neon.Api.Generators from the [NeonOperation] metadata of the raw clients.")
            .Line("#nullable enable")
            .Line();

        private static System.IDisposable Namespace(SourceWriter w, string name)
        {
            if (name.Length == 0)
            {
                return new NoScope();
            }

            w.Line($"namespace {name}");
            return w.Block();
        }

        private static string Parameters(IEnumerable<ParameterModel> parameters) => string.Join(
            ", ",
            parameters.Select(p => p.DefaultValue is null ? $"{p.Type} {p.Name}" : $"{p.Type} {p.Name} = {p.DefaultValue}"));

        private static string Xml(string text) => SecurityElement.Escape(text) ?? string.Empty;

        private sealed class NoScope : System.IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
