using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Paging;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.Behaviour;

/// <summary>
/// The generated listing methods, through the real client and MockHttp. The truncation shape, which only bucket object
/// listings have, is in <c>OperationSpecific/TruncationListingTests</c>.
/// </summary>
[TestFixture]
public sealed class PaginationBehaviourTests
{
    private NeonApiMock _api = null!;

    [SetUp]
    public void SetUp() => _api = new NeonApiMock();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task Page_cursor_shape_lists_every_page_with_the_same_filters_and_stops_at_the_short_page()
    {
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", "a", "b"), ("limit", "2"), ("search", "x"));
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c2", "c", "d"), ("cursor", "c1"), ("limit", "2"), ("search", "x"));
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c3", "e"), ("cursor", "c2"), ("limit", "2"), ("search", "x"));

        var listing = _api.Client.Project.ListProjectsAllAsync(limit: 2, search: "x");
        Assert.That(_api.Requests, Is.Empty, "nothing is requested before enumeration");
        var ids = (await listing.ToListAsync()).Select(p => p.Id);

        Assert.That(ids, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
        Assert.That(_api.Requests, Has.Count.EqualTo(3));
        _api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Page_cursor_shape_stops_on_an_empty_page()
    {
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c0"), ("limit", "10"));

        var items = await _api.Client.Project.ListProjectsAllAsync().ToListAsync();

        Assert.That(items, Is.Empty);
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Page_cursor_shape_with_a_limit_stops_after_a_single_partial_page()
    {
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", "a", "b", "c"), ("limit", "10"));

        var items = await _api.Client.Project.ListProjectsAllAsync(limit: 10).ToListAsync();

        Assert.That(items, Has.Count.EqualTo(3));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Page_cursor_shape_without_a_limit_uses_the_spec_default_and_ends_on_the_short_page()
    {
        // The spec's default page size (10 for listProjects) is the C# default of limit, so it is sent and the
        // short second page ends the listing without an extra request for an empty page.
        var firstTen = Enumerable.Range(0, 10).Select(i => $"p{i}").ToArray();
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", firstTen), ("limit", "10"));
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c2", "p10", "p11"), ("cursor", "c1"), ("limit", "10"));

        var items = await _api.Client.Project.ListProjectsAllAsync().ToListAsync();

        Assert.That(items, Has.Count.EqualTo(12));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
        _api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Page_cursor_shape_never_loops_on_a_repeated_cursor()
    {
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", "a", "b"), ("limit", "2"));
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", "a", "b"), ("cursor", "c1"), ("limit", "2"));

        var items = await _api.Client.Project.ListProjectsAllAsync(limit: 2).ToListAsync();

        Assert.That(items, Has.Count.EqualTo(4));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Next_shape_follows_next_with_sort_and_limit_on_every_page()
    {
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches("n1", "b1", "b2"), ("sort_order", "asc"), ("limit", "2"));
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches(null, "b3"), ("cursor", "n1"), ("sort_order", "asc"), ("limit", "2"));

        var items = await _api.Client.Branch.ListProjectBranchesAllAsync("p-1", sortOrder: SortOrder.Asc, limit: 2).ToListAsync();

        Assert.That(items.Select(b => b.Id), Is.EqualTo(new[] { "b1", "b2", "b3" }));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Next_shape_stops_when_next_repeats_the_cursor_sent()
    {
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches("n1", "b1"));
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches("n1", "b2"), ("cursor", "n1"));

        var items = await _api.Client.Branch.ListProjectBranchesAllAsync("p-1").ToListAsync();

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Next_shape_with_an_empty_listing_makes_one_request()
    {
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches(null));

        Assert.That(await _api.Client.Branch.ListProjectBranchesAllAsync("p-1").ToListAsync(), Is.Empty);
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Pages_expose_items_cursor_and_raw_response_and_resume_from_a_cursor()
    {
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches("n1", "b1"));
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches(null, "b2"), ("cursor", "n1"));
        _api.Expect(HttpMethod.Get, "projects/p-1/branches", Json.Branches(null, "b2"), ("cursor", "n1"), ("limit", "1"));

        var pages = await _api.Client.Branch.ListProjectBranchesAllAsync("p-1").AsPages().ToListAsync();
        var resumed = await _api.Client.Branch.ListProjectBranchesAllAsync("p-1").AsPages(pages[0].ContinuationCursor, pageSizeHint: 1).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.ContinuationCursor), Is.EqualTo(new[] { "n1", null }));
            Assert.That(pages[0].Items.Single().Id, Is.EqualTo("b1"));
            Assert.That(pages[0].RawResponse, Is.InstanceOf<ListProjectBranchesResponse>());
            Assert.That(resumed.Single().Items.Single().Id, Is.EqualTo("b2"));
        });
    }

    [Test]
    public async Task Cancellation_through_WithCancellation_stops_mid_listing_without_another_request()
    {
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", "a", "b"), ("limit", "2"));
        using var cts = new CancellationTokenSource();

        var seen = 0;
        var thrown = await Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var project in _api.Client.Project.ListProjectsAllAsync(limit: 2).WithCancellation(cts.Token))
            {
                seen++;
                cts.Cancel();
            }
        });
        Assert.That(seen, Is.EqualTo(2), thrown?.ToString());
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cancellation_through_the_method_token_stops_mid_listing_without_another_request()
    {
        _api.Expect(HttpMethod.Get, "projects", Json.Projects("c1", "a", "b"), ("limit", "2"));
        using var cts = new CancellationTokenSource();

        await Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in _api.Client.Project.ListProjectsAllAsync(limit: 2, cancellationToken: cts.Token).AsPages())
            {
                cts.Cancel();
            }
        });
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Listings_can_be_faked_from_pages()
    {
        var fake = NeonPageable.FromPages(new[]
        {
            NeonPage.FromItems<string>(new[] { "a", "b" }, "next"),
            NeonPage.FromItems<string>(new[] { "c" }),
        });

        Assert.That(await fake.ToListAsync(), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That((await fake.AsPages("next").ToListAsync()).Single().Items, Is.EqualTo(new[] { "c" }));
    }
}
