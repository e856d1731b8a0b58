namespace Neon.Api.Generators.Models;

/// <summary>The three cursor shapes of the Neon API.</summary>
internal enum PaginationShape
{
    /// <summary><c>pagination: { cursor }</c>: ends on an empty page or a page shorter than the page size.</summary>
    PageCursor,

    /// <summary><c>pagination: { next }</c>: ends when <c>next</c> is empty or repeats the cursor sent.</summary>
    Next,

    /// <summary>Top-level <c>next_cursor</c> and <c>is_truncated</c>: ends when not truncated or no cursor.</summary>
    Truncation,
}

/// <summary>How to page through one operation.</summary>
/// <param name="Shape">The cursor shape of the response.</param>
/// <param name="ItemType">The fully qualified item type.</param>
/// <param name="ItemsProperty">The response property holding the page's items.</param>
/// <param name="CursorParameter">The raw method's cursor parameter.</param>
/// <param name="LimitParameter">The raw method's page-size parameter (<c>int</c> or <c>int?</c>), or <see langword="null"/>.</param>
/// <param name="NextCursorAccess">The member access, from the response, of the next cursor (for example <c>Pagination?.Cursor</c>).</param>
/// <param name="IsTruncatedAccess">The member access of <c>is_truncated</c> (shape <see cref="PaginationShape.Truncation"/> only).</param>
/// <param name="DefaultPageSize">The API's page size when no limit is sent, as C# text, or <see langword="null"/> when unknown.</param>
internal sealed record PaginationModel(
    PaginationShape Shape,
    string ItemType,
    string ItemsProperty,
    string CursorParameter,
    string? LimitParameter,
    string NextCursorAccess,
    string? IsTruncatedAccess,
    string? DefaultPageSize);
