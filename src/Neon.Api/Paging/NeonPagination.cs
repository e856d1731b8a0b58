using System;
using System.Collections.Generic;
using System.Linq;

namespace Neon.Api.Paging;

/// <summary>
/// The end-of-listing rules for the three cursor shapes of the Neon API, as pure functions. Generated listing
/// methods call them to decide the continuation cursor of each page.
/// </summary>
internal static class NeonPagination
{
    /// <summary>
    /// Shape <c>pagination: { cursor }</c> (for example <c>listProjects</c>): the cursor is present on every page (it
    /// is the last item's key), so the listing ends on an empty page or on a page shorter than the page size.
    /// </summary>
    /// <param name="sentCursor">The cursor sent to fetch this page, or <see langword="null"/> for the first page.</param>
    /// <param name="pageCursor">The page's <c>pagination.cursor</c>.</param>
    /// <param name="itemCount">How many items the page holds.</param>
    /// <param name="pageSize">The page size in force (the <c>limit</c> sent, else the API's default), or <see langword="null"/> when unknown: then only an empty page ends the listing.</param>
    /// <returns>The cursor of the next page, or <see langword="null"/> when this page is the last.</returns>
    public static string? NextFromPageCursor(string? sentCursor, string? pageCursor, int itemCount, int? pageSize)
    {
        if (itemCount == 0 || pageCursor is null || pageCursor.Length == 0)
        {
            return null;
        }

        if (pageSize is int size && itemCount < size)
        {
            return null;
        }

        return Repeats(sentCursor, pageCursor) ? null : pageCursor;
    }

    /// <summary>
    /// Shape <c>pagination: { next, sort_by, sort_order }</c> (for example <c>listProjectBranches</c>): the listing
    /// ends when <c>next</c> is absent or empty, or equals the cursor just sent.
    /// </summary>
    /// <param name="sentCursor">The cursor sent to fetch this page, or <see langword="null"/> for the first page.</param>
    /// <param name="next">The page's <c>pagination.next</c>.</param>
    /// <returns>The cursor of the next page, or <see langword="null"/> when this page is the last.</returns>
    public static string? NextFromNext(string? sentCursor, string? next) =>
        next is null || next.Length == 0 || Repeats(sentCursor, next) ? null : next;

    /// <summary>
    /// Shape with top-level <c>next_cursor</c> and <c>is_truncated</c> (for example
    /// <c>listProjectBranchBucketObjects</c>): the listing ends when <c>is_truncated</c> is false or
    /// <c>next_cursor</c> is absent or empty (or repeats the cursor just sent).
    /// </summary>
    /// <param name="sentCursor">The cursor sent to fetch this page, or <see langword="null"/> for the first page.</param>
    /// <param name="nextCursor">The page's <c>next_cursor</c>.</param>
    /// <param name="isTruncated">The page's <c>is_truncated</c>, or <see langword="null"/> when absent.</param>
    /// <returns>The cursor of the next page, or <see langword="null"/> when this page is the last.</returns>
    public static string? NextFromTruncation(string? sentCursor, string? nextCursor, bool? isTruncated) =>
        isTruncated == false || nextCursor is null || nextCursor.Length == 0 || Repeats(sentCursor, nextCursor) ? null : nextCursor;

    /// <summary>Turns a response's item collection into a read-only list; <see langword="null"/> becomes an empty list.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The collection from the response.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<T> ToReadOnlyList<T>(IEnumerable<T>? items) => items switch
    {
        null => Array.Empty<T>(),
        IReadOnlyList<T> list => list,
        _ => items.ToList(),
    };

    private static bool Repeats(string? sentCursor, string next) =>
        sentCursor is not null && string.Equals(sentCursor, next, StringComparison.Ordinal);
}
