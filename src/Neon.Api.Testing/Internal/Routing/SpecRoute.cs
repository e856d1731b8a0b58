using System;
using System.Collections.Generic;
using System.Linq;

namespace Neon.Api.Testing.Internal.Routing;

/// <summary>One path+method of the spec: its template and operationId.</summary>
internal sealed class SpecRoute
{
    public SpecRoute(string method, string template, string operationId)
    {
        Method = method;
        Template = template;
        OperationId = operationId;
        Segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path template as written in the spec, for example <c>/projects/{project_id}</c>.</summary>
    public string Template { get; }

    public string OperationId { get; }

    public IReadOnlyList<string> Segments { get; }

    /// <summary>Matches request path segments, filling <paramref name="parameters"/> on success.</summary>
    public bool TryMatch(IReadOnlyList<string> path, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path.Count != Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < path.Count; i++)
        {
            var segment = Segments[i];
            if (IsParameter(segment))
            {
                parameters[segment[1..^1]] = path[i];
            }
            else if (!string.Equals(segment, path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Orders competing matches: a literal segment beats a parameter at the first place they
    /// differ (so <c>/projects/shared</c> wins over <c>/projects/{project_id}</c>).
    /// </summary>
    public string Specificity => new(Segments.Select(s => IsParameter(s) ? '0' : '1').ToArray());

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
