using Neon.Api.SpecUpdate.Diff;
using Neon.Api.SpecUpdate.Reporting;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>Breaking changes land in CHANGELOG.md under [Unreleased], Changed (breaking), once per spec version.</summary>
public class ChangelogTests
{
    private const string Changelog = """
        # Changelog

        ## [Unreleased]

        ### Added
        - Something.

        ### Changed
        - Something else.

        ### Fixed
        - A bug.

        ## [0.1.0] - 2026-01-01

        ### Changed (breaking)
        - An old entry.

        """;

    private static UpdateReport Breaking() => ReportTests.Report(
        TestSpecs.Before,
        TestSpecs.After,
        [new ApiScopeChange("Neon.Api", [], ["Neon.Api.LegacyClient", "Neon.Api.LegacyClient.GetLegacyAsync() -> void", "virtual Neon.Api.ProjectClient.ListProjectsAsync(int? limit) -> void", "virtual Neon.Api.ProjectClient.ListProjectsAsync(int? limit, string? search) -> void"])]);

    [Test]
    public void The_entry_names_the_version_and_every_breaking_change()
    {
        var entry = Reporting.Changelog.Entry(Breaking());

        Assert.That(entry, Is.EqualTo(
            "- Neon API spec 1.1.0 (from 1.0.0, `dotnet cake --target=UpdateSpec`): Removed operations: `getLegacy`. "
            + "Removed fields: `createProject` response 201 `$.name`; `listProjects` parameter query `search`, response 200 `$.projects[*].name`. "
            + "Retyped fields: `createProject` response 201 `$.quota.active_time` (integer(int64) → number); "
            + "`listProjects` parameter query `limit` (integer(int32) → integer(int64)), response 200 `$.projects[*].quota.active_time` (integer(int64) → number). "
            + "Inputs now required: `createProject` request `$.project.region_id`. "
            + "New required inputs: `listProjects` parameter query `org_id`. "
            + "Public API removed (4 baseline lines): types `Neon.Api.LegacyClient`; members `Neon.Api.ProjectClient.ListProjectsAsync(...)`."));
    }

    [Test]
    public void A_missing_breaking_section_is_added_after_Changed_in_Unreleased()
    {
        var updated = Reporting.Changelog.Apply(Changelog, Breaking());

        Assert.That(updated, Does.Contain("### Changed\n- Something else.\n\n### Changed (breaking)\n\n- Neon API spec 1.1.0 (from 1.0.0"));
        Assert.That(updated, Does.Contain(".\n\n### Fixed\n- A bug.\n\n## [0.1.0] - 2026-01-01\n\n### Changed (breaking)\n- An old entry.\n"));
    }

    [Test]
    public void An_existing_section_gets_the_entry_at_its_end_and_a_rerun_replaces_it()
    {
        var withSection = Changelog.Replace("### Fixed", "### Changed (breaking)\n- Earlier.\n\n### Fixed");

        var once = Reporting.Changelog.Apply(withSection, Breaking());
        var twice = Reporting.Changelog.Apply(once, Breaking());

        Assert.That(once, Does.Contain("### Changed (breaking)\n- Earlier.\n- Neon API spec 1.1.0 (from 1.0.0"));
        Assert.That(twice, Is.EqualTo(once));
    }

    [Test]
    public void A_compatible_update_leaves_the_changelog_alone()
    {
        var report = ReportTests.Report(TestSpecs.Before, TestSpecs.Before);

        Assert.That(Reporting.Changelog.Apply(Changelog, report), Is.EqualTo(Changelog));
    }

    [Test]
    public void A_changelog_without_Unreleased_gets_one_above_the_first_release()
    {
        var updated = Reporting.Changelog.Apply("# Changelog\n\n## [0.1.0]\n- Old.\n", Breaking());

        Assert.That(updated, Does.StartWith("# Changelog\n\n## [Unreleased]\n\n### Changed (breaking)\n\n- Neon API spec 1.1.0"));
        Assert.That(updated, Does.EndWith("\n## [0.1.0]\n- Old.\n"));
    }

    [TestCase(false, TestName = "An_update_back_to_the_spec_an_unreleased_update_came_from_restores_the_changelog(new section)")]
    [TestCase(true, TestName = "An_update_back_to_the_spec_an_unreleased_update_came_from_restores_the_changelog(existing section)")]
    public void An_update_back_to_the_spec_an_unreleased_update_came_from_restores_the_changelog(bool existingSection)
    {
        var before = existingSection ? Changelog.Replace("### Fixed", "### Changed (breaking)\n- Earlier.\n\n### Fixed") : Changelog;
        var back = ReportTests.Report(TestSpecs.After, TestSpecs.Before, from: "1.1.0", to: "1.0.0");

        var there = Reporting.Changelog.Apply(before, Breaking());
        var andBack = Reporting.Changelog.Apply(there, back);

        Assert.That(back.Breaking, Is.True, "the way back removes an operation too; its entry is not added either");
        Assert.That(there, Is.Not.EqualTo(before));
        Assert.That(andBack, Is.EqualTo(before));
    }

    [Test]
    public void An_update_elsewhere_keeps_the_earlier_entry()
    {
        var there = Reporting.Changelog.Apply(Changelog, Breaking());
        var onward = ReportTests.Report(TestSpecs.After, TestSpecs.After, from: "1.1.0", to: "1.2.0");

        Assert.That(Reporting.Changelog.Apply(there, onward), Is.EqualTo(there), "1.1.0 to 1.2.0 breaks nothing: the 1.0.0 to 1.1.0 entry stays");
    }
}
