using Neon.Api.Generators.Models;
using static Neon.Api.Generators.Emitters.GeneratedSource;

namespace Neon.Api.Generators.Emitters;

/// <summary>Emits the <c>[Obsolete]</c> defining declarations of one raw client class's deprecated partial methods.</summary>
internal static class DeprecationEmitter
{
    /// <summary>The <c>{Type}.Deprecation.g.cs</c> file: one defining declaration per deprecated method of the class.</summary>
    public static string Emit(ClientTypeModel model) =>
        PartialClass(model, w => w.Separated(model.Deprecations, WriteDeprecation));

    private static void WriteDeprecation(SourceWriter w, DeprecationModel deprecation)
    {
        w.Line($"/// <summary>{Xml(deprecation.Message)}</summary>");
        WriteObsolete(w, deprecation);
        w.Line($"{deprecation.Modifiers} partial {deprecation.ReturnType} {deprecation.MethodName}({Parameters(deprecation.Parameters)});");
    }

    private static void WriteObsolete(SourceWriter w, DeprecationModel deprecation)
    {
        var message = Literal(deprecation.Message);

        // ObsoleteAttribute.DiagnosticId and UrlFormat exist from .NET 5 on; older targets get the message alone.
        w.Directive("#if NET5_0_OR_GREATER");
        w.Line($"[global::System.Obsolete({message}, DiagnosticId = \"{deprecation.DiagnosticId}\", UrlFormat = {Literal(deprecation.HelpUrl)})]");
        w.Directive("#else");
        w.Line($"[global::System.Obsolete({message})]");
        w.Directive("#endif");
    }
}
