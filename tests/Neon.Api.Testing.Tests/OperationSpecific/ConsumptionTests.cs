using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>
/// Consumption history: synthetic numbers that follow the state over time (the clock starts at 2026-01-01T00:00:00Z),
/// the documented range and granularity rules, and the cursor pagination.
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("getConsumptionHistoryPerProject", "getConsumptionHistoryPerProjectV2", "getConsumptionHistoryPerBranchV2")]
public sealed class ConsumptionTests : AccountTest
{
    private const string Hours = "from=2025-12-31T23:00:00Z&to=2026-01-01T03:30:00Z&granularity=hourly";

    public ConsumptionTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task Hourly_history_counts_each_endpoint_s_seconds_since_creation_at_its_minimum_size()
    {
        var org = await DefaultOrgAsync();
        var project = await CreateProjectInAsync(org, "metered");
        ClockAt(TimeSpan.FromHours(3.5));

        var history = await Api.ExpectAsync(200, "getConsumptionHistoryPerProject", $"consumption_history/projects?{Hours}&org_id={org}");

        var entry = history["projects"]!.AsArray().Single()!;
        Assert.That((string?)entry["project_id"], Is.EqualTo(project));
        var periods = entry["periods"]!.AsArray();
        Assert.That(periods.Select(p => (string?)p!["period_start"]), Is.EqualTo(new[] { "2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z" }), "one billing period per month");
        Assert.That(periods[0]!["period_end"], Is.Not.Null, "December has ended");
        Assert.That(periods[1]!["period_end"], Is.Null, "January is the current period");
        var frames = periods.SelectMany(p => p!["consumption"]!.AsArray()).ToArray();
        Assert.That(frames.Select(f => (string?)f!["timeframe_start"]), Is.EqualTo(new[]
        {
            "2025-12-31T23:00:00Z", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z",
        }), "'to' rounds up to the hour; timeframes that have not begun are left out");
        Assert.That(frames.Select(f => (long?)f!["active_time_seconds"]), Is.EqualTo(new long?[] { 0, 3600, 3600, 3600, 1800 }));
        Assert.That(frames.Select(f => (long?)f!["compute_time_seconds"]), Is.EqualTo(new long?[] { 0, 900, 900, 900, 450 }), "0.25 CU");
        Assert.That((long?)frames[0]!["synthetic_storage_size_bytes"], Is.Zero, "nothing existed before the project");
        Assert.That((long?)frames[2]!["synthetic_storage_size_bytes"], Is.GreaterThan(0));
    }

