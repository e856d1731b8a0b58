using System.Linq;
using Neon.Api.Generators.Tests.Infrastructure;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.OperationSpecific;

/// <summary>
/// The [Obsolete] messages of named deprecated operations of the real client: a legacy Neon Auth operation names its
/// branch-level replacement, and an operation deprecated without replacement says so with Neon's reason.
/// </summary>
[TestFixture]
[OperationSpecific("listNeonAuthOauthProviders", "listBranchNeonAuthOauthProviders", "transferProjectsFromUserToOrg")]
public sealed class DeprecationMessageTests
{
    [Test]
    public void A_legacy_auth_operation_names_its_replacement_method()
    {
        RequireDeprecated("listNeonAuthOauthProviders");
        var run = GeneratorHarness.Run(RealLibrary.Compilation);
        var text = run.Files["Neon.Api.AuthLegacyClient.Deprecation.g.cs"];

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("use the operation"));
            Assert.That(text, Does.Contain("ListNeonAuthOauthProvidersAsync").And.Contain("ListBranchNeonAuthOauthProvidersAsync instead."));
        });
    }

    [Test]
    public void An_operation_without_replacement_gives_Neon_s_reason()
    {
        RequireDeprecated("transferProjectsFromUserToOrg");
        var run = GeneratorHarness.Run(RealLibrary.Compilation);

        Assert.That(run.Files["Neon.Api.UsersClient.Deprecation.g.cs"], Does.Contain("DiagnosticId = \"NEON0002\"").And.Contain("it has no replacement: Personal accounts"));
    }

    private static void RequireDeprecated(string operationId)
    {
        if (!SpecFacts.Operations.Any(o => o.OperationId == operationId && o.Deprecated))
        {
            Assert.Fail($"{operationId} is not deprecated in the vendored spec ({VendoredSpec.Version}); this test is about its deprecation.");
        }
    }
}
