using System.Collections.Generic;
using Neon.Api.Generators.Models;
using static Neon.Api.Generators.Emitters.GeneratedSource;

namespace Neon.Api.Generators.Emitters;

/// <summary>
/// Emits operation waiting: the <c>WaitForOperationsAsync</c> extensions with the converter from generated operation
/// models to poller snapshots, and the polling client's <c>INeonOperationSource</c> implementation.
/// </summary>
internal static class WaitingEmitter
{
    private const string ConverterName = "NeonOperationStateConverter";

    /// <summary>The body of the extension on the call, after its null check: the same for every response type.</summary>
    private static readonly string[] AwaitCallThenWait =
    {
        "var response = await call.ConfigureAwait(false);",
        "return await WaitForOperationsAsync(response, operations, waitOptions, cancellationToken).ConfigureAwait(false);",
    };

    /// <summary>The <c>NeonOperationWaitingExtensions.g.cs</c> file: two extensions per response type, then the converter.</summary>
    public static string Emit(WaitingModel model) => File(model.Namespace, w =>
    {
        w.Line("/// <summary>");
        w.Line("/// Waits for the Neon operations that an API call started: <c>await client.Branch.CreateProjectBranchAsync(...).WaitForOperationsAsync(client.Operation)</c>");
        w.Line("/// returns the call's response once every operation in it has finished.");
        w.Line("/// </summary>");
        w.Line(GeneratedCodeAttribute);
        w.Line("public static partial class NeonOperationWaitingExtensions");
        using (w.Block())
        {
            w.Separated(model.Responses, (writer, response) => WriteExtensionPair(writer, response, Converter(model.Namespace)));
        }

        w.Line();
        w.Line("/// <summary>Reads generated operation models into poller snapshots.</summary>");
        w.Line(GeneratedCodeAttribute);
        w.Line($"internal static class {ConverterName}");
        using (w.Block())
        {
            w.Separated(model.Elements, WriteConverter);
        }
    });

    /// <summary>The <c>{Type}.OperationSource.g.cs</c> file: the polling endpoint's client reads one operation's state.</summary>
    public static string EmitOperationSource(ClientTypeModel model, OperationSourceModel source) =>
        PartialClass(model, $" : {Operations}.INeonOperationSource", w =>
        {
            var polling = source.Polling;
            w.Line("/// <inheritdoc/>");
            w.Line(GeneratedCodeAttribute);
            w.Line($"async {Task}<{Operations}.NeonOperationState> {Operations}.INeonOperationSource.GetOperationStateAsync(string projectId, string operationId, {CancellationToken} cancellationToken)");
            using (w.Block())
            {
                var token = polling.CancellationTokenParameter is null ? string.Empty : $", {polling.CancellationTokenParameter}: cancellationToken";
                w.Line($"var response = await {source.MethodName}({polling.ProjectIdParameter}: projectId, {polling.OperationIdParameter}: operationId{token}).ConfigureAwait(false);");
                w.Line($"return {Converter(model.Namespace)}.ToState(response.{polling.OperationProperty});");
            }
        });

    /// <summary>The extension on the call (<c>Task&lt;TResponse&gt;</c>) and the one on the response it returns.</summary>
    private static void WriteExtensionPair(SourceWriter w, OperationsResponseModel response, string converter)
    {
        var operations = $"<c>{response.OperationsProperty}</c>";
        WriteExtension(w, response, new Extension(
            Receiver: "call",
            ReceiverType: $"{Task}<{response.ResponseType}>",
            Summary: $"Awaits the call, then waits until every operation in its {operations} has finished, polling them through",
            SummaryEnd: string.Empty,
            ReceiverDoc: "The API call that returns the operations.",
            Returns: "The call's response, once every operation has finished.",
            Body: AwaitCallThenWait));
        w.Line();
        WriteExtension(w, response, new Extension(
            Receiver: "response",
            ReceiverType: response.ResponseType,
            Summary: $"Waits until every operation in the response's {operations} has finished, polling them through",
            SummaryEnd: " Operations already final cost no request.",
            ReceiverDoc: "The response that holds the operations.",
            Returns: "The same response, once every operation has finished.",
            Body: new[]
            {
                $"await {Operations}.NeonOperationWaiter.WaitAsync({converter}.ToStates(response.{response.OperationsProperty}), operations, waitOptions, cancellationToken).ConfigureAwait(false);",
                "return response;",
            }));
    }

