using System;
using System.Collections.Generic;
using System.Linq;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.Routing;

/// <summary>
/// The emulator's handlers matched to the spec it is built with: those whose operation the spec lists are
/// <see cref="Implemented"/>; those whose operation the spec lacks (a handler written for a newer spec, with an older
/// spec vendored) are <see cref="LeftOut"/>, and their routes answer 404 naming the operation.
/// </summary>
/// <remarks>
/// A spec that lacks an operation cannot tell a handler written for a newer spec from a misspelt one. What it can tell
/// is checked here, and each mistake fails the construction with every mistake listed:
/// <list type="bullet">
/// <item>a handler whose operation the spec lists at another method or path (the declared route is wrong);</item>
/// <item>a handler whose operation the spec lacks, declared at a method and path the spec gives to another operation
/// (the operationId is misspelt, or Neon renamed the operation).</item>
/// </list>
/// Whether every handler's operation exists in some published spec is checked by the emulator's tests, which know the
/// published versions.
/// </remarks>
internal sealed class HandlerBinding
{
    private HandlerBinding(IReadOnlyDictionary<string, RouteEntry> implemented, IReadOnlyList<SpecRoute> leftOut)
    {
        Implemented = implemented;
        LeftOut = leftOut;
    }

    /// <summary>The handlers of operations the spec lists, by operationId.</summary>
    public IReadOnlyDictionary<string, RouteEntry> Implemented { get; }

    /// <summary>The routes of handlers whose operation the spec lacks.</summary>
    public IReadOnlyList<SpecRoute> LeftOut { get; }

    /// <summary>Matches <paramref name="handlers"/> to <paramref name="spec"/>.</summary>
    /// <exception cref="InvalidOperationException">A handler contradicts the spec (the message lists every one).</exception>
    public static HandlerBinding Bind(RouteHandlers handlers, SpecRouteTable spec)
    {
        var implemented = new Dictionary<string, RouteEntry>(StringComparer.Ordinal);
        var leftOut = new List<SpecRoute>();
        var mistakes = new List<string>();
        foreach (var entry in handlers.Entries)
        {
            if (spec.Find(entry.OperationId) is { } route)
            {
                if (route.Method == entry.Method && route.Template == entry.Template)
                {
                    implemented.Add(entry.OperationId, entry);
                }
                else
                {
                    mistakes.Add($"the handler for {entry.OperationId} is declared at {entry.Method} {entry.Template}, but the spec has {entry.OperationId} at {route.Method} {route.Template}");
                }
            }
            else if (spec.Find(entry.Method, entry.Template) is { } other)
            {
                mistakes.Add($"the handler for {entry.OperationId} is declared at {entry.Method} {entry.Template}, which the spec calls {other.OperationId} (a misspelt or renamed operationId)");
            }
            else
            {
                leftOut.Add(new SpecRoute(entry.Method, entry.Template, entry.OperationId));
            }
        }

        if (mistakes.Count > 0)
        {
            throw new InvalidOperationException(
                $"The emulator's handlers contradict the spec it is built with ({spec.Version}): {string.Join("; ", mistakes)}.");
        }

        return new HandlerBinding(implemented, leftOut.OrderBy(r => r.OperationId, StringComparer.Ordinal).ToArray());
    }
}
