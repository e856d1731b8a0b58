using System;
using System.Collections.Generic;
using Neon.Api.Core;

namespace Neon.Api.Paging;

/// <summary>One page of a cursor-paginated Neon listing.</summary>
/// <typeparam name="T">The type of the listed items.</typeparam>
public class NeonPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items on this page.</param>
    /// <param name="continuationCursor">The cursor that fetches the next page, or <see langword="null"/> when this is the last page.</param>
    /// <param name="rawResponse">The response object the page was read from, if any.</param>
    public NeonPage(IReadOnlyList<T> items, string? continuationCursor, object? rawResponse = null)
    {
        Items = Guard.NotNull(items, nameof(items));
        ContinuationCursor = string.IsNullOrEmpty(continuationCursor) ? null : continuationCursor;
        RawResponse = rawResponse;
    }

    /// <summary>The items on this page (possibly none).</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The cursor to pass to fetch the page after this one; <see langword="null"/> when this is the last page.</summary>
    public string? ContinuationCursor { get; }

    /// <summary>
    /// The deserialized response this page came from (for example <c>ListProjectsResponse</c>, which also carries
    /// <c>UnavailableProjectIds</c>), or <see langword="null"/> for pages made with <see cref="NeonPage.FromItems{T}"/>.
    /// </summary>
    public object? RawResponse { get; }
}

/// <summary>Factories for <see cref="NeonPage{T}"/>.</summary>
public static class NeonPage
{
    /// <summary>Makes a page, typically to fake a listing in tests.</summary>
    /// <typeparam name="T">The type of the items.</typeparam>
    /// <param name="items">The items on the page.</param>
    /// <param name="continuationCursor">The cursor of the next page, or <see langword="null"/> for the last page.</param>
    /// <param name="rawResponse">An optional raw response object.</param>
    /// <returns>The page.</returns>
    public static NeonPage<T> FromItems<T>(IReadOnlyList<T> items, string? continuationCursor = null, object? rawResponse = null) =>
        new(items, continuationCursor, rawResponse);
}
