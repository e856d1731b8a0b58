using System.Collections.Generic;
using Neon.Api.Generators.Emitters;
using Neon.Api.Generators.Models;

namespace Neon.Api.Generators;

public sealed partial class NeonApiGenerator
{
    /// <summary>
    /// Which files the models become, and their hint names (<c>{Namespace.Type}.{Feature}.g.cs</c>). The C# of each
    /// output is written by its own pure emitter under <c>Emitters/</c>.
    /// </summary>
    internal static class Emitter
    {
        public static IEnumerable<(string HintName, string Source)> EmitClientType(ClientTypeModel model)
        {
            if (!model.Pageables.IsEmpty)
            {
                yield return ($"{model.FullName}.Pagination.g.cs", PaginationEmitter.Emit(model));
            }

            if (!model.Deprecations.IsEmpty)
            {
                yield return ($"{model.FullName}.Deprecation.g.cs", DeprecationEmitter.Emit(model));
            }

            if (model.OperationSource is not null)
            {
                yield return ($"{model.FullName}.OperationSource.g.cs", WaitingEmitter.EmitOperationSource(model, model.OperationSource));
            }
        }

        public static (string HintName, string Source) EmitForwarding(ForwardingGroupModel model) =>
            ($"{model.FullName}.Forwarding.g.cs", ForwardingEmitter.Emit(model));

        public static (string HintName, string Source) EmitWaiting(WaitingModel model) => (
            (model.Namespace.Length == 0 ? string.Empty : model.Namespace + ".") + "NeonOperationWaitingExtensions.g.cs",
            WaitingEmitter.Emit(model));
    }
}
