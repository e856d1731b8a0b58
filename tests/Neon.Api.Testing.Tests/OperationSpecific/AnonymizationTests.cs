using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;
using static Neon.Api.Testing.Tests.OperationSpecific.BranchFeatureRouteTests;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Anonymized branches: a branch with masking rules, anonymized by runs that move on the clock.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("createProjectBranchAnonymized", "getAnonymizedBranchStatus", "startAnonymization", "getMaskingRules", "updateMaskingRules")]
public sealed class AnonymizationTests : ProjectTest
{
    public AnonymizationTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task An_anonymized_branch_is_created_with_its_rules_and_anonymized_when_asked()
    {

        var anonymized = await Api.ExpectAsync(201, "createProjectBranchAnonymized", $"{P}/branch_anonymized", new JsonObject
        {
            ["branch_create"] = new JsonObject { ["branch"] = new JsonObject { ["name"] = "masked" } },
            ["masking_rules"] = new JsonArray(MaskingRule("email", "anon.fake_email()"), MaskingRule("phone", null)),
            ["start_anonymization"] = true,
        });
        Assert.That(((string?)anonymized["branch"]!["name"], (string?)anonymized["branch"]!["parent_id"]), Is.EqualTo(("masked", Main)));
        Assert.That(anonymized["databases"]!.AsArray().Select(d => (string?)d!["name"]), Is.EqualTo(new[] { "neondb" }));
        var a = $"{P}/branches/{Id(anonymized, "branch")}";

        Assert.That(await StateAsync(a), Is.EqualTo("created"));
        Clock.Advance(OperationDuration);
        Assert.That(await StateAsync(a), Is.EqualTo("anonymizing"), "start_anonymization runs once the branch is ready");
        Clock.Advance(OperationDuration);
        var status = await Api.ExpectAsync(200, "getAnonymizedBranchStatus", $"{a}/anonymized_status");
        Assert.That(((string?)status["state"], (int?)status["last_run"]!["masked_columns"]), Is.EqualTo(("anonymized", 2)));

        var rules = await Api.ExpectAsync(200, "updateMaskingRules", $"{a}/masking_rules", new JsonObject { ["masking_rules"] = new JsonArray(MaskingRule("email", null)) });
        Assert.That(rules["masking_rules"]!.AsArray().Select(r => (string?)r!["column_name"]), Is.EqualTo(new[] { "email" }), "the update replaces all rules");
        await Api.ExpectAsync(200, "startAnonymization", $"{a}/anonymize");
        Assert.That(await StateAsync(a), Is.EqualTo("anonymizing"));
        var busy = await Api.CallAsync("startAnonymization", $"{a}/anonymize");
        Assert.That((busy.Status, busy.Message), Is.EqualTo((409, "anonymization cannot start in state 'anonymizing' (only initialized or anonymized)")));
    }

    [Test]
    public async Task Rules_must_name_a_database_of_the_branch_and_only_anonymized_branches_have_them()
    {
        var anonymized = await Api.ExpectAsync(201, "createProjectBranchAnonymized", $"{P}/branch_anonymized", null);
        FinishOperations();
        var a = $"{P}/branches/{Id(anonymized, "branch")}";
        Assert.That(await StateAsync(a), Is.EqualTo("initialized"));
        Assert.That((await Api.ExpectAsync(200, "getMaskingRules", $"{a}/masking_rules"))["masking_rules"]!.AsArray(), Is.Empty);

        var rule = MaskingRule("email", null);
        rule["database_name"] = "other";
        var unknown = await Api.CallAsync("updateMaskingRules", $"{a}/masking_rules", new JsonObject { ["masking_rules"] = new JsonArray(rule.DeepClone()) });
        Assert.That((unknown.Status, unknown.Message), Is.EqualTo((400, $"masking rule names database \"other\", which branch {Id(anonymized, "branch")} does not have")));
        rule.Remove("column_name");
        var missing = await Api.CallAsync("updateMaskingRules", $"{a}/masking_rules", new JsonObject { ["masking_rules"] = new JsonArray(rule.DeepClone()) });
        Assert.That(missing.Message, Is.EqualTo("missing required field 'masking_rules[0].column_name'"));

        var plain = await Api.CallAsync("getMaskingRules", $"{B}/masking_rules");
        Assert.That(plain.Status, Is.EqualTo(400));
        Assert.That(plain.Message, Does.Contain("is not an anonymized branch"));
    }

    [Test]
    public async Task A_failed_creation_is_an_initialization_error_that_cannot_be_anonymized()
    {
        Options.FailNextOperations = 1;
        var anonymized = await Api.ExpectAsync(201, "createProjectBranchAnonymized", $"{P}/branch_anonymized", new JsonObject { ["start_anonymization"] = true });
        FinishOperations();
        var a = $"{P}/branches/{Id(anonymized, "branch")}";

        var status = await Api.ExpectAsync(200, "getAnonymizedBranchStatus", $"{a}/anonymized_status");
        Assert.That(((string?)status["state"], status["last_run"]), Is.EqualTo(("initialization_error", (JsonNode?)null)));
        Assert.That((string?)status["failed_at"], Is.Not.Null.And.EqualTo((string?)status["updated_at"]));
        var refused = await Api.CallAsync("startAnonymization", $"{a}/anonymize");
        Assert.That((refused.Status, refused.Message), Is.EqualTo((409, "anonymization cannot start in state 'initialization_error' (only initialized or anonymized)")));
    }

    private async Task<string?> StateAsync(string branch) =>
        (string?)(await Api.ExpectAsync(200, "getAnonymizedBranchStatus", $"{branch}/anonymized_status"))["state"];
}
