using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Neon.Api.Generators.Tests.Behaviour;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests.OperationSpecific;

/// <summary>
/// The generated listing of the truncation shape (<c>next_cursor</c> + <c>is_truncated</c>) through the real client, on
/// the one operation that has it: listProjectBranchBucketObjects (called by operationId, so this compiles with specs
/// that lack it). The generator's handling of the shape is also covered, spec-free, by the snapshot tests.
/// </summary>
[TestFixture]
[OperationSpecific("listProjectBranchBucketObjects")]
public sealed class TruncationListingTests
{
    private NeonApiMock _api = null!;

    [SetUp]
    public void SetUp() => _api = new NeonApiMock();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task Truncation_shape_follows_next_cursor_until_not_truncated()
    {
        const string path = "projects/p-1/branches/br-1/buckets/files/objects";
        _api.Expect(HttpMethod.Get, path, Behaviour.Json.Objects("k2", true, "k1", "k2"), ("prefix", "img/"), ("limit", "1000"));
        _api.Expect(HttpMethod.Get, path, Behaviour.Json.Objects("k3", false, "k3"), ("prefix", "img/"), ("cursor", "k2"), ("limit", "1000"));

        var items = await ClientOperations.ListAllAsync(_api.Client, "listProjectBranchBucketObjects", new { projectId = "p-1", branchId = "br-1", bucketName = "files", prefix = "img/" });

        Assert.That(items.Select(o => (string?)o["key"]), Is.EqualTo(new[] { "k1", "k2", "k3" }));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Truncation_shape_stops_when_the_cursor_is_missing()
    {
        _api.Expect(HttpMethod.Get, "projects/p-1/branches/br-1/buckets/files/objects", Behaviour.Json.Objects(null, null, "k1"), ("limit", "1000"));

        var items = await ClientOperations.ListAllAsync(_api.Client, "listProjectBranchBucketObjects", new { projectId = "p-1", branchId = "br-1", bucketName = "files" });

        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }
}
