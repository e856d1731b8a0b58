using System;
using System.Collections.Generic;
using System.Linq;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Finding a resource named by a path parameter, with a 404 that names it.</summary>
internal static class Lookup
{
    /// <summary>The item whose UUID is the path parameter <paramref name="parameter"/> (any letter case), or 404.</summary>
    /// <param name="context">The request.</param>
    /// <param name="parameter">The path parameter holding the id, for example <c>permission_id</c>.</param>
    /// <param name="items">Where to look.</param>
    /// <param name="id">The id of an item.</param>
    /// <param name="what">What the item is, for the message (<c>permission</c>).</param>
    /// <param name="where">Where it was looked for, for the message (<c>project silent-river-12345678</c>).</param>
    public static T ByUuid<T>(RequestContext context, string parameter, IEnumerable<T> items, Func<T, Guid> id, string what, string where)
        where T : class
    {
        var text = context.Path(parameter);
        return items.FirstOrDefault(item => string.Equals(id(item).ToString(), text, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiError.NotFound($"{what} {text} not found in {where}");
    }
}
