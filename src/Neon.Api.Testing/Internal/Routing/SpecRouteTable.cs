using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Neon.Api.Testing.Internal.Routing;

/// <summary>
/// Every path+method of one spec: the vendored one (embedded in this assembly, see <see cref="Embedded"/>), or, in
/// tests, any other spec text.
/// </summary>
/// <remarks>
/// The spec is a generated YAML file with a fixed layout (paths at two spaces, methods at four,
/// <c>operationId</c> at six), so a line scanner is enough and keeps the package free of a YAML
/// dependency. The tests check the table against a full OpenAPI parser.
/// </remarks>
internal sealed partial class SpecRouteTable
{
    private const string SpecResourceName = "Neon.Api.Testing.openapi.yaml";
    private const string ProvenanceResourceName = "Neon.Api.Testing.provenance.json";

    private static readonly Lazy<SpecRouteTable> LazyEmbedded = new(LoadEmbedded);

    public SpecRouteTable(IReadOnlyList<SpecRoute> routes, string version)
    {
        Routes = routes;
        Version = version;
    }

    /// <summary>The table of the spec this assembly was built with.</summary>
    public static SpecRouteTable Embedded => LazyEmbedded.Value;

    public IReadOnlyList<SpecRoute> Routes { get; }

    /// <summary>Where the spec came from, for messages: <c>@neondatabase/api-client 2.7.3</c>, or what a test says.</summary>
    public string Version { get; }

    /// <summary>The route of an operation of this spec, or null when the spec lacks it.</summary>
    public SpecRoute? Find(string operationId) => Routes.FirstOrDefault(r => string.Equals(r.OperationId, operationId, StringComparison.Ordinal));

    /// <summary>The route with exactly this method and path template, or null.</summary>
    public SpecRoute? Find(string method, string template) =>
        Routes.FirstOrDefault(r => string.Equals(r.Method, method, StringComparison.Ordinal) && string.Equals(r.Template, template, StringComparison.Ordinal));

    /// <summary>The most specific route matching a request path and method, or null.</summary>
    public SpecRoute? Match(string method, IReadOnlyList<string> path, out Dictionary<string, string> parameters) =>
        MatchAmong(Routes, method, path, out parameters);

    /// <summary>The most specific of <paramref name="routes"/> matching a request path and method, or null.</summary>
    public static SpecRoute? MatchAmong(IEnumerable<SpecRoute> routes, string method, IReadOnlyList<string> path, out Dictionary<string, string> parameters)
    {
        SpecRoute? best = null;
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in routes)
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

    private static SpecRouteTable LoadEmbedded()
    {
        var assembly = typeof(SpecRouteTable).Assembly;
        using var stream = assembly.GetManifestResourceStream(SpecResourceName)
            ?? throw new InvalidOperationException($"Embedded spec '{SpecResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        var routes = Parse(reader);
        if (routes.Count == 0)
        {
            throw new InvalidOperationException("The embedded spec lists no operations.");
        }

        return new SpecRouteTable(routes.ToArray(), ReadVersion(assembly.GetManifestResourceStream(ProvenanceResourceName)));
    }

    /// <summary>"package version" from <c>openapi/provenance.json</c>; "the vendored spec" when it cannot be read.</summary>
    private static string ReadVersion(Stream? provenance)
    {
        const string Unknown = "the vendored spec";
        if (provenance is null)
        {
            return Unknown;
        }

        using (provenance)
        {
            try
            {
                using var document = JsonDocument.Parse(provenance);
                var root = document.RootElement;
                var package = root.TryGetProperty("package", out var p) ? p.GetString() : null;
                var version = root.TryGetProperty("version", out var v) ? v.GetString() : null;
                return version is null ? Unknown : $"{package ?? "spec"} {version}";
            }
            catch (JsonException)
            {
                return Unknown;
            }
        }
    }

    [GeneratedRegex(@"^  (/[^:\s]*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|put|post|delete|patch|head|options|trace):\s*$")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^      operationId:\s*(\S+)\s*$")]
    private static partial Regex OperationIdLine();
}
