using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>The pagination shapes of NEON_API.md: <c>pagination.cursor</c> and <c>pagination.next</c>.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class PaginationTests : EmulatorTest
{
    public PaginationTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task Projects_page_by_cursor_until_a_short_page()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(Id(await CreateProjectAsync($"project-{i}"), "project"));
        }

        var seen = new List<string>();
        var pages = new List<int>();
        string? cursor = null;
        while (true)
        {
            var page = await Api.ExpectAsync(200, "listProjects", cursor is null ? "projects?limit=3" : $"projects?limit=3&cursor={cursor}");
            var ids = Ids(page, "projects");
            pages.Add(ids.Length);
            seen.AddRange(ids);
            if (ids.Length > 0)
            {
                Assert.That((string?)page["pagination"]!["cursor"], Is.EqualTo(ids[^1]), "the cursor is the last item's key");
            }

            if (ids.Length < 3)
            {
                break;
            }

            cursor = (string)page["pagination"]!["cursor"]!;
        }

        Assert.That(pages, Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(seen, Is.EqualTo(created));
    }

    [Test]
    public async Task Projects_listing_defaults_to_ten_and_ends_with_an_empty_page_when_the_count_divides()
    {
        for (var i = 0; i < 12; i++)
        {
            await CreateProjectAsync();
        }

        var first = await Api.ExpectAsync(200, "listProjects", "projects");
        Assert.That(Ids(first, "projects"), Has.Length.EqualTo(10));

        var second = await Api.ExpectAsync(200, "listProjects", $"projects?limit=2&cursor={first["pagination"]!["cursor"]}");
        Assert.That(Ids(second, "projects"), Has.Length.EqualTo(2));
        var third = await Api.ExpectAsync(200, "listProjects", $"projects?limit=2&cursor={second["pagination"]!["cursor"]}");
        Assert.That(Ids(third, "projects"), Is.Empty);
        Assert.That(third["applications"], Is.Not.Null);
    }

    [Test]
    public async Task An_empty_account_lists_no_projects()
    {
        var page = await Api.ExpectAsync(200, "listProjects", "projects");

        Assert.That(page["projects"]!.AsArray(), Is.Empty);
        Assert.That(page["pagination"], Is.Null);
    }

    [TestCase("listProjects", "projects?limit=0", "limit")]
    [TestCase("listProjects", "projects?limit=401", "limit")]
    [TestCase("listProjects", "projects?limit=ten", "limit")]
    [TestCase("listProjects", "projects?cursor=no-such-project", "cursor")]
    [TestCase("listProjects", "projects?timeout=5", "timeout")]
    public async Task Out_of_bounds_paging_parameters_are_400(string operationId, string uri, string named)
    {
        var response = await Api.CallAsync(operationId, uri);

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(response.Message, Does.Contain(named));
    }

    [TestCase(0, 400)]
    [TestCase(1, 200)]
    [TestCase(400, 200)]
    public async Task Project_page_size_bounds(int limit, int status) =>
        Assert.That((await Api.CallAsync("listProjects", $"projects?limit={limit}")).Status, Is.EqualTo(status));

    [Test]
    public async Task Operations_page_newest_first_by_cursor()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        for (var i = 0; i < 2; i++)
        {
            await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject());
            FinishOperations();
        }

        var all = Ids(await Api.ExpectAsync(200, "listProjectOperations", $"{p}/operations?limit=1000"), "operations");
        Assert.That(all, Has.Length.EqualTo(4));
        Assert.That(all[^1], Is.EqualTo(Ids(created, "operations")[0]), "oldest last");

        var first = await Api.ExpectAsync(200, "listProjectOperations", $"{p}/operations?limit=3");
        var second = await Api.ExpectAsync(200, "listProjectOperations", $"{p}/operations?limit=3&cursor={first["pagination"]!["cursor"]}");
        Assert.That(Ids(first, "operations").Concat(Ids(second, "operations")), Is.EqualTo(all));
        Assert.That((await Api.CallAsync("listProjectOperations", $"{p}/operations?limit=1001")).Status, Is.EqualTo(400));
        Assert.That((await Api.CallAsync("listProjectOperations", $"{p}/operations?limit=0")).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Branches_page_by_next_with_sort_order_and_search()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        foreach (var name in new[] { "delta", "alpha", "echo", "charlie", "bravo" })
        {
            await Api.ExpectAsync(201, "createProjectBranch", $"{p}/branches", new JsonObject { ["branch"] = new JsonObject { ["name"] = name } });
            FinishOperations();
        }

        var names = new List<string>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await Api.ExpectAsync(200, "listProjectBranches",
                $"{p}/branches?sort_by=name&sort_order=asc&limit=4" + (next is null ? string.Empty : $"&cursor={next}"));
            pages++;
            names.AddRange(page["branches"]!.AsArray().Select(b => (string)b!["name"]!));
            Assert.That((string?)page["pagination"]!["sort_by"], Is.EqualTo("name"));
            Assert.That((string?)page["pagination"]!["sort_order"], Is.EqualTo("asc"));
            next = (string?)page["pagination"]!["next"];
        }
        while (!string.IsNullOrEmpty(next));

        Assert.That(pages, Is.EqualTo(2));
        Assert.That(names, Is.EqualTo(new[] { "alpha", "bravo", "charlie", "delta", "echo", "main" }));

        var newestFirst = await Api.ExpectAsync(200, "listProjectBranches", $"{p}/branches");
        Assert.That((string?)newestFirst["branches"]![0]!["name"], Is.EqualTo("bravo"), "default: updated_at desc");
        Assert.That(newestFirst["pagination"]!["next"], Is.Null, "no limit: everything in one page");

        var search = await Api.ExpectAsync(200, "listProjectBranches", $"{p}/branches?search=alph");
        Assert.That(search["branches"]!.AsArray().Select(b => (string?)b!["name"]), Is.EquivalentTo(new[] { "alpha" }));
        var none = await Api.ExpectAsync(200, "listProjectBranches", $"{p}/branches?search=zulu");
        Assert.That(none["branches"]!.AsArray(), Is.Empty);
        Assert.That(none["pagination"]!["next"], Is.Null);
        var count = await Api.ExpectAsync(200, "countProjectBranches", $"{p}/branches/count?search=charlie");
        Assert.That((int?)count["count"], Is.EqualTo(1));
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=10001", "limit")]
    [TestCase("sort_by=size", "sort_by")]
    [TestCase("sort_order=up", "sort_order")]
    [TestCase("cursor=!!!", "cursor")]
    public async Task Invalid_branch_listing_parameters_are_400(string query, string named)
    {
        var created = await CreateProjectAsync();
        var response = await Api.CallAsync("listProjectBranches", $"projects/{Id(created, "project")}/branches?{query}");

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(response.Message, Does.Contain(named));
    }

    [Test]
    public async Task Branch_page_size_of_ten_thousand_is_allowed()
    {
        var created = await CreateProjectAsync();

        var page = await Api.ExpectAsync(200, "listProjectBranches", $"projects/{Id(created, "project")}/branches?limit=10000");

        Assert.That(page["branches"]!.AsArray(), Has.Count.EqualTo(1));
    }
}
