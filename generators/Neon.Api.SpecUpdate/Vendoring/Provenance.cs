using System.Text.Json.Nodes;

namespace Neon.Api.SpecUpdate.Vendoring;

/// <summary>
/// <c>openapi/provenance.json</c>: where the vendored spec came from. Rewritten whole at every update; the keys the
/// build and the tests read (<c>package</c>, <c>version</c>, <c>file</c>, <c>sha256</c>, <c>command</c>) keep their names.
/// </summary>
/// <param name="Package">The npm package, or null for an unpublished spec given as a file.</param>
/// <param name="Version">The package version (or the version given for an unpublished spec).</param>
/// <param name="File">The spec's file name in <c>openapi/</c>.</param>
/// <param name="Sha256">Lower-case hex sha256 of the vendored bytes.</param>
/// <param name="Retrieved">
/// The day the spec was fetched (UTC), <c>yyyy-MM-dd</c>; for bytes the repository vendored before (a committed
/// provenance with the same <see cref="Sha256"/>), the day recorded first, so that going back to a spec restores its file.
/// </param>
/// <param name="Command">The exact command that fetched it.</param>
/// <param name="Tarball">The npm tarball's file name, for a published spec.</param>
/// <param name="Integrity">The tarball's integrity as the registry records it and as checked.</param>
/// <param name="PreviousVersion">The version this one replaced.</param>
/// <param name="UpdatedWith">The repository command that vendored it.</param>
internal sealed record Provenance(
    string? Package,
    string Version,
    string File,
    string Sha256,
    string Retrieved,
    string Command,
    string? Tarball,
    string? Integrity,
    string? PreviousVersion,
    string UpdatedWith)
{
    /// <summary>The file name, in <c>openapi/</c>.</summary>
    public const string FileName = "provenance.json";

    /// <summary>The JSON object, keys in a fixed order.</summary>
    public JsonObject ToJson() => new()
    {
        ["package"] = Package,
        ["version"] = Version,
        ["file"] = File,
        ["sha256"] = Sha256,
        ["retrieved"] = Retrieved,
        ["command"] = Command,
        ["tarball"] = Tarball,
        ["integrity"] = Integrity,
        ["previousVersion"] = PreviousVersion,
        ["updatedWith"] = UpdatedWith,
    };

    /// <summary>The <c>version</c> recorded in a provenance file, or null.</summary>
    public static string? VersionIn(JsonObject? provenance) => Text(provenance, "version");

    /// <summary>A string member of a provenance file, or null.</summary>
    public static string? Text(JsonObject? provenance, string key) =>
        provenance?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
