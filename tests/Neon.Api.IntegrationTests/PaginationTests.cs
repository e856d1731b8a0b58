using Neon.Api.Operations;
using Neon.Api.Paging;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.QuickStart;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests;

/// <summary>
/// The generated listings over HTTP: the quick start's cursor loop (<c>pagination.next</c> of
/// listProjectBranches) and the truncation shape (<c>next_cursor</c> + <c>is_truncated</c> of
/// listProjectBranchBucketObjects).
/// </summary>
public sealed class PaginationTests
{
    [TestCase(1, 5)]
    [TestCase(2, 3)]
    [TestCase(5, 1)]
    [TestCase(100, 1)]
    public async Task All_branches_are_listed_across_pages_exactly_once(int pageSize, int expectedPages)
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        var expected = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var branch = await neon.Client.Branch.CreateProjectBranchAsync(
                projectId,
                new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { Name = $"feature-{i}" } });
            await branch.WaitForOperationsAsync(neon.Client, LoopbackNeon.WaitOptions());
            expected.Add(branch.Branch.Id);
        }

        var pages = new List<IReadOnlyList<Branch>>();
        await foreach (var page in neon.Client.Branch.ListProjectBranchesAllAsync(projectId, limit: pageSize).AsPages())
        {
            pages.Add(page.Items);
        }

        var ids = pages.SelectMany(page => page).Select(branch => branch.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.EqualTo(expectedPages));
            Assert.That(pages, Has.All.Count.LessThanOrEqualTo(pageSize));
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Has.Count.EqualTo(5), "four new branches and main");
            Assert.That(ids, Is.SupersetOf(expected));
        });
    }

    [Test]
    public async Task All_bucket_objects_are_listed_across_truncated_pages_exactly_once()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        var branchId = (await neon.Client.Branch.ListProjectBranchesAsync(projectId)).Branches.Single().Id;
        const string bucket = "uploads";
        await neon.Client.Buckets.CreateProjectBranchBucketAsync(projectId, branchId, new BucketCreateRequest { Name = bucket });
        var expected = Enumerable.Range(0, 25).Select(i => (i % 5 == 0 ? "img/" : "doc/") + $"file-{i:D2}").ToList();
        foreach (var key in expected)
        {
            neon.Neon.PutBucketObject(projectId, branchId, bucket, key, [(byte)key.Length]);
        }

        var before = neon.Neon.Counters.RequestsReceived;
        var keys = new List<string>();
        await foreach (var o in neon.Client.Buckets.ListProjectBranchBucketObjectsAllAsync(projectId, branchId, bucket, limit: 10))
        {
            keys.Add(o.Key);
        }

        var listRequests = neon.Neon.Counters.RequestsReceived - before;
        var images = new List<string>();
        await foreach (var o in neon.Client.Buckets.ListProjectBranchBucketObjectsAllAsync(projectId, branchId, bucket, prefix: "img/", limit: 2))
        {
            images.Add(o.Key);
        }

        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.EqualTo(expected.Order(StringComparer.Ordinal)), "every key once, in key order");
            Assert.That(listRequests, Is.EqualTo(3), "pages of 10, 10 and 5");
            Assert.That(images, Is.EqualTo(expected.Where(k => k.StartsWith("img/", StringComparison.Ordinal))), "img/file-00, -05, -10, -15, -20");
        });
    }
}
