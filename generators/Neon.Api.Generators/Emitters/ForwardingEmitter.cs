using System.Linq;
using Neon.Api.Generators.Models;
using static Neon.Api.Generators.Emitters.GeneratedSource;

namespace Neon.Api.Generators.Emitters;

/// <summary>
/// Emits the forwarding members of one old group: each keeps the signature of the operation it stands for, is
/// <c>[Obsolete]</c> naming the new place, and calls the new group over the same pipeline. When the old group no
/// longer exists, the file also declares it and its obsolete <c>NeonClient</c> property.
/// </summary>
internal static class ForwardingEmitter
{
    private const string EntryPoint = "NeonClient";

    /// <summary>The help link of a generated class and its property: the README section on forwarding (no single operation applies).</summary>
    private const string ReadmeLink = Diagnostics.DiagnosticDescriptors.HelpLink;

    /// <summary>The <c>{Type}.Forwarding.g.cs</c> file.</summary>
    public static string Emit(ForwardingGroupModel model) => File(model.Namespace, w =>
    {
        if (model.NewClass is { } newClass)
        {
            WriteNewClassHeader(w, model, newClass);
        }
        else
        {
            w.Line($"partial class {model.TypeName}");
        }

        using (w.Block())
        {
            if (model.NewClass is { } created)
            {
                WriteConstructors(w, model, created);
                w.Line();
            }

            w.Separated(model.Members, (writer, member) => WriteMember(writer, model, member));
        }

        if (model.NewClass is { } generated)
        {
            w.Line();
            WriteClientProperty(w, model, generated);
        }
    });

    private static void WriteNewClassHeader(SourceWriter w, ForwardingGroupModel model, ForwardingClassModel newClass)
    {
        w.Line("/// <summary>");
        w.Line($"/// The operations Neon's spec {Xml(model.PreviousSpec)} tagged <c>{Xml(model.PreviousTag)}</c>. The current spec has no such tag: this class");
        w.Line("/// is kept so that code written against the previous spec compiles, and each member forwards to the operation's new group.");
        w.Line("/// </summary>");
        WriteObsolete(w, newClass.Message, ReadmeLink);
        w.Line(GeneratedCodeAttribute);
        w.Line($"public partial class {model.TypeName} : {newClass.BaseType}");
    }

    private static void WriteConstructors(SourceWriter w, ForwardingGroupModel model, ForwardingClassModel newClass)
    {
        w.Line($"internal {model.TypeName}({newClass.PipelineType} pipeline)");
        w.Line("    : base(pipeline)");
        using (w.Block())
        {
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// For mocking frameworks only: an instance made this way has no pipeline, so every member that is not");
        w.Line("/// overridden throws <see cref=\"global::System.InvalidOperationException\"/>.");
        w.Line("/// </summary>");
        w.Line($"protected {model.TypeName}()");
        using (w.Block())
        {
        }
    }

    private static void WriteMember(SourceWriter w, ForwardingGroupModel model, ForwardingMemberModel member)
    {
        var kind = member.IsListing ? "listing of" : "operation";
        w.Line("/// <summary>");
        w.Line($"/// {Xml(member.Message)}");
        w.Line($"/// Forwards to it: the {kind} <c>{member.OperationId}</c> (<c>{Xml(member.Route)}</c>) was tagged <c>{Xml(model.PreviousTag)}</c> in");
        w.Line($"/// Neon's spec {Xml(model.PreviousSpec)} and is tagged <c>{Xml(member.NewTag)}</c> now.");
        w.Line("/// </summary>");
        if (member.TargetDeprecation is { } deprecation)
        {
            w.Line($"/// <remarks>Neon also deprecates the operation. {Xml(deprecation)}</remarks>");
        }

        foreach (var parameter in member.Parameters)
        {
            w.Line($"/// <param name=\"{parameter.Name.TrimStart('@')}\">Passed on to <c>{Xml(member.NewPlace)}</c>.</param>");
        }

        w.Line($"/// <returns>What <c>{Xml(member.NewPlace)}</c> returns.</returns>");
        WriteObsolete(w, member.Message, member.HelpUrl);
        w.Line(GeneratedCodeAttribute);
        w.Line($"public virtual {member.ReturnType} {member.MethodName}({Parameters(member.Parameters)}) =>");
        var arguments = string.Join(", ", member.Parameters.Select(p => $"{p.Name}: {p.Name}"));

        // A new group over this group's pipeline: the same connection, options, deadline view and project queue.
        w.Line($"    new {member.TargetType}(this.Pipeline).{member.MethodName}({arguments});");
    }

    private static void WriteClientProperty(SourceWriter w, ForwardingGroupModel model, ForwardingClassModel newClass)
    {
        var field = "__forwarding" + newClass.PropertyName;
        var type = "global::" + model.FullName;
        w.Line($"partial class {EntryPoint}");
        using (w.Block())
        {
            // The field names the obsolete class, so it is obsolete too (a use inside an obsolete member draws no warning).
            WriteObsolete(w, newClass.Message, ReadmeLink);
            w.Line($"private {type}? {field};");
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// The operations Neon's spec {Xml(model.PreviousSpec)} tagged <c>{Xml(model.PreviousTag)}</c>, kept so that code written against it compiles;");
            w.Line("/// each member forwards to the operation's new group.");
            w.Line("/// </summary>");
            WriteObsolete(w, newClass.Message, ReadmeLink);
            w.Line(GeneratedCodeAttribute);
            w.Line($"public virtual {type} {newClass.PropertyName} =>");
            w.Line($"    {field} ?? global::System.Threading.Interlocked.CompareExchange(ref {field}, new {type}(this.Pipeline), null) ?? {field}!;");
        }
    }

    private static void WriteObsolete(SourceWriter w, string message, string helpUrl)
    {
        var literal = Literal(message);
        var url = $", UrlFormat = {Literal(helpUrl)}";

        // ObsoleteAttribute.DiagnosticId and UrlFormat exist from .NET 5 on; older targets get the message alone.
        w.Directive("#if NET5_0_OR_GREATER");
        w.Line($"[global::System.Obsolete({literal}, DiagnosticId = \"{Diagnostics.DiagnosticDescriptors.MovedObsoleteId}\"{url})]");
        w.Directive("#else");
        w.Line($"[global::System.Obsolete({literal})]");
        w.Directive("#endif");
    }
}
