using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>
/// Buckets and their objects, including the third pagination shape of NEON_API.md: top-level
/// <c>next_cursor</c> + <c>is_truncated</c> (listProjectBranchBucketObjects).
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("createProjectBranchBucket", "listProjectBranchBuckets", "deleteProjectBranchBucket", "listProjectBranchBucketObjects", "getProjectBranchBucketObject", "deleteProjectBranchBucketObject", "deleteProjectBranchBucketObjectsByPrefix")]
public sealed class BucketTests : EmulatorTest
{
    private string _projectId = null!;
    private string _branchId = null!;

    public BucketTests(Transport transport)
        : base(transport)
    {
    }

    private string Buckets => $"projects/{_projectId}/branches/{_branchId}/buckets";

    [SetUp]
    public async Task CreateProject()
    {
        var created = await CreateProjectAsync("buckets");
        _projectId = Id(created, "project");
        _branchId = Id(created, "branch");
    }

    [Test]
    public async Task Buckets_are_created_listed_and_deleted()
    {
        var photos = await CreateBucketAsync("photos");
        var assets = await Api.ExpectAsync(201, "createProjectBranchBucket", Buckets, new JsonObject { ["name"] = "assets", ["access_level"] = "public_read" });

        Assert.That((string?)photos["bucket"]!["name"], Is.EqualTo("photos"));
        Assert.That((string?)photos["bucket"]!["access_level"], Is.EqualTo("private"), "the default");
        Assert.That((string?)photos["bucket"]!["created_at"], Is.EqualTo(Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That((string?)assets["bucket"]!["access_level"], Is.EqualTo("public_read"));
        Assert.That(await BucketNamesAsync(), Is.EqualTo(new[] { "assets", "photos" }));

        var deleted = await Api.CallAsync("deleteProjectBranchBucket", $"{Buckets}/photos");
        Assert.That(deleted.Status, Is.EqualTo(204), deleted.ToString());
        Assert.That(deleted.Bytes, Is.Empty);
        Assert.That(await BucketNamesAsync(), Is.EqualTo(new[] { "assets" }));
        await Api.ExpectAsync(404, "deleteProjectBranchBucket", $"{Buckets}/photos");
    }

    [Test]
    public async Task A_duplicate_bucket_name_on_the_branch_is_409()
    {
        await CreateBucketAsync("photos");

        var response = await Api.CallAsync("createProjectBranchBucket", Buckets, new JsonObject { ["name"] = "photos" });

        Assert.That(response.Status, Is.EqualTo(409), response.ToString());
        Assert.That((string?)response.Body["code"], Is.EqualTo("CONFLICT"));
        Assert.That(response.Message, Does.Contain("photos").And.Contain("already exists"));
    }

    [TestCase("""{}""", "missing required field 'name'")]
    [TestCase("""{"name":""}""", "field 'name' must be between 1 and 255 characters long")]
    [TestCase("""{"name":"a/b"}""", "field 'name' must not contain '/'")]
    [TestCase("""{"name":"tab\tname"}""", "field 'name' must not contain control characters")]
    [TestCase("""{"name":7}""", "field 'name' must be a string")]
    [TestCase("""{"name":"ok","access_level":"secret"}""", "field 'access_level' must be one of: private, public_read")]
    public async Task An_invalid_bucket_request_is_400_naming_the_field(string body, string message)
    {
        await ExpectBadRequestAsync("createProjectBranchBucket", Buckets, message, body);
    }

    [Test]
    public async Task A_name_of_256_characters_is_400_and_255_is_accepted()
    {
        await Api.ExpectAsync(400, "createProjectBranchBucket", Buckets, new JsonObject { ["name"] = new string('b', 256) });
        await Api.ExpectAsync(201, "createProjectBranchBucket", Buckets, new JsonObject { ["name"] = new string('b', 255) });
    }

    [Test]
    public async Task Unknown_projects_branches_buckets_and_objects_are_404()
    {
        await CreateBucketAsync("photos");
        Neon.PutBucketObject(_projectId, _branchId, "photos", "a.png", [1]);
        var unknownProject = $"projects/nope-123/branches/{_branchId}/buckets";
        var unknownBranch = $"projects/{_projectId}/branches/br-nope/buckets";
        var calls = new (string Operation, string Uri, JsonNode? Body, string Message)[]
        {
            ("createProjectBranchBucket", unknownProject, new JsonObject { ["name"] = "x" }, "project nope-123 not found"),
            ("listProjectBranchBuckets", unknownBranch, null, "branch br-nope not found"),
            ("deleteProjectBranchBucket", $"{unknownBranch}/photos", null, "branch br-nope not found"),
            ("deleteProjectBranchBucket", $"{Buckets}/nope", null, "bucket \"nope\" not found"),
            ("listProjectBranchBucketObjects", $"{unknownProject}/photos/objects", null, "project nope-123 not found"),
            ("listProjectBranchBucketObjects", $"{Buckets}/nope/objects", null, "bucket \"nope\" not found"),
            ("getProjectBranchBucketObject", $"{Buckets}/nope/objects/a.png/download", null, "bucket \"nope\" not found"),
            ("getProjectBranchBucketObject", $"{Buckets}/photos/objects/b.png/download", null, "object \"b.png\" not found"),
            ("deleteProjectBranchBucketObject", $"{Buckets}/photos/objects/b.png", null, "object \"b.png\" not found"),
            ("deleteProjectBranchBucketObject", $"{unknownBranch}/photos/objects/a.png", null, "branch br-nope not found"),
            ("deleteProjectBranchBucketObjectsByPrefix", $"{Buckets}/nope/objects-by-prefix?prefix=a/", null, "bucket \"nope\" not found"),
        };

        foreach (var (operation, uri, body, message) in calls)
        {
            var response = await Api.CallAsync(operation, uri, body);
            Assert.That(response.Status, Is.EqualTo(404), $"{operation} {uri}: {response}");
            Assert.That((string?)response.Body["code"], Is.EqualTo("NOT_FOUND"));
            Assert.That(response.Message, Does.StartWith(message));
        }
    }

    [Test]
    public async Task Creating_a_bucket_in_a_deleted_project_is_410()
    {
        await Api.ExpectAsync(200, "deleteProject", $"projects/{_projectId}");

        var response = await Api.CallAsync("createProjectBranchBucket", Buckets, new JsonObject { ["name"] = "late" });

        Assert.That(response.Status, Is.EqualTo(410), response.ToString());
        Assert.That(response.Message, Does.Contain("deleted"));
    }

    [Test]
    public async Task Bucket_mutations_start_no_operations_so_a_locked_project_does_not_block_them()
    {
        Options.LockedProjectIds.Add(_projectId);
        await Api.ExpectAsync(423, "createProjectBranchDatabase", $"projects/{_projectId}/branches/{_branchId}/databases", new JsonObject
        {
            ["database"] = new JsonObject { ["name"] = "db2", ["owner_name"] = "neondb_owner" },
        });

        var created = await CreateBucketAsync("photos");
        Neon.PutBucketObject(_projectId, _branchId, "photos", "a/1", [1]);
        Neon.PutBucketObject(_projectId, _branchId, "photos", "b", [2]);
        await Api.ExpectAsync(204, "deleteProjectBranchBucketObject", $"{Buckets}/photos/objects/b");
        await Api.ExpectAsync(200, "deleteProjectBranchBucketObjectsByPrefix", $"{Buckets}/photos/objects-by-prefix?prefix=a/");
        await Api.ExpectAsync(204, "deleteProjectBranchBucket", $"{Buckets}/photos");

        Assert.That(created["operations"], Is.Null, "BucketResponse carries no operations");
        var operations = await Api.ExpectAsync(200, "listProjectOperations", $"projects/{_projectId}/operations?limit=100");
        Assert.That(operations["operations"]!.AsArray().Select(o => (string?)o!["action"]), Has.None.Contains("bucket"));
    }

    [Test]
    public async Task Objects_page_by_next_cursor_until_not_truncated()
    {
        await CreateBucketAsync("logs");
        var expected = Enumerable.Range(0, 25).Select(i => $"app/{i:D2}.log").ToList();
        foreach (var key in expected.AsEnumerable().Reverse())
        {
            Neon.PutBucketObject(_projectId, _branchId, "logs", key, Encoding.UTF8.GetBytes(key));
        }

        Neon.PutBucketObject(_projectId, _branchId, "logs", "api/00.log", [1]);
        Neon.PutBucketObject(_projectId, _branchId, "logs", "zzz.log", [1]);

        var pages = new List<string[]>();
        var truncated = new List<bool>();
        string? cursor = null;
        do
        {
            var page = await ListAsync("logs", "prefix=app/&limit=10" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var keys = Keys(page);
            pages.Add(keys);
            truncated.Add((bool)page["is_truncated"]!);
            Assert.That((string?)page["prefix"], Is.EqualTo("app/"));
            Assert.That(page["folders"]!.AsArray(), Is.Empty);
            cursor = (string?)page["next_cursor"];
            if ((bool)page["is_truncated"]!)
            {
                Assert.That(cursor, Is.EqualTo(keys[^1]), "next_cursor is the last key of the page");
            }
            else
            {
                Assert.That(page.AsObject().ContainsKey("next_cursor"), Is.False, "no next_cursor on the last page");
            }
        }
        while (cursor is not null);

        Assert.That(pages.Select(p => p.Length), Is.EqualTo(new[] { 10, 10, 5 }));
        Assert.That(truncated, Is.EqualTo(new[] { true, true, false }));
        Assert.That(pages.SelectMany(p => p), Is.EqualTo(expected), "every key once, in ordinal order");
    }

    [Test]
    public async Task A_listing_whose_count_divides_the_limit_ends_without_an_empty_page()
    {
        await CreateBucketAsync("b");
        foreach (var key in new[] { "k1", "k2", "k3", "k4" })
        {
            Neon.PutBucketObject(_projectId, _branchId, "b", key, [1]);
        }

        var first = await ListAsync("b", "limit=2");
        var second = await ListAsync("b", $"limit=2&cursor={first["next_cursor"]}");

        Assert.That(Keys(first), Is.EqualTo(new[] { "k1", "k2" }));
        Assert.That((bool)first["is_truncated"]!, Is.True);
        Assert.That(Keys(second), Is.EqualTo(new[] { "k3", "k4" }));
        Assert.That((bool)second["is_truncated"]!, Is.False);
        Assert.That(second["next_cursor"], Is.Null);
    }

    [Test]
    public async Task The_default_limit_is_1000()
    {
        await CreateBucketAsync("many");
        for (var i = 0; i < 1001; i++)
        {
            Neon.PutBucketObject(_projectId, _branchId, "many", $"k{i:D4}", [1]);
        }

        var first = await ListAsync("many", string.Empty);
        var second = await ListAsync("many", $"cursor={first["next_cursor"]}");

        Assert.That(Keys(first), Has.Length.EqualTo(1000));
        Assert.That((bool)first["is_truncated"]!, Is.True);
        Assert.That((string?)first["next_cursor"], Is.EqualTo("k0999"));
        Assert.That(Keys(second), Is.EqualTo(new[] { "k1000" }));
        Assert.That((bool)second["is_truncated"]!, Is.False);
        Assert.That(Keys(await ListAsync("many", "limit=1000")), Has.Length.EqualTo(1000));
    }

    [TestCase("0", "query parameter 'limit' must be between 1 and 1000, got 0")]
    [TestCase("1001", "query parameter 'limit' must be between 1 and 1000, got 1001")]
    [TestCase("-5", "query parameter 'limit' must be between 1 and 1000, got -5")]
    [TestCase("ten", "query parameter 'limit' must be an integer, got 'ten'")]
    public async Task A_limit_out_of_range_is_400(string limit, string message)
    {
        await CreateBucketAsync("b");

        await ExpectBadRequestAsync("listProjectBranchBucketObjects", $"{Buckets}/b/objects?limit={limit}", message);
    }

    [Test]
    public async Task An_empty_bucket_or_an_unmatched_prefix_lists_nothing()
    {
        await CreateBucketAsync("empty");

        var page = await ListAsync("empty", string.Empty);

        Assert.That(page.ToJsonString(), Is.EqualTo("""{"folders":[],"objects":[],"prefix":"","is_truncated":false}"""));

        Neon.PutBucketObject(_projectId, _branchId, "empty", "a.txt", [1]);
        var unmatched = await ListAsync("empty", "prefix=b");
        Assert.That(Keys(unmatched), Is.Empty);
        Assert.That((string?)unmatched["prefix"], Is.EqualTo("b"));
        Assert.That((bool)unmatched["is_truncated"]!, Is.False);
    }

    [Test]
    public async Task A_delimiter_collapses_keys_below_the_prefix_into_folders_that_page_with_objects()
    {
        await CreateBucketAsync("site");
        foreach (var key in new[] { "index.html", "css/a.css", "css/b.css", "img/x/1.png", "img/y.png", "robots.txt" })
        {
            Neon.PutBucketObject(_projectId, _branchId, "site", key, [1]);
        }

        var root = await ListAsync("site", "delimiter=/");
        Assert.That(Folders(root), Is.EqualTo(new[] { "css/", "img/" }));
        Assert.That(Keys(root), Is.EqualTo(new[] { "index.html", "robots.txt" }));

        var img = await ListAsync("site", "prefix=img/&delimiter=/");
        Assert.That(Folders(img), Is.EqualTo(new[] { "img/x/" }));
        Assert.That(Keys(img), Is.EqualTo(new[] { "img/y.png" }));

        var first = await ListAsync("site", "delimiter=/&limit=2");
        Assert.That(Folders(first), Is.EqualTo(new[] { "css/", "img/" }), "folders and objects count together against the limit");
        Assert.That(Keys(first), Is.Empty);
        Assert.That((string?)first["next_cursor"], Is.EqualTo("img/"));
        var second = await ListAsync("site", "delimiter=/&limit=2&cursor=img/");
        Assert.That(Folders(second), Is.Empty, "the keys of a folder already listed do not come back");
        Assert.That(Keys(second), Is.EqualTo(new[] { "index.html", "robots.txt" }));
        Assert.That((bool)second["is_truncated"]!, Is.False);

        var flat = await ListAsync("site", string.Empty);
        Assert.That(Folders(flat), Is.Empty, "no delimiter, no folders");
        Assert.That(Keys(flat), Has.Length.EqualTo(6));
    }

    [Test]
    public async Task A_download_answers_the_stored_bytes_as_an_octet_stream_with_the_listed_etag()
    {
        await CreateBucketAsync("files");
        byte[] content = [0, 1, 2, 250, 255, 10, 13];
        Clock.Advance(TimeSpan.FromMinutes(5));
        Neon.PutBucketObject(_projectId, _branchId, "files", "nested/dir/data.bin", content);

        var response = await Api.CallAsync("getProjectBranchBucketObject", $"{Buckets}/files/objects/nested%2Fdir%2Fdata.bin/download");
        var listed = (await ListAsync("files", string.Empty))["objects"]![0]!;

        Assert.That(response.Status, Is.EqualTo(200), response.ToString());
        Assert.That(response.Bytes, Is.EqualTo(content));
        Assert.That(response.ContentHeaders!.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(response.ContentHeaders.ContentLength, Is.EqualTo(content.Length));
        Assert.That(response.ContentHeaders.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo((string?)listed["etag"]));
        Assert.That((string?)listed["key"], Is.EqualTo("nested/dir/data.bin"));
        Assert.That((long)listed["size"]!, Is.EqualTo(content.Length));
        Assert.That(DateTimeOffset.Parse((string)listed["last_modified"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Seeding_the_same_key_replaces_the_object_and_copies_the_bytes()
    {
        await CreateBucketAsync("files");
        byte[] content = [1, 2, 3];
        Neon.PutBucketObject(_projectId, _branchId, "files", "a", [9]);
        Neon.PutBucketObject(_projectId, _branchId, "files", "a", content);
        content[0] = 42;

        var response = await Api.CallAsync("getProjectBranchBucketObject", $"{Buckets}/files/objects/a/download");

        Assert.That(response.Bytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(Keys(await ListAsync("files", string.Empty)), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task Seeding_needs_an_existing_bucket_and_a_valid_key()
    {
        await CreateBucketAsync("files");

        var noBucket = Assert.Throws<InvalidOperationException>(() => Neon.PutBucketObject(_projectId, _branchId, "nope", "a", [1]));
        var noProject = Assert.Throws<InvalidOperationException>(() => Neon.PutBucketObject("nope-1", _branchId, "files", "a", [1]));
        Assert.That(noBucket!.Message, Does.Contain("bucket \"nope\" not found"));
        Assert.That(noProject!.Message, Does.Contain("project nope-1 not found"));
        Assert.Throws<ArgumentException>(() => Neon.PutBucketObject(_projectId, _branchId, "files", string.Empty, [1]));
        Assert.Throws<ArgumentException>(() => Neon.PutBucketObject(_projectId, _branchId, "files", new string('k', 1025), [1]));
        Assert.DoesNotThrow(() => Neon.PutBucketObject(_projectId, _branchId, "files", new string('k', 1024), [1]));
    }

    [Test]
    public async Task Objects_are_deleted_by_key_and_by_prefix()
    {
        await CreateBucketAsync("files");
        foreach (var key in new[] { "docs/a", "docs/b", "docs/sub/c", "docsx", "other/d", "top" })
        {
            Neon.PutBucketObject(_projectId, _branchId, "files", key, [1]);
        }

        var byKey = await Api.CallAsync("deleteProjectBranchBucketObject", $"{Buckets}/files/objects/top");
        Assert.That(byKey.Status, Is.EqualTo(204), byKey.ToString());
        await Api.ExpectAsync(404, "deleteProjectBranchBucketObject", $"{Buckets}/files/objects/top");
        await Api.ExpectAsync(204, "deleteProjectBranchBucketObject", $"{Buckets}/files/objects/other%2Fd");

        var byPrefix = await Api.ExpectAsync(200, "deleteProjectBranchBucketObjectsByPrefix", $"{Buckets}/files/objects-by-prefix?prefix=docs/");
        Assert.That((long)byPrefix["deleted"]!, Is.EqualTo(3));
        Assert.That(Keys(await ListAsync("files", string.Empty)), Is.EqualTo(new[] { "docsx" }), "a sibling that only shares characters stays");

        var again = await Api.ExpectAsync(200, "deleteProjectBranchBucketObjectsByPrefix", $"{Buckets}/files/objects-by-prefix?prefix=docs/");
        Assert.That((long)again["deleted"]!, Is.EqualTo(0));
    }

    [TestCase("", "missing required query parameter 'prefix'")]
    [TestCase("?prefix=docs", "query parameter 'prefix' must end with '/'")]
    [TestCase("?prefix=a%01b/", "query parameter 'prefix' must not contain control characters")]
    [TestCase("?prefix={1024 bytes}/", "query parameter 'prefix' must be at most 1024 bytes")]
    public async Task An_invalid_prefix_to_delete_is_400(string query, string message)
    {
        await CreateBucketAsync("files");

        var uri = $"{Buckets}/files/objects-by-prefix{query.Replace("{1024 bytes}", new string('p', 1024), StringComparison.Ordinal)}";
        await ExpectBadRequestAsync("deleteProjectBranchBucketObjectsByPrefix", uri, message);
    }

    [Test]
    public async Task Presigning_is_not_implemented()
    {
        await CreateBucketAsync("files");

        var response = await Api.CallAsync("presignProjectBranchBucketObject", $"{Buckets}/files/objects/a/presign", new JsonObject { ["operation"] = "upload" });

        Assert.That(response.Status, Is.EqualTo(501), response.ToString());
        Assert.That(response.Message, Does.Contain("presignProjectBranchBucketObject"));
    }

    private async Task ExpectBadRequestAsync(string operationId, string uri, string message, string? rawBody = null)
    {
        var response = await Api.CallAsync(operationId, uri, rawBody: rawBody);

        Assert.That(response.Status, Is.EqualTo(400), response.ToString());
        Assert.That((string?)response.Body["code"], Is.EqualTo("BAD_REQUEST"));
        Assert.That(response.Message, Is.EqualTo(message));
    }

    private static string[] Keys(JsonNode page) =>
        page["objects"]!.AsArray().Select(o => (string)o!["key"]!).ToArray();

    private static string[] Folders(JsonNode page) =>
        page["folders"]!.AsArray().Select(f => (string)f!).ToArray();

    private Task<JsonNode> CreateBucketAsync(string name) =>
        Api.ExpectAsync(201, "createProjectBranchBucket", Buckets, new JsonObject { ["name"] = name });

    private async Task<string[]> BucketNamesAsync() =>
        (await Api.ExpectAsync(200, "listProjectBranchBuckets", Buckets))["buckets"]!.AsArray().Select(b => (string)b!["name"]!).ToArray();

    private Task<JsonNode> ListAsync(string bucket, string query) =>
        Api.ExpectAsync(200, "listProjectBranchBucketObjects", $"{Buckets}/{bucket}/objects" + (query.Length == 0 ? string.Empty : "?" + query));
}
