using System.Text.Json.Nodes;

namespace Neon.Api.SpecUpdate.Vendoring;

/// <summary>
/// The provenance files the repository's git history holds, so that vendoring bytes it held before keeps the day they
/// were first retrieved: an update there and back leaves <c>openapi/provenance.json</c> as it was, whatever the day.
/// </summary>
internal static class ProvenanceHistory
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The oldest <c>retrieved</c> day recorded in a committed <c>openapi/provenance.json</c> for the spec with
    /// <paramref name="sha256"/>; null when none was committed (or the folder is not a git clone, or git is missing).
    /// </summary>
    public static string? FirstRetrieved(string repository, string sha256)
    {
        var path = "openapi/" + Provenance.FileName;
        var commits = Git(repository, "log", "--format=%H", "--", path)?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? oldest = null;
        foreach (var commit in commits ?? [])
        {
            var text = Git(repository, "show", $"{commit}:{path}");
            if (text is null)
            {
                continue;
            }

            JsonObject? provenance;
            try
            {
                provenance = JsonNode.Parse(text) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                continue; // a malformed file in an old commit says nothing about this spec
            }

            if (string.Equals(Provenance.Text(provenance, "sha256"), sha256, StringComparison.OrdinalIgnoreCase)
                && Provenance.Text(provenance, "retrieved") is { } retrieved)
            {
                oldest = retrieved; // git log lists newest first: the last match is the oldest
            }
        }

        return oldest;
    }

    // What git prints, or null when git is missing, fails (not a clone) or hangs.
    private static string? Git(string repository, params string[] arguments)
    {
        try
        {
            var result = ChildProcess.Run("git", arguments, repository, GitTimeout);
            return result.TimedOut || result.ExitCode != 0 ? null : result.Output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on the machine: the day is today's
        }
    }
}
