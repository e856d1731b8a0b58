using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Neon.Api.Testing.Internal.Routing;

/// <summary>
/// Every path+method of the vendored spec (embedded in this assembly), read once.
/// </summary>
/// <remarks>
/// The spec is a generated YAML file with a fixed layout (paths at two spaces, methods at four,
/// <c>operationId</c> at six), so a line scanner is enough and keeps the package free of a YAML
/// dependency. The tests check the table against a full OpenAPI parser.
/// </remarks>
internal static partial class SpecRouteTable
{
    private const string ResourceName = "Neon.Api.Testing.openapi.yaml";

    private static readonly Lazy<IReadOnlyList<SpecRoute>> LazyRoutes = new(Load);

    public static IReadOnlyList<SpecRoute> Routes => LazyRoutes.Value;

    /// <summary>The result of routing a request path and method.</summary>
    public static SpecRoute? Match(string method, IReadOnlyList<string> path, out Dictionary<string, string> parameters)
    {
        SpecRoute? best = null;
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in Routes)
        {
            if (!string.Equals(route.Method, method, StringComparison.Ordinal)
                || !route.TryMatch(path, out var candidate))
            {
                continue;
            }

            if (best is null || string.CompareOrdinal(route.Specificity, best.Specificity) > 0)
            {
                best = route;
                parameters = candidate;
            }
        }

        return best;
    }

    internal static IReadOnlyList<SpecRoute> Parse(TextReader reader)
    {
        var routes = new List<SpecRoute>();
        var inPaths = false;
        string? path = null;
        string? method = null;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inPaths = line.StartsWith("paths:", StringComparison.Ordinal);
                continue;
            }

            if (!inPaths)
            {
                continue;
            }

            Match m;
            if ((m = PathLine().Match(line)).Success)
            {
                path = m.Groups[1].Value;
                method = null;
            }
            else if ((m = MethodLine().Match(line)).Success)
            {
                method = m.Groups[1].Value.ToUpperInvariant();
            }
            else if (path is not null && method is not null && (m = OperationIdLine().Match(line)).Success)
            {
                routes.Add(new SpecRoute(method, path, m.Groups[1].Value.Trim('"', '\'')));
                method = null;
            }
        }

        return routes;
    }

    private static SpecRoute[] Load()
    {
        using var stream = typeof(SpecRouteTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded spec '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        var routes = Parse(reader);
        if (routes.Count == 0)
        {
            throw new InvalidOperationException("The embedded spec lists no operations.");
        }

        return routes.ToArray();
    }

    [GeneratedRegex(@"^  (/[^:\s]*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|put|post|delete|patch|head|options|trace):\s*$")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^      operationId:\s*(\S+)\s*$")]
    private static partial Regex OperationIdLine();
}
