using System.Collections.Generic;
using System.Linq;
using Neon.Api.Generators.Models;
using static Neon.Api.Generators.Emitters.GeneratedSource;

namespace Neon.Api.Generators.Emitters;

/// <summary>Emits the listing methods (<c>ListProjectsAllAsync</c>) of one raw client class.</summary>
internal static class PaginationEmitter
{
    /// <summary>The <c>{Type}.Pagination.g.cs</c> file: one listing method per pageable operation of the class.</summary>
    public static string Emit(ClientTypeModel model) =>
        PartialClass(model, w => w.Separated(model.Pageables, WritePageable));

    private static void WritePageable(SourceWriter w, PageableModel pageable)
    {
        var p = pageable.Pagination;
        var itemType = p.ItemType;
        var parameters = ListingParameters(pageable);
        var token = parameters.First(x => x.IsCancellationToken);

        w.Line("/// <summary>");
        w.Line($"/// Lists every item of <c>{pageable.OperationId}</c> (<c>{pageable.HttpMethod} /{Xml(pageable.Path.TrimStart('/'))}</c>) across all pages, fetching each page only");
        w.Line($"/// when the previous one is used up; <c>AsPages()</c> on the result works page by page. See <c>{pageable.RawMethodName}</c> for one page.");
        w.Line("/// </summary>");
        foreach (var parameter in parameters)
        {
            w.Line($"/// <param name=\"{parameter.Name.TrimStart('@')}\">{ParameterDoc(pageable, parameter)}</param>");
        }

        w.Line("/// <returns>The listing; nothing is requested until it is enumerated.</returns>");
        w.Line(GeneratedCodeAttribute);
        w.Line($"public virtual {ListingType(p)} {pageable.MethodName}({Parameters(parameters)})");
        using (w.Block())
        {
            w.Line($"return {Paging}.NeonPageable.Create<{itemType}>(async (__cursor, __pageSizeHint, __cancellationToken) =>");
            using (w.Block(", " + token.Name + ");"))
            {
                if (p.LimitParameter is not null)
                {
                    w.Line($"var __pageSize = __pageSizeHint ?? {p.LimitParameter};");
                }

                w.Line($"var __response = await {pageable.RawMethodName}({string.Join(", ", PageArguments(pageable))}).ConfigureAwait(false);");
                w.Line($"var __items = {Paging}.NeonPagination.ToReadOnlyList<{itemType}>(__response.{p.ItemsProperty});");
                w.Line($"var __next = {Paging}.NeonPagination.{NextCursorCall(p)};");
                w.Line($"return new {Paging}.NeonPage<{itemType}>(__items, __next, __response);");
            }
        }
    }

    /// <summary>The listing method's parameters: the raw method's without the cursor, and a cancellation token at the end if it had none.</summary>
    public static List<ParameterModel> ListingParameters(PageableModel pageable)
    {
        var parameters = pageable.Parameters.ToList();
        if (!parameters.Any(x => x.IsCancellationToken))
        {
            parameters.Add(new ParameterModel("cancellationToken", CancellationToken, false, true, "default"));
        }

        return parameters;
    }

    /// <summary>The listing method's return type.</summary>
    public static string ListingType(PaginationModel pagination) => $"{Paging}.NeonPageable<{pagination.ItemType}>";

    private static string ParameterDoc(PageableModel pageable, ParameterModel parameter) =>
        parameter.IsCancellationToken
            ? "Cancels the listing, in addition to a token passed to <c>WithCancellation</c>."
            : parameter.Name == pageable.Pagination.LimitParameter
                ? "The page size, sent with every page request; <c>AsPages(pageSizeHint: n)</c> overrides it."
                : $"Sent with every page request, as in <c>{pageable.RawMethodName}</c>.";

    /// <summary>The raw method's arguments for one page: the cursor, the page size in force, the listing's own token.</summary>
    private static IEnumerable<string> PageArguments(PageableModel pageable)
    {
        var p = pageable.Pagination;
        yield return $"{p.CursorParameter}: __cursor";
        foreach (var parameter in pageable.Parameters)
        {
            var value = parameter.IsCancellationToken ? "__cancellationToken"
                : parameter.Name == p.LimitParameter ? "__pageSize"
                : parameter.Name;
            yield return $"{parameter.Name}: {value}";
        }
    }

    /// <summary>The <c>NeonPagination</c> rule that decides the next cursor for the response's shape.</summary>
    private static string NextCursorCall(PaginationModel p) => p.Shape switch
    {
        PaginationShape.PageCursor =>
            $"NextFromPageCursor(__cursor, __response.{p.NextCursorAccess}, __items.Count, {PageSizeExpression(p)})",
        PaginationShape.Next => $"NextFromNext(__cursor, __response.{p.NextCursorAccess})",
        _ => $"NextFromTruncation(__cursor, __response.{p.NextCursorAccess}, {(p.IsTruncatedAccess is null ? "null" : "__response." + p.IsTruncatedAccess)})",
    };

    private static string PageSizeExpression(PaginationModel p) => (p.LimitParameter, p.DefaultPageSize) switch
    {
        (null, null) => "null",
        (null, var size) => size!,
        (_, null) => "__pageSize",
        (_, var size) => $"__pageSize ?? {size}",
    };
}
