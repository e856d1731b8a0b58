using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>The two pagination shapes the emulated operations use.</summary>
internal static class Paging
{
    /// <summary>
    /// The <c>pagination: { cursor }</c> shape (listProjects, listProjectOperations): items after the
    /// item whose key is <paramref name="cursor"/>, in the given order. The cursor sent back is the
    /// last item's key, on every page, so it is no end signal: a short or empty page ends the listing.
    /// </summary>
    /// <param name="ordered">The items in listing order.</param>
    /// <param name="cursor">The cursor sent by the client, or null for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="key">The key of an item (what the cursor holds).</param>
    /// <param name="position">The position of a cursor in listing order, or null when the key is unknown.</param>
    /// <param name="positionOf">The position of an item in listing order.</param>
    public static (List<T> Page, JsonObject? Pagination) ByCursor<T>(
        IEnumerable<T> ordered,
        string? cursor,
        int limit,
        Func<T, string> key,
        Func<string, long?> position,
        Func<T, long> positionOf)
    {
        var items = ordered;
        if (cursor is not null)
        {
            var after = position(cursor) ?? throw ApiError.BadRequest($"cursor '{cursor}' is not valid");
            items = items.Where(item => positionOf(item) > after);
        }

        var page = items.Take(limit).ToList();
        var last = page.Count > 0 ? key(page[^1]) : cursor;
        return (page, last is null ? null : new JsonObject { ["cursor"] = last });
    }

    /// <summary>
    /// The <c>pagination: { next, sort_by, sort_order }</c> shape (listProjectBranches): a keyset over
    /// (sort key, id); <c>next</c> is an opaque cursor, present only when more items follow.
    /// </summary>
    public static (List<T> Page, JsonObject Pagination) BySortKey<T>(
        IEnumerable<T> items,
        string sortBy,
        bool descending,
        string? cursor,
        int? limit,
        Func<T, string> sortKey,
        Func<T, string> id)
    {
        var comparer = Comparer<(string Key, string Id)>.Create((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Id, b.Id);
        });
        var keyed = items.Select(item => (Item: item, Key: (sortKey(item), id(item))));
        keyed = descending
            ? keyed.OrderByDescending(x => x.Key, comparer)
            : keyed.OrderBy(x => x.Key, comparer);
        if (cursor is not null)
        {
            var after = DecodeCursor(cursor, sortBy);
            keyed = keyed.Where(x => descending ? comparer.Compare(x.Key, after) < 0 : comparer.Compare(x.Key, after) > 0);
        }

        var all = keyed.ToList();
        var page = limit is { } n ? all.Take(n).ToList() : all;
        var pagination = new JsonObject();
        if (page.Count < all.Count)
        {
            pagination["next"] = EncodeCursor(sortBy, page[^1].Key);
        }

        pagination["sort_by"] = sortBy;
        pagination["sort_order"] = descending ? "desc" : "asc";
        return (page.Select(x => x.Item).ToList(), pagination);
    }

    private static string EncodeCursor(string sortBy, (string Key, string Id) last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sortBy}\n{last.Key}\n{last.Id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string Key, string Id) DecodeCursor(string cursor, string sortBy)
    {
        string text;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest($"cursor '{cursor}' is not valid");
        }

        var first = text.IndexOf('\n', StringComparison.Ordinal);
        var last = text.LastIndexOf('\n');
        if (first < 0 || last <= first)
        {
            throw ApiError.BadRequest($"cursor '{cursor}' is not valid");
        }

        if (!string.Equals(text[..first], sortBy, StringComparison.Ordinal))
        {
            throw ApiError.BadRequest($"cursor was issued for sort_by={text[..first]}, not sort_by={sortBy}");
        }

        return (text[(first + 1)..last], text[(last + 1)..]);
    }
}
