using System.Linq;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>
/// How a deprecated operation's [Obsolete] message finds its replacement: the operationId the spec normalizer resolved
/// (<c>ReplacementOperationId</c>), else the wordings Neon uses in the text; one that names nothing the client has says
/// so, with a warning.
/// </summary>
public sealed class ReplacementTests
{
    private const string Source = """
        #nullable enable
        namespace Neon.Api
        {
            using System.Threading;
            using System.Threading.Tasks;

            public partial class ThingClient
            {
                [global::Neon.Api.NeonOperation("listThings", "GET", "/things", "Thing")]
                public virtual Task<Thing> ListThingsAsync(CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("archiveThing", "POST", "/things/{id}/archive", "Thing")]
                public virtual Task<Thing> ArchiveThingAsync(string id, CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("byId", "GET", "/by-id", "Thing", Deprecated = true, DeprecationText = "Deprecated in favour of the new listing.", ReplacementOperationId = "listThings")]
                public virtual partial Task<Thing> ByIdAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("byMethodAndPath", "GET", "/by-method", "Thing", Deprecated = true, DeprecationText = "**Deprecated.** Use `GET /things`")]
                public virtual partial Task<Thing> ByMethodAndPathAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("byPathElsewhere", "GET", "/by-path", "Thing", Deprecated = true, DeprecationText = "DEPRECATED, use `/things/{id}/archive` instead.")]
                public virtual partial Task<Thing> ByPathElsewhereAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("unknownId", "GET", "/unknown-id", "Thing", Deprecated = true, DeprecationText = "Use the new one.", ReplacementOperationId = "listGone")]
                public virtual partial Task<Thing> UnknownIdAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("unknownPath", "GET", "/unknown-path", "Thing", Deprecated = true, DeprecationText = "Use `DELETE /things`.")]
                public virtual partial Task<Thing> UnknownPathAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();

                [global::Neon.Api.NeonOperation("noReplacement", "GET", "/none", "Thing", Deprecated = true, DeprecationText = "DEPRECATED. Not needed any more.")]
                public virtual partial Task<Thing> NoReplacementAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();
            }

            public class Thing
            {
            }
        }
        """;

    private static readonly System.Lazy<GeneratorHarness.GeneratorRun> Generated = new(() =>
        GeneratorHarness.Run(GeneratorHarness.Library(null, ("Inputs/Things.cs", Source))));

    private static string Obsolete(string method)
    {
        var text = Generated.Value.Files["Neon.Api.ThingClient.Deprecation.g.cs"];
        var line = text.Split('\n').Select(l => l.Trim()).TakeWhile(l => !l.Contains($" {method}(", System.StringComparison.Ordinal))
            .Last(l => l.StartsWith("[global::System.Obsolete(", System.StringComparison.Ordinal));
        return line;
    }

    [TestCase("ByIdAsync", "Deprecated by Neon: use ThingClient.ListThingsAsync instead.", TestName = "The operationId the normalizer resolved")]
    [TestCase("ByMethodAndPathAsync", "Deprecated by Neon: use ThingClient.ListThingsAsync instead.", TestName = "A quoted method and path after 'Use'")]
    [TestCase("ByPathElsewhereAsync", "Deprecated by Neon: use ThingClient.ArchiveThingAsync instead.", TestName = "A quoted path whose only operation has another method")]
    [TestCase("UnknownIdAsync", "Deprecated by Neon: Neon names the operation listGone as its replacement, which this client does not have.", TestName = "An operationId the client lacks is said so")]
    [TestCase("UnknownPathAsync", "Deprecated by Neon: Neon names DELETE /things as its replacement, which this client does not have.", TestName = "A method and path the client lacks is said so")]
    [TestCase("NoReplacementAsync", "Deprecated by Neon; it has no replacement: Not needed any more.", TestName = "No replacement named: Neon's reason")]
    public void The_message_names_the_replacement(string method, string message) =>
        Assert.That(Obsolete(method), Does.StartWith($"[global::System.Obsolete(\"{message}\""));

    [Test]
    public void Each_unresolvable_replacement_draws_a_warning()
    {
        var warnings = Generated.Value.GeneratorDiagnostics.Where(d => d.Id == "NEON1003")
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings, Has.One.Contains("'unknownId' names the operation listGone as its replacement"));
        Assert.That(warnings, Has.One.Contains("'unknownPath' names DELETE /things as its replacement"));
    }
}