    [Test]
    public async Task A_new_branch_adds_its_own_consumption_shown_per_branch()
    {
        var org = await DefaultOrgAsync();
        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = new JsonObject { ["org_id"] = org } });
        FinishOperations();
        var project = Id(created, "project");
        var main = Id(created, "branch");
        ClockAt(TimeSpan.FromHours(1));
        var child = await Api.ExpectAsync(201, "createProjectBranch", $"projects/{project}/branches", new JsonObject
        {
            ["branch"] = new JsonObject { ["parent_id"] = main },
            ["endpoints"] = new JsonArray(new JsonObject { ["type"] = "read_write" }),
        });
        var childId = Id(child, "branch");
        ClockAt(TimeSpan.FromHours(3));
        const string Range = "from=2026-01-01T00:00:00Z&to=2026-01-01T03:00:00Z&granularity=hourly";
        const string Metrics = "metrics=compute_unit_seconds,root_branch_bytes_month&metrics=child_branch_bytes_month";

        var perProject = await Api.ExpectAsync(200, "getConsumptionHistoryPerProjectV2", $"consumption_history/v2/projects?{Range}&org_id={org}&{Metrics}");
        var perBranch = await Api.ExpectAsync(200, "getConsumptionHistoryPerBranchV2", $"consumption_history/v2/branches?{Range}&org_id={org}&project_ids={project}&{Metrics}");

        long[] Values(JsonNode owner, string metric) => owner["periods"]!.AsArray()
            .SelectMany(p => p!["consumption"]!.AsArray())
            .Select(f => (long)f!["metrics"]!.AsArray().Single(m => (string?)m!["metric_name"] == metric)!["value"]!)
            .ToArray();
        var projectEntry = perProject["projects"]!.AsArray().Single()!;
        var branches = perBranch["branches"]!.AsArray().ToDictionary(b => (string)b!["branch_id"]!, b => b!);
        Assert.That(projectEntry["periods"]![0]!["consumption"]![0]!["metrics"]!.AsArray().Select(m => (string?)m!["metric_name"]),
            Is.EqualTo(new[] { "compute_unit_seconds", "root_branch_bytes_month", "child_branch_bytes_month" }), "the requested metrics, in order, given comma-separated and repeated");
        Assert.That(Values(projectEntry, "compute_unit_seconds"), Is.EqualTo(new long[] { 900, 1800, 1800 }), "the child's endpoint doubles the compute from its creation");
        Assert.That(branches.Keys, Is.EquivalentTo(new[] { main, childId }));
        Assert.That(Values(branches[main], "compute_unit_seconds"), Is.EqualTo(new long[] { 900, 900, 900 }));
        Assert.That(Values(branches[childId], "compute_unit_seconds"), Is.EqualTo(new long[] { 0, 900, 900 }));
        Assert.That(Values(branches[main], "child_branch_bytes_month"), Has.All.Zero);
        Assert.That(Values(branches[main], "root_branch_bytes_month"), Has.All.GreaterThan(0));
        Assert.That(Values(branches[childId], "root_branch_bytes_month"), Has.All.Zero);
        Assert.That(Values(branches[childId], "child_branch_bytes_month").Skip(1), Has.All.GreaterThan(0));
    }

    [Test]
    public async Task The_legacy_history_covers_personal_projects_without_org_id_and_answers_the_same_twice()
    {
        var org = await DefaultOrgAsync();
        var personal = await CreateProjectInAsync(null, "mine");
        await CreateProjectInAsync(org, "theirs");
        Clock.Advance(TimeSpan.FromDays(2));
        const string Days = "from=2025-12-30T10:30:00Z&to=2026-01-02T00:00:00Z&granularity=daily&metrics=logical_size_bytes";

        var first = await Api.CallAsync("getConsumptionHistoryPerProject", $"consumption_history/projects?{Days}");
        var second = await Api.CallAsync("getConsumptionHistoryPerProject", $"consumption_history/projects?{Days}");

        var entry = first.Body["projects"]!.AsArray().Single()!;
        Assert.That((string?)entry["project_id"], Is.EqualTo(personal));
        var frame = entry["periods"]!.AsArray().Last()!["consumption"]!.AsArray().Single()!;
        Assert.That((string?)entry["periods"]![0]!["consumption"]![0]!["timeframe_start"], Is.EqualTo("2025-12-30T00:00:00Z"), "'from' rounds down to the day");
        Assert.That((long?)frame["logical_size_bytes"], Is.GreaterThan(0), "a requested metric beside the four the schema requires");
        Assert.That((long?)frame["active_time_seconds"], Is.EqualTo(86400));
        Assert.That(second.Text, Is.EqualTo(first.Text), "the same state and query give the same answer, period ids included");
    }

    [Test]
    public async Task Projects_page_newest_first_and_filter_by_id_in_either_form()
    {
        var org = await DefaultOrgAsync();
        var ids = new string[5];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await CreateProjectInAsync(org, $"p{i}");
        }

        Clock.Advance(TimeSpan.FromHours(1));
        var query = $"consumption_history/v2/projects?{Hours}&org_id={org}&metrics=compute_unit_seconds";

        var first = await Api.ExpectAsync(200, "getConsumptionHistoryPerProjectV2", $"{query}&limit=3");
        var second = await Api.ExpectAsync(200, "getConsumptionHistoryPerProjectV2", $"{query}&limit=3&cursor={(string)first["pagination"]!["cursor"]!}");
        var filtered = await Api.ExpectAsync(200, "getConsumptionHistoryPerProjectV2", $"{query}&project_ids={ids[0]},{ids[2]}&project_ids={ids[4]}");
        var badCursor = await Api.CallAsync("getConsumptionHistoryPerProjectV2", $"{query}&cursor=nope");

        string[] Projects(JsonNode page) => page["projects"]!.AsArray().Select(p => (string)p!["project_id"]!).ToArray();
        Assert.That(Projects(first).Concat(Projects(second)), Is.EqualTo(ids.Reverse()));
        Assert.That((string?)first["pagination"]!["cursor"], Is.EqualTo(Projects(first)[^1]));
        Assert.That(Projects(second), Has.Length.EqualTo(2), "a short page ends the listing");
        Assert.That(Projects(filtered), Is.EqualTo(new[] { ids[4], ids[2], ids[0] }));
        Assert.That(badCursor.Status, Is.EqualTo(400), badCursor.ToString());
    }

    [Test]
    public async Task Branches_page_by_project_then_branch_id()
    {
        var org = await DefaultOrgAsync();
        var projects = new[] { await CreateProjectInAsync(org, "a"), await CreateProjectInAsync(org, "b") };
        var expected = new System.Collections.Generic.List<string>();
        foreach (var project in projects)
        {
            var main = Ids(await Api.ExpectAsync(200, "listProjectBranches", $"projects/{project}/branches"), "branches").Single();
            await Api.ExpectAsync(201, "createProjectBranch", $"projects/{project}/branches", new JsonObject { ["branch"] = new JsonObject { ["parent_id"] = main } });
            FinishOperations();
            expected.AddRange(Ids(await Api.ExpectAsync(200, "listProjectBranches", $"projects/{project}/branches"), "branches").Select(b => $"{project}/{b}"));
        }

        var query = $"consumption_history/v2/branches?{Hours}&org_id={org}&project_ids={projects[0]},{projects[1]}&metrics=compute_unit_seconds&limit=3";
        var first = await Api.ExpectAsync(200, "getConsumptionHistoryPerBranchV2", query);
        var second = await Api.ExpectAsync(200, "getConsumptionHistoryPerBranchV2", $"{query}&cursor={Uri.EscapeDataString((string)first["pagination"]!["cursor"]!)}");

        string[] Keys(JsonNode page) => page["branches"]!.AsArray().Select(b => $"{b!["project_id"]}/{b["branch_id"]}").ToArray();
        Assert.That(Keys(first).Concat(Keys(second)), Is.EqualTo(expected.Order(StringComparer.Ordinal)));
        Assert.That(Keys(second), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_range_reaching_into_the_future_ends_with_the_current_timeframe()
    {
        var org = await DefaultOrgAsync();
        await CreateProjectInAsync(org, "now");
        ClockAt(TimeSpan.FromHours(2.5));

        var history = await Api.ExpectAsync(200, "getConsumptionHistoryPerProjectV2",
            $"consumption_history/v2/projects?from=2026-01-01T00:00:00Z&to=9999-12-31T23:30:00Z&granularity=hourly&org_id={org}&metrics=compute_unit_seconds");

        var frames = history["projects"]![0]!["periods"]!.AsArray().SelectMany(p => p!["consumption"]!.AsArray()).ToArray();
        Assert.That(frames.Select(f => (string?)f!["timeframe_start"]), Is.EqualTo(new[] { "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z" }));
        Assert.That((string?)frames[^1]!["timeframe_end"], Is.EqualTo("2026-01-01T03:00:00Z"));
    }

    [TestCase("getConsumptionHistoryPerProject", "from=2026-01-01T00:00:00Z&to=2025-12-31T00:00:00Z&granularity=hourly", 400, "'from'")]
    [TestCase("getConsumptionHistoryPerProject", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=weekly", 400, "granularity")]
    [TestCase("getConsumptionHistoryPerProject", "to=2026-01-01T00:00:00Z&granularity=hourly", 400, "'from'")]
    [TestCase("getConsumptionHistoryPerProject", "from=yesterday&to=2026-01-01T00:00:00Z&granularity=hourly", 400, "RFC 3339")]
    [TestCase("getConsumptionHistoryPerProject", "from=2025-12-20T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly", 406, "168 hours")]
    [TestCase("getConsumptionHistoryPerProject", "from=2025-10-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=daily", 406, "60 days")]
    [TestCase("getConsumptionHistoryPerProject", "from=2024-01-01T00:00:00Z&to=2024-06-01T00:00:00Z&granularity=monthly", 406, "2024-03-01")]
    [TestCase("getConsumptionHistoryPerProject", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&metrics=cpu_seconds", 400, "cpu_seconds")]
    [TestCase("getConsumptionHistoryPerProject", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&org_id=org-none-00000000", 404, "org-none-00000000")]
    [TestCase("getConsumptionHistoryPerProjectV2", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&org_id={org}", 400, "metrics")]
    [TestCase("getConsumptionHistoryPerProjectV2", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&metrics=compute_unit_seconds", 400, "org_id")]
    [TestCase("getConsumptionHistoryPerProjectV2", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&org_id={org}&metrics=compute_unit_seconds&limit=101", 400, "limit")]
    [TestCase("getConsumptionHistoryPerBranchV2", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&org_id={org}&metrics=compute_unit_seconds", 400, "project_ids")]
    [TestCase("getConsumptionHistoryPerBranchV2", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&org_id={org}&project_ids={personal}&metrics=compute_unit_seconds", 404, "{personal}")]
    [TestCase("getConsumptionHistoryPerBranchV2", "from=2025-12-31T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hourly&org_id={org}&project_ids={personal}&metrics=snapshot_storage_bytes_month", 400, "snapshot_storage_bytes_month")]
    public async Task Bad_parameters_are_refused_as_neon_documents(string operationId, string query, int status, string named)
    {
        var org = await DefaultOrgAsync();
        var personal = await CreateProjectInAsync(null, "personal");
        var path = operationId switch
        {
            "getConsumptionHistoryPerProject" => "consumption_history/projects",
            "getConsumptionHistoryPerProjectV2" => "consumption_history/v2/projects",
            _ => "consumption_history/v2/branches",
        };

        var response = await Api.CallAsync(operationId, $"{path}?{query.Replace("{org}", org).Replace("{personal}", personal)}");

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Message, Does.Contain(named.Replace("{personal}", personal)));
    }

    /// <summary>Moves the clock to this long after 2026-01-01T00:00:00Z, where it starts.</summary>
    private void ClockAt(TimeSpan sinceStart) =>
        Clock.Advance(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + sinceStart - Clock.GetUtcNow());
}
