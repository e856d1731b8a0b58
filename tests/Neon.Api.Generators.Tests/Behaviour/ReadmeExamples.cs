using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.Paging;

namespace Neon.Api.Generators.Tests.Behaviour;

/// <summary>The examples of README.md, compiled here so they stay correct. Keep the two in step.</summary>
internal static class ReadmeExamples
{
    public static async Task ListEverythingAsync(NeonClient neon, CancellationToken cancellationToken)
    {
        // Every project, page after page; filters and limit are sent with every page.
        await foreach (var project in neon.Project.ListProjectsAllAsync(limit: 100, search: "preview-", cancellationToken: cancellationToken))
        {
            Console.WriteLine($"{project.Id} {project.Name}");
        }

        // Page by page, with the raw response and the cursor to resume from later.
        await foreach (var page in neon.Branch.ListProjectBranchesAllAsync("shiny-wind-028834", sortOrder: SortOrder.Asc, cancellationToken: cancellationToken).AsPages())
        {
            Console.WriteLine($"{page.Items.Count} branches, next cursor: {page.ContinuationCursor ?? "(last page)"}");
        }
    }

    public static async Task WaitForOperationsAsync(NeonClient neon)
    {
        // Returns the response once every operation it started has finished.
        var created = await neon.Branch
            .CreateProjectBranchAsync("shiny-wind-028834", new CreateProjectBranchRequest())
            .WaitForOperationsAsync(neon);

        // Bounded, with a custom deadline; failures and timeouts are typed.
        try
        {
            await neon.Endpoint
                .StartProjectEndpointAsync("shiny-wind-028834", created.Endpoints[0].Id)
                .WaitForOperationsAsync(neon, new NeonWaitOptions { Timeout = TimeSpan.FromSeconds(60) });
        }
        catch (NeonOperationFailedException failed)
        {
            Console.WriteLine($"{failed.OperationId} ({failed.Action}) ended {failed.Status}: {failed.Error}");
        }
        catch (NeonOperationTimeoutException timeout)
        {
            Console.WriteLine($"Still running after {timeout.Timeout}: {string.Join(", ", timeout.UnfinishedOperations)}");
        }
    }

    public static async Task FakeAListingAsync()
    {
        // In tests: a listing made of pages in memory.
        var fake = NeonPageable.FromPages(new[]
        {
            NeonPage.FromItems(new[] { "a", "b" }, continuationCursor: "next"),
            NeonPage.FromItems(new[] { "c" }),
        });
        await foreach (var item in fake)
        {
            Console.WriteLine(item);
        }
    }
}
