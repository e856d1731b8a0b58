using System;
using System.Collections.Generic;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>Answers one implemented operation.</summary>
internal delegate ApiResult RouteHandler(RequestContext context);

/// <summary>An implemented operation: its handler and whether, as a mutation, it is subject to project locks.</summary>
/// <param name="Handler">Answers the operation.</param>
/// <param name="Locking">
/// True for mutations that start operations (their responses carry <c>operations</c>): they get 423
/// while the project is locked. False for mutations that start none (buckets), which are never locked.
/// </param>
internal sealed record RouteEntry(RouteHandler Handler, bool Locking);

/// <summary>The implemented operations, by operationId.</summary>
internal sealed class RouteHandlers
{
    private readonly Dictionary<string, RouteEntry> _routes = new(StringComparer.Ordinal);

    public IEnumerable<string> OperationIds => _routes.Keys;

    /// <summary>Adds an operation; as a mutation it is subject to project locks.</summary>
    public void Add(string operationId, RouteHandler handler) => _routes.Add(operationId, new RouteEntry(handler, Locking: true));

    /// <summary>Adds an operation that starts no operations, so is never answered 423.</summary>
    public void AddUnlocked(string operationId, RouteHandler handler) => _routes.Add(operationId, new RouteEntry(handler, Locking: false));

    public bool TryGet(string operationId, out RouteEntry route) =>
        _routes.TryGetValue(operationId, out route!);
}
