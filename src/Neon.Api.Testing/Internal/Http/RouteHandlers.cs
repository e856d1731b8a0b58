using System;
using System.Collections.Generic;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>Answers one implemented operation.</summary>
internal delegate ApiResult RouteHandler(RequestContext context);

/// <summary>A handler as registered: its operation, where that operation lives, and how it answers.</summary>
/// <param name="OperationId">The spec's operationId.</param>
/// <param name="Method">The HTTP method in upper case.</param>
/// <param name="Template">The path template, as the spec writes it (for example <c>/projects/{project_id}</c>).</param>
/// <param name="Handler">Answers the operation.</param>
/// <param name="Locking">
/// True for mutations that start operations (their responses carry <c>operations</c>): they get 423
/// while the project is locked. False for mutations that start none (buckets), which are never locked.
/// </param>
internal sealed record RouteEntry(string OperationId, string Method, string Template, RouteHandler Handler, bool Locking);

/// <summary>
/// The handlers the emulator has, by operationId, each with the route its operation has in the specs that list it.
/// Which of them a given spec keeps is decided by <see cref="Routing.HandlerBinding"/>.
/// </summary>
internal sealed class RouteHandlers
{
    private readonly Dictionary<string, RouteEntry> _routes = new(StringComparer.Ordinal);

    public IEnumerable<RouteEntry> Entries => _routes.Values;

    /// <summary>Adds an operation; as a mutation it is subject to project locks.</summary>
    /// <param name="operationId">The spec's operationId.</param>
    /// <param name="route">Method and path template, as <c>"POST /projects/{project_id}/branches"</c>.</param>
    /// <param name="handler">Answers it.</param>
    public void Add(string operationId, string route, RouteHandler handler) => Register(operationId, route, handler, locking: true);

    /// <summary>Adds an operation that starts no operations, so is never answered 423.</summary>
    /// <param name="operationId">The spec's operationId.</param>
    /// <param name="route">Method and path template, as <c>"POST /projects/{project_id}/branches"</c>.</param>
    /// <param name="handler">Answers it.</param>
    public void AddUnlocked(string operationId, string route, RouteHandler handler) => Register(operationId, route, handler, locking: false);

    private void Register(string operationId, string route, RouteHandler handler, bool locking)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || route[(space + 1)..] is not ['/', ..] template || template.Contains(' ', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The handler for {operationId} declares the route '{route}'; expected 'METHOD /path/{{parameter}}'.");
        }

        var method = route[..space];
        if (!string.Equals(method, method.ToUpperInvariant(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The handler for {operationId} declares the method '{method}'; write it in upper case.");
        }

        if (!_routes.TryAdd(operationId, new RouteEntry(operationId, method, template, handler, locking)))
        {
            throw new InvalidOperationException($"Two handlers are registered for {operationId}.");
        }
    }
}
