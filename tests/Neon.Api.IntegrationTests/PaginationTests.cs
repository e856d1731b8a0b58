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
/// The generated listings over HTTP: the quick start's cursor loop (<c>pagination.next</c> of listProjectBranches).
/// The truncation shape is in <c>OperationSpecific/BucketObjectListingTests</c>.
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
}
