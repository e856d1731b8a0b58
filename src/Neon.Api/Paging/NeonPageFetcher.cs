using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Paging;

/// <summary>Fetches one page of a listing.</summary>
/// <typeparam name="T">The type of the listed items.</typeparam>
/// <param name="cursor">The cursor of the page to fetch, or <see langword="null"/> for the first page.</param>
/// <param name="pageSizeHint">A page size that overrides the one the listing was created with, or <see langword="null"/>.</param>
/// <param name="cancellationToken">Cancels the request.</param>
/// <returns>The page; its <see cref="NeonPage{T}.ContinuationCursor"/> is <see langword="null"/> when it is the last one.</returns>
public delegate Task<NeonPage<T>> NeonPageFetcher<T>(string? cursor, int? pageSizeHint, CancellationToken cancellationToken);