    /// <summary>
    /// The converter's full name. The waiting file declares it in the polling client's namespace, where the operation
    /// source (that client) also lives; qualified, it cannot bind to a member of the same name in a nearer scope.
    /// </summary>
    private static string Converter(string @namespace) =>
        "global::" + (@namespace.Length == 0 ? string.Empty : @namespace + ".") + ConverterName;

    /// <summary>One <c>WaitForOperationsAsync</c> extension: the documentation, the signature, the null check of the receiver, the body.</summary>
    private static void WriteExtension(SourceWriter w, OperationsResponseModel response, Extension extension)
    {
        w.Line("/// <summary>");
        w.Line($"/// {extension.Summary}");
        w.Line($"/// <paramref name=\"operations\"/> (the client's operation client).{extension.SummaryEnd}");
        w.Line("/// </summary>");
        w.Line($"/// <param name=\"{extension.Receiver}\">{extension.ReceiverDoc}</param>");
        w.Line("/// <param name=\"operations\">Reads operations; the generated operation client implements it.</param>");
        w.Line("/// <param name=\"waitOptions\">Deadline and poll delays; <see langword=\"null\"/> for the defaults (300 s).</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the waiting.</param>");
        w.Line($"/// <returns>{extension.Returns}</returns>");
        w.Line($"/// <exception cref=\"{Operations}.NeonOperationFailedException\">An operation failed, errored or was cancelled.</exception>");
        w.Line($"/// <exception cref=\"{Operations}.NeonOperationTimeoutException\">Some operations were unfinished at the deadline.</exception>");
        w.Line($"public static async {Task}<{response.ResponseType}> WaitForOperationsAsync(this {extension.ReceiverType} {extension.Receiver}, " +
            $"{Operations}.INeonOperationSource operations, {Operations}.NeonWaitOptions? waitOptions = null, {CancellationToken} cancellationToken = default)");
        using (w.Block())
        {
            w.Line($"if ({extension.Receiver} is null)");
            using (w.Block())
            {
                w.Line($"throw new global::System.ArgumentNullException(nameof({extension.Receiver}));");
            }

            w.Line();
            foreach (var line in extension.Body)
            {
                w.Line(line);
            }
        }
    }

    private static void WriteConverter(SourceWriter w, OperationElementModel element)
    {
        var type = element.Type.EndsWith("?", System.StringComparison.Ordinal) ? element.Type : element.Type + "?";
        var state = $"{Operations}.NeonOperationState";
        w.Line("/// <summary>Reads operations into snapshots; <see langword=\"null\"/> reads as none.</summary>");
        w.Line($"internal static global::System.Collections.Generic.IEnumerable<{state}> ToStates(global::System.Collections.Generic.IEnumerable<{type}>? operations) =>");
        w.Line($"    operations is null ? global::System.Array.Empty<{state}>() : global::System.Linq.Enumerable.ToList(global::System.Linq.Enumerable.Select(operations, ToState));");
        w.Line();
        w.Line("/// <summary>Reads one operation into a snapshot.</summary>");
        w.Line($"internal static {state} ToState({type} operation)");
        using (w.Block())
        {
            w.Line("if (operation is null)");
            using (w.Block())
            {
                w.Line("throw new global::System.InvalidOperationException(\"The Neon API returned no operation where one was expected.\");");
            }

            w.Line();
            w.Line($"return new {state}({element.IdExpression}, {element.ProjectIdExpression}, {element.ActionExpression}, {element.StatusExpression}, {element.ErrorExpression});");
        }
    }

    /// <summary>What differs between the two extensions: what they extend, their documentation, and how they get to the response.</summary>
    private readonly record struct Extension(
        string Receiver,
        string ReceiverType,
        string Summary,
        string SummaryEnd,
        string ReceiverDoc,
        string Returns,
        IReadOnlyList<string> Body);
}
