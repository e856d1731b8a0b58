using System.Linq;
using Neon.Api.SpecUpdate.Diff;
using Neon.Api.SpecUpdate.Specs;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>The diff of the two hand-written specs, category by category.</summary>
public class SpecDiffTests
{
    private static SpecChanges Changes() => SpecDiff.Compare(SpecModel.Parse(TestSpecs.Before), SpecModel.Parse(TestSpecs.After));

    private static FieldChange? Find(string operationId, string field) =>
        Changes().Fields.SingleOrDefault(f => f.OperationId == operationId && f.Field == field);

    [Test]
    public void Operations_added_removed_deprecated_and_moved_are_found()
    {
        var changes = Changes();

        Assert.Multiple(() =>
        {
            Assert.That(changes.Added.Select(o => o.OperationId), Is.EqualTo(new[] { "listBranches" }));
            Assert.That(changes.Removed.Select(o => o.OperationId), Is.EqualTo(new[] { "getLegacy" }));
            Assert.That(changes.NewlyDeprecated.Select(o => o.OperationId), Is.EqualTo(new[] { "getAuth" }));
            Assert.That(changes.NoLongerDeprecated, Is.Empty);
            Assert.That(changes.Moved, Is.EqualTo(new[] { new TagMove("getAuth", "Auth", "Auth (legacy)") }));
        });
    }

    [Test]
    public void Parameters_added_removed_and_retyped_are_found_through_refs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Find("listProjects", "parameter query limit"), Is.EqualTo(new FieldChange(
                "listProjects", "parameter query limit", FieldChangeKind.Retyped, new FieldShape("integer(int32)", false), new FieldShape("integer(int64)", false), Breaking: true)));
            Assert.That(Find("listProjects", "parameter query search")?.Kind, Is.EqualTo(FieldChangeKind.Removed));
            Assert.That(Find("listProjects", "parameter query search")?.Breaking, Is.True);
            Assert.That(Find("listProjects", "parameter query org_id")?.Kind, Is.EqualTo(FieldChangeKind.Added));
            Assert.That(Find("listProjects", "parameter query org_id")?.Breaking, Is.True, "a new required parameter breaks calls written before it");
        });
    }

    [Test]
    public void Response_fields_are_named_by_json_path_and_compared()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Find("listProjects", "response 200 $.projects[*].name")?.Kind, Is.EqualTo(FieldChangeKind.Removed));
            Assert.That(Find("createProject", "response 201 $.name")?.Kind, Is.EqualTo(FieldChangeKind.Removed), "the same schema behind a components/responses $ref");
            var retyped = Find("listProjects", "response 200 $.projects[*].quota.active_time");
            Assert.That(retyped?.Kind, Is.EqualTo(FieldChangeKind.Retyped));
            Assert.That((retyped?.Before?.Type, retyped?.After?.Type), Is.EqualTo(("integer(int64)", "number")));
            var added = Find("listProjects", "response 200 $.projects[*].owner");
            Assert.That(added?.Kind, Is.EqualTo(FieldChangeKind.Added));
            Assert.That(added?.Breaking, Is.False, "a new response field is compatible");
            Assert.That(Find("listProjects", "response 200 $.projects[*].owner.email"), Is.Null, "a new subtree is listed once, at its top");
        });
    }

    [Test]
    public void Request_fields_inside_allOf_are_compared_and_new_requirements_are_breaking()
    {
        Assert.Multiple(() =>
        {
            var added = Find("createProject", "request $.project.pg_version");
            Assert.That(added?.Kind, Is.EqualTo(FieldChangeKind.Added));
            Assert.That(added?.Breaking, Is.False, "an optional request field is compatible");
            var required = Find("createProject", "request $.project.region_id");
            Assert.That(required?.Kind, Is.EqualTo(FieldChangeKind.NowRequired));
            Assert.That(required?.Breaking, Is.True);
            Assert.That(Find("createProject", "request $.project.name"), Is.Null, "a field from the allOf's $ref part is unchanged");
        });
    }

    [Test]
    public void Operations_without_changes_and_the_new_or_removed_ones_have_no_field_entries()
    {
        var operations = Changes().Fields.Select(f => f.OperationId).Distinct().Order().ToList();

        Assert.That(operations, Is.EqualTo(new[] { "createProject", "listProjects" }));
    }

    [Test]
    public void Only_removed_retyped_and_newly_required_fields_are_breaking()
    {
        var breaking = Changes().BreakingFields.Select(f => $"{f.OperationId} {f.Field} {f.Kind}").Order().ToList();

        Assert.That(breaking, Is.EqualTo(new[]
        {
            "createProject request $.project.region_id NowRequired",
            "createProject response 201 $.name Removed",
            "createProject response 201 $.quota.active_time Retyped",
            "listProjects parameter query limit Retyped",
            "listProjects parameter query org_id Added",
            "listProjects parameter query search Removed",
            "listProjects response 200 $.projects[*].name Removed",
            "listProjects response 200 $.projects[*].quota.active_time Retyped",
        }));
    }

    [Test]
    public void Identical_specs_have_no_changes()
    {
        var changes = SpecDiff.Compare(SpecModel.Parse(TestSpecs.Before), SpecModel.Parse(TestSpecs.Before));

        Assert.That(changes.Added.Count + changes.Removed.Count + changes.NewlyDeprecated.Count + changes.Moved.Count + changes.Fields.Count, Is.Zero);
    }

    [Test]
    public void First_tags_map_every_operation_to_its_group()
    {
        var tags = SpecModel.Parse(TestSpecs.After).FirstTags();

        Assert.That(tags, Is.EqualTo(new System.Collections.Generic.SortedDictionary<string, string>
        {
            ["createProject"] = "Project",
            ["deleteProject"] = "Project",
            ["getAuth"] = "Auth (legacy)",
            ["listBranches"] = "Branch",
            ["listProjects"] = "Project",
        }));
    }
}
