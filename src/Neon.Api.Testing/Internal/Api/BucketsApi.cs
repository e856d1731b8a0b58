using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Branchable object-storage buckets of a branch and their objects (the <c>Buckets</c> tag, except
/// presigned URLs). None of these start operations, so none is subject to project locks. Objects
/// are uploaded out of band (presigned URLs in Neon, <see cref="FakeNeon.PutBucketObject"/> here).
/// </summary>
internal static class BucketsApi
{
    /// <summary>The longest bucket name the spec allows.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The longest object key (and key prefix) the spec allows.</summary>
    public const int MaxKeyLength = 1024;

    private const int MaxListLimit = 1000;

    public static void Register(RouteHandlers handlers)
    {
        handlers.AddUnlocked("createProjectBranchBucket", "POST /projects/{project_id}/branches/{branch_id}/buckets", Create);
        handlers.Add("listProjectBranchBuckets", "GET /projects/{project_id}/branches/{branch_id}/buckets", List);
        handlers.AddUnlocked("deleteProjectBranchBucket", "DELETE /projects/{project_id}/branches/{branch_id}/buckets/{bucket_name}", Delete);
        handlers.Add("listProjectBranchBucketObjects", "GET /projects/{project_id}/branches/{branch_id}/buckets/{bucket_name}/objects", ListObjects);
        handlers.Add("getProjectBranchBucketObject", "GET /projects/{project_id}/branches/{branch_id}/buckets/{bucket_name}/objects/{object_key}/download", Download);
        handlers.AddUnlocked("deleteProjectBranchBucketObject", "DELETE /projects/{project_id}/branches/{branch_id}/buckets/{bucket_name}/objects/{object_key}", DeleteObject);
        handlers.AddUnlocked("deleteProjectBranchBucketObjectsByPrefix", "DELETE /projects/{project_id}/branches/{branch_id}/buckets/{bucket_name}/objects-by-prefix", DeleteObjectsByPrefix);
    }

    /// <summary>Null when <paramref name="name"/> is a valid bucket name, else why not.</summary>
    public static string? InvalidName(string name) =>
        name.Length is 0 or > MaxNameLength ? $"must be between 1 and {MaxNameLength} characters long"
        : name.Contains('/', StringComparison.Ordinal) ? "must not contain '/'"
        : name.Any(char.IsControl) ? "must not contain control characters"
        : null;

    private static ApiResult Create(RequestContext context)
    {
        var projectId = context.Path("project_id");
        if (context.State.FindAnyProject(projectId) is { IsDeleted: true })
        {
            throw new ApiError(HttpStatusCode.Gone, "GONE", $"project {projectId} has been deleted");
        }

        var branch = context.Branch(context.Project());
        var body = context.Body();
        var name = body.RequiredString("name");
        if (InvalidName(name) is { } problem)
        {
            throw ApiError.BadRequest($"field 'name' {problem}");
        }

        var accessLevel = body.OptionalEnum("access_level", BucketModel.Private, BucketModel.PublicRead) ?? BucketModel.Private;
        if (branch.Buckets.ContainsKey(name))
        {
            throw ApiError.Conflict($"bucket \"{name}\" already exists on branch {branch.Id}");
        }

        var bucket = new BucketModel { Name = name, AccessLevel = accessLevel, CreatedAt = context.Now };
        branch.Buckets.Add(name, bucket);
        return ApiResult.Created(new JsonObject { ["bucket"] = bucket.ToJson() });
    }

    private static ApiResult List(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject { ["buckets"] = Json.Array(branch.Buckets.Values.Select(b => b.ToJson())) });
    }

    private static ApiResult Delete(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        var bucket = Bucket(context, branch);
        branch.Buckets.Remove(bucket.Name);
        return ApiResult.NoContent();
    }

    /// <summary>
    /// Keys in ordinal order after <c>prefix</c>; with a <c>delimiter</c>, keys holding it below the
    /// prefix collapse into <c>folders</c> (up to and including its first occurrence). Objects and
    /// folders page together: <c>cursor</c> is the last name of the previous page (exclusive), and
    /// <c>next_cursor</c> is sent, with <c>is_truncated</c> true, only when more follow.
    /// </summary>
    private static ApiResult ListObjects(RequestContext context)
    {
        var bucket = Bucket(context, context.Branch(context.Project()));
        var prefix = context.Query.String("prefix") ?? string.Empty;
        var delimiter = context.Query.String("delimiter");
        var cursor = context.Query.String("cursor");
        var limit = context.Query.Integer("limit", 1, MaxListLimit) ?? MaxListLimit;

        var entries = bucket.Objects.Values
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(o => FolderOf(o.Key, prefix.Length, delimiter) is { } folder
                ? (Name: folder, Object: (BucketObjectModel?)null)
                : (Name: o.Key, Object: o))
            .DistinctBy(e => e.Name, StringComparer.Ordinal)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Where(e => cursor is null || string.CompareOrdinal(e.Name, cursor) > 0)
            .Take(limit + 1)
            .ToList();
        var truncated = entries.Count > limit;
        var page = entries.Take(limit).ToList();

        var response = new JsonObject
        {
            ["folders"] = Json.Array(page.Where(e => e.Object is null).Select(e => (JsonNode)JsonValue.Create(e.Name))),
            ["objects"] = Json.Array(page.Where(e => e.Object is not null).Select(e => (JsonNode)e.Object!.ToJson())),
            ["prefix"] = prefix,
        };
        if (truncated)
        {
            response["next_cursor"] = page[^1].Name;
        }

        response["is_truncated"] = truncated;
        return ApiResult.Ok(response);
    }

    private static ApiResult Download(RequestContext context)
    {
        var (_, stored) = Object(context);
        return ApiResult.Bytes(new BinaryBody(stored.Content, stored.ETag));
    }

    private static ApiResult DeleteObject(RequestContext context)
    {
        var (bucket, stored) = Object(context);
        bucket.Objects.Remove(stored.Key);
        return ApiResult.NoContent();
    }

    private static ApiResult DeleteObjectsByPrefix(RequestContext context)
    {
        var bucket = Bucket(context, context.Branch(context.Project()));
        var prefix = context.Query.RequiredString("prefix");
        var problem = !prefix.EndsWith('/') ? "must end with '/'"
            : Encoding.UTF8.GetByteCount(prefix) > MaxKeyLength ? $"must be at most {MaxKeyLength} bytes"
            : prefix.Any(char.IsControl) ? "must not contain control characters"
            : null;
        if (problem is not null)
        {
            throw ApiError.BadRequest($"query parameter 'prefix' {problem}");
        }

        var keys = bucket.Objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        keys.ForEach(k => bucket.Objects.Remove(k));
        return ApiResult.Ok(new JsonObject { ["deleted"] = keys.Count });
    }

    private static BucketModel Bucket(RequestContext context, BranchModel branch) =>
        EmulatorState.RequireBucket(branch, context.Path("bucket_name"));

    private static (BucketModel Bucket, BucketObjectModel Object) Object(RequestContext context)
    {
        var bucket = Bucket(context, context.Branch(context.Project()));
        var key = context.Path("object_key");
        return (bucket, bucket.Objects.GetValueOrDefault(key)
            ?? throw ApiError.NotFound($"object \"{key}\" not found in bucket \"{bucket.Name}\""));
    }

    /// <summary>The folder a key collapses into: up to the first delimiter after the prefix, or null.</summary>
    private static string? FolderOf(string key, int prefixLength, string? delimiter)
    {
        if (delimiter is null)
        {
            return null;
        }

        var at = key.IndexOf(delimiter, prefixLength, StringComparison.Ordinal);
        return at < 0 ? null : key[..(at + delimiter.Length)];
    }
}
