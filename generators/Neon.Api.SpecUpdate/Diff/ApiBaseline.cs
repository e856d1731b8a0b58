namespace Neon.Api.SpecUpdate.Diff;

/// <summary>The public API lines of one scope (a project, or one target framework of it) that changed.</summary>
internal sealed record ApiScopeChange(string Scope, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

/// <summary>
/// A public API baseline as Microsoft.CodeAnalysis.PublicApiAnalyzers keeps it: <c>PublicAPI.Shipped.txt</c> and
/// <c>PublicAPI.Unshipped.txt</c> beside a project (what every target framework has) and under
/// <c>PublicAPI/&lt;tfm&gt;/</c> (what one framework adds). A scope's API is its shipped and unshipped lines, less the
/// lines marked <c>*REMOVED*</c>.
/// </summary>
internal static class ApiBaseline
{
    private const string RemovedPrefix = "*REMOVED*";

    /// <summary>The file names that make up a baseline.</summary>
    public static readonly string[] FileNames = ["PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"];

    /// <summary>Every baseline file under <paramref name="root"/> (build output excluded), as paths relative to it.</summary>
    public static IReadOnlyList<string> FindFiles(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return FileNames
            .SelectMany(name => Directory.EnumerateFiles(root, name, SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads the baseline files under <paramref name="root"/>: scope (the files' folder) to API lines.</summary>
    public static SortedDictionary<string, SortedSet<string>> Load(string root)
    {
        var files = FindFiles(root).ToDictionary(f => f, f => (IEnumerable<string>)File.ReadAllLines(Path.Combine(root, f)));
        return Read(files);
    }

    /// <summary>Builds scopes from file contents keyed by relative path (<c>src/Neon.Api/PublicAPI.Shipped.txt</c>).</summary>
    public static SortedDictionary<string, SortedSet<string>> Read(IReadOnlyDictionary<string, IEnumerable<string>> files)
    {
        var scopes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var removals = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (path, lines) in files)
        {
            var scope = ScopeName(path);
            if (!scopes.TryGetValue(scope, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                scopes[scope] = set;
                removals[scope] = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                if (line.StartsWith(RemovedPrefix, StringComparison.Ordinal))
                {
                    removals[scope].Add(line[RemovedPrefix.Length..]);
                }
                else
                {
                    set.Add(line);
                }
            }
        }

        foreach (var (scope, removed) in removals)
        {
            scopes[scope].ExceptWith(removed);
        }

        return scopes;
    }

    /// <summary>The lines added and removed, scope by scope (scopes without a change are left out).</summary>
    public static IReadOnlyList<ApiScopeChange> Compare(SortedDictionary<string, SortedSet<string>> before, SortedDictionary<string, SortedSet<string>> after)
    {
        var changes = new List<ApiScopeChange>();
        foreach (var scope in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(scope) ?? [];
            var current = after.GetValueOrDefault(scope) ?? [];
            var added = current.Where(l => !old.Contains(l)).ToList();
            var removed = old.Where(l => !current.Contains(l)).ToList();
            if (added.Count > 0 || removed.Count > 0)
            {
                changes.Add(new ApiScopeChange(scope, added, removed));
            }
        }

        return changes;
    }

    // "src/Neon.Api/PublicAPI.Shipped.txt" -> "Neon.Api"; "src/Neon.Api/PublicAPI/net8.0/PublicAPI.Unshipped.txt" -> "Neon.Api (net8.0)".
    private static string ScopeName(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)[..^1];
        if (parts.Length >= 3 && parts[^2] == "PublicAPI")
        {
            return $"{parts[^3]} ({parts[^1]})";
        }

        return parts.Length > 0 ? parts[^1] : ".";
    }
}
