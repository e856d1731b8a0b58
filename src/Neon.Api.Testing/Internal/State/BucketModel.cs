using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A branchable object-storage bucket of a branch and its objects, by key in ordinal order.</summary>
internal sealed class BucketModel
{
    public const string Private = "private";

    public const string PublicRead = "public_read";

    public required string Name { get; init; }

    public required string AccessLevel { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public SortedDictionary<string, BucketObjectModel> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>A copy with the same objects, for a child branch (objects are immutable and shared).</summary>
    public BucketModel Copy()
    {
        var copy = new BucketModel { Name = Name, AccessLevel = AccessLevel, CreatedAt = CreatedAt };
        foreach (var pair in Objects)
        {
            copy.Objects.Add(pair.Key, pair.Value);
        }

        return copy;
    }

    /// <summary>The <c>Bucket</c> schema.</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["access_level"] = AccessLevel,
        ["created_at"] = Formats.Time(CreatedAt),
    };
}

/// <summary>An object stored in a bucket.</summary>
internal sealed class BucketObjectModel
{
    public BucketObjectModel(string key, byte[] content, DateTimeOffset lastModified)
    {
        Key = key;
        Content = content;
        LastModified = lastModified;
        ETag = $"\"{Convert.ToHexString(SHA256.HashData(content), 0, 16)}\"";
    }

    public string Key { get; }

    public byte[] Content { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>A quoted content hash, as S3 sends it.</summary>
    public string ETag { get; }

    /// <summary>The <c>BucketObject</c> schema.</summary>
    public JsonObject ToJson() => new()
    {
        ["key"] = Key,
        ["size"] = Content.LongLength,
        ["last_modified"] = Formats.Time(LastModified),
        ["etag"] = ETag,
    };
}
