using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;

namespace Neon.Api.Paging;

/// <summary>
/// A lazily fetched, cursor-paginated Neon listing: enumerate it with <c>await foreach</c> to get every item of
/// every page, or call <see cref="AsPages"/> to work page by page.
/// </summary>
/// <remarks>
/// No request is sent until enumeration starts; each page is requested only when the previous one is used up, and
/// no request is sent after the page that shows the end of the listing. Each enumeration starts a new listing.
/// </remarks>
/// <typeparam name="T">The type of the listed items.</typeparam>
public abstract class NeonPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>Creates the pageable; derive from it to fake a listing, or use <see cref="NeonPageable.FromPages{T}"/>.</summary>
    protected NeonPageable()
    {
    }

    /// <summary>Enumerates the listing page by page.</summary>
    /// <param name="continuationCursor">
    /// A cursor taken from <see cref="NeonPage{T}.ContinuationCursor"/> of an earlier enumeration to resume from,
    /// or <see langword="null"/> to start at the first page.
    /// </param>
    /// <param name="pageSizeHint">A page size (the API's <c>limit</c>) that overrides the one given when the listing was created.</param>
    /// <returns>The pages, fetched one at a time as they are enumerated.</returns>
    public abstract IAsyncEnumerable<NeonPage<T>> AsPages(string? continuationCursor = null, int? pageSizeHint = null);

    /// <summary>Enumerates every item of every page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration (also set by <c>WithCancellation</c>).</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    internal sealed class FetchingPageable : NeonPageable<T>
    {
        private readonly NeonPageFetcher<T> _fetchPage;
        private readonly CancellationToken _cancellationToken;

        public FetchingPageable(NeonPageFetcher<T> fetchPage, CancellationToken cancellationToken)
        {
            _fetchPage = fetchPage;
            _cancellationToken = cancellationToken;
        }

        public override IAsyncEnumerable<NeonPage<T>> AsPages(string? continuationCursor = null, int? pageSizeHint = null) =>
            PagesAsync(continuationCursor, pageSizeHint, default);

        private async IAsyncEnumerable<NeonPage<T>> PagesAsync(
            string? continuationCursor,
            int? pageSizeHint,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken);
            var token = linked.Token;

            // Every cursor sent in this enumeration: a server that hands back one of them again would make the
            // listing loop forever, so such a page ends it instead.
            var sent = new HashSet<string>(StringComparer.Ordinal);
            var cursor = string.IsNullOrEmpty(continuationCursor) ? null : continuationCursor;
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (cursor is not null)
                {
                    sent.Add(cursor);
                }

                var page = await _fetchPage(cursor, pageSizeHint, token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The page fetcher returned no page.");
                var next = page.ContinuationCursor;
                if (next is not null && sent.Contains(next))
                {
                    page = new NeonPage<T>(page.Items, null, page.RawResponse);
                    next = null;
                }

                yield return page;
                if (next is null)
                {
                    yield break;
                }

                cursor = next;
            }
        }
    }

    internal sealed class StaticPageable : NeonPageable<T>
    {
        private readonly IReadOnlyList<NeonPage<T>> _pages;

        public StaticPageable(IReadOnlyList<NeonPage<T>> pages) => _pages = pages;

        public override IAsyncEnumerable<NeonPage<T>> AsPages(string? continuationCursor = null, int? pageSizeHint = null) =>
            PagesAsync(continuationCursor, default);

        private async IAsyncEnumerable<NeonPage<T>> PagesAsync(string? continuationCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // Resuming skips every page up to and including the one whose continuation cursor was given.
            var skipping = continuationCursor is not null;
            foreach (var page in _pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (skipping)
                {
                    skipping = !string.Equals(page.ContinuationCursor, continuationCursor, StringComparison.Ordinal);
                    continue;
                }

                yield return page;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}

/// <summary>Factories for <see cref="NeonPageable{T}"/>.</summary>
public static class NeonPageable
{
    /// <summary>Makes a listing from pages already in memory, typically to fake a generated listing method in tests.</summary>
    /// <typeparam name="T">The type of the listed items.</typeparam>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>A listing that yields those pages.</returns>
    public static NeonPageable<T> FromPages<T>(IEnumerable<NeonPage<T>> pages)
    {
        Guard.NotNull(pages, nameof(pages));
        return new NeonPageable<T>.StaticPageable(pages.ToList());
    }

    /// <summary>Makes a listing that fetches its pages with <paramref name="fetchPage"/>; generated listing methods use it.</summary>
    /// <typeparam name="T">The type of the listed items.</typeparam>
    /// <param name="fetchPage">Fetches one page; returns a page whose continuation cursor is <see langword="null"/> at the end.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the listing, in addition to the token given to the enumerator.</param>
    /// <returns>The listing.</returns>
    public static NeonPageable<T> Create<T>(NeonPageFetcher<T> fetchPage, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(fetchPage, nameof(fetchPage));
        return new NeonPageable<T>.FetchingPageable(fetchPage, cancellationToken);
    }
}
