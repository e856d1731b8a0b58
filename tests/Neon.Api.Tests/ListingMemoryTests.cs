using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>
/// Listing everything holds one page at a time: what was listed before is garbage once the caller moves on, so memory
/// stays flat however many projects an account has.
/// </summary>
public class ListingMemoryTests
{
    private const int PageSize = 100;
    private const int Pages = 20;

    [Test]
    public async Task Listing_keeps_no_earlier_page_alive()
    {
        using var mock = new MockHttpMessageHandler();
        for (var page = 0; page < Pages; page++)
        {
            var cursor = page == 0 ? null : $"p-{(page * PageSize) - 1}";
            var count = page == Pages - 1 ? PageSize / 2 : PageSize;
            var body = "{\"projects\":[" + string.Join(",", Enumerable.Range(page * PageSize, count).Select(i => $"{{\"id\":\"p-{i}\",\"name\":\"project {i}\"}}"))
                + $"],\"pagination\":{{\"cursor\":\"p-{(page * PageSize) + count - 1}\"}}}}";
            var request = mock.When($"https://console.neon.tech/api/v2/projects").WithQueryString("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request = cursor is null ? request.With(r => !r.RequestUri!.Query.Contains("cursor=", StringComparison.Ordinal)) : request.WithQueryString("cursor", cursor);
            request.Respond("application/json", body);
        }

        using var client = TestSupport.CreateClient(mock);
        WeakReference? first = null;
        var listed = 0;
        var collectedWhileListing = false;
        await foreach (var project in client.Project.ListProjectsAllAsync(limit: PageSize))
        {
            first ??= Track(project);
            listed++;
            if (listed == PageSize * 10)
            {
                // Ten pages later, the first page's projects must be unreachable from the listing.
                collectedWhileListing = IsCollected(first);
            }
        }

        Assert.That(listed, Is.EqualTo(((Pages - 1) * PageSize) + (PageSize / 2)));
        Assert.That(collectedWhileListing, Is.True, "the first page was still alive ten pages later");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Track(object value) => new(value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsCollected(WeakReference reference)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return !reference.IsAlive;
    }
}
