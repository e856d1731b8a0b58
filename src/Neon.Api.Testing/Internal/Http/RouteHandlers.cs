using System;
using System.Collections.Generic;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>Answers one implemented operation.</summary>
internal delegate ApiResult RouteHandler(RequestContext context);

/// <summary>The implemented operations, by operationId.</summary>
internal sealed class RouteHandlers
{
    private readonly Dictionary<string, RouteHandler> _handlers = new(StringComparer.Ordinal);

    public IEnumerable<string> OperationIds => _handlers.Keys;

    public void Add(string operationId, RouteHandler handler) => _handlers.Add(operationId, handler);

    public bool TryGet(string operationId, out RouteHandler handler) =>
        _handlers.TryGetValue(operationId, out handler!);
}
