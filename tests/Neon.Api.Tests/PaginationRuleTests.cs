using Neon.Api.Paging;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary>
/// The end-of-listing rules the generated listing methods call, as the pure functions they are. <c>NeonPagination</c>
/// is internal (only generated code in this assembly calls it), so these tests live here, where the library's
/// internals are visible.
/// </summary>
[TestFixture]
public sealed class PaginationRuleTests
{
    [TestCase(null, "c1", 2, 2, ExpectedResult = "c1")]
    [TestCase("c1", "c2", 2, 2, ExpectedResult = "c2")]
    [TestCase("c1", "c2", 1, 2, ExpectedResult = null, Description = "short page")]
    [TestCase("c1", "c2", 0, null, ExpectedResult = null, Description = "empty page")]
    [TestCase("c1", "c2", 3, null, ExpectedResult = "c2", Description = "page size unknown")]
    [TestCase("c1", "c1", 2, 2, ExpectedResult = null, Description = "repeated cursor")]
    [TestCase(null, "", 2, 2, ExpectedResult = null)]
    public string? Page_cursor_rule(string? sent, string? pageCursor, int count, int? pageSize) =>
        NeonPagination.NextFromPageCursor(sent, pageCursor, count, pageSize);

    [TestCase(null, "n1", ExpectedResult = "n1")]
    [TestCase("n1", "n2", ExpectedResult = "n2")]
    [TestCase("n1", "n1", ExpectedResult = null)]
    [TestCase("n1", "", ExpectedResult = null)]
    [TestCase("n1", null, ExpectedResult = null)]
    public string? Next_rule(string? sent, string? next) => NeonPagination.NextFromNext(sent, next);

    [TestCase(null, "k1", true, ExpectedResult = "k1")]
    [TestCase(null, "k1", null, ExpectedResult = "k1")]
    [TestCase(null, "k1", false, ExpectedResult = null)]
    [TestCase(null, "", true, ExpectedResult = null)]
    [TestCase("k1", "k1", true, ExpectedResult = null)]
    public string? Truncation_rule(string? sent, string? nextCursor, bool? truncated) => NeonPagination.NextFromTruncation(sent, nextCursor, truncated);
}
