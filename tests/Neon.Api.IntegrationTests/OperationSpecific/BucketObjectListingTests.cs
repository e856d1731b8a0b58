using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.IntegrationTests.OperationSpecific;

/// <summary>
/// The truncation shape of listings (<c>next_cursor</c> + <c>is_truncated</c>) over HTTP, on the one listing that has it:
/// listProjectBranchBucketObjects. Bucket operations are called by operationId, so this compiles with specs that lack them.
/// </summary>
[OperationSpecific("createProjectBranchBucket", "listProjectBranchBucketObjects")]
public sealed class BucketObjectListingTests
{
    [Test]
    public async Task All_bucket_objects_are_listed_across_truncated_pages_exactly_once()
    {
        await using var neon = await LoopbackNeon.StartAsync();
        var projectId = await neon.CreateProjectAsync();
        var branchId = (await neon.Client.Branch.ListProjectBranchesAsync(projectId)).Branches.Single().Id;
        const string bucket = "uploads";
        await ClientOperations.CallAsync(neon.Client, "createProjectBranchBucket", new { projectId, branchId, body = new { name = bucket } });
        var expected = Enumerable.Range(0, 25).Select(i => (i % 5 == 0 ? "img/" : "doc/") + $"file-{i:D2}").ToList();
        foreach (var key in expected)
        {
            neon.Neon.PutBucketObject(projectId, branchId, bucket, key, [(byte)key.Length]);
        }

        var before = neon.Neon.Counters.RequestsReceived;
        var keys = (await ClientOperations.ListAllAsync(neon.Client, "listProjectBranchBucketObjects", new { projectId, branchId, bucketName = bucket, limit = 10 }))
            .Select(o => (string)o["key"]!).ToList();
        var listRequests = neon.Neon.Counters.RequestsReceived - before;
        var images = (await ClientOperations.ListAllAsync(neon.Client, "listProjectBranchBucketObjects", new { projectId, branchId, bucketName = bucket, prefix = "img/", limit = 2 }))
            .Select(o => (string)o["key"]!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.EqualTo(expected.Order(StringComparer.Ordinal)), "every key once, in key order");
            Assert.That(listRequests, Is.EqualTo(3), "pages of 10, 10 and 5");
            Assert.That(images, Is.EqualTo(expected.Where(k => k.StartsWith("img/", StringComparison.Ordinal))), "img/file-00, -05, -10, -15, -20");
        });
    }
}
