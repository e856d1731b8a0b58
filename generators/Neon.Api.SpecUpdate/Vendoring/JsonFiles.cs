using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Neon.Api.SpecUpdate.Vendoring;

/// <summary>Writes the small JSON files under <c>openapi/</c> the same way every time: two-space indent, LF, final newline.</summary>
internal static class JsonFiles
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // "+" and "/" in integrity hashes and "@" in package names stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text of a JSON node.</summary>
    public static string Format(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes a JSON node to a file, UTF-8 without a byte order mark.</summary>
    public static void Write(string path, JsonNode node) => File.WriteAllText(path, Format(node), new UTF8Encoding(false));

    /// <summary>Reads a JSON object from a file, or null when the file is missing.</summary>
    public static JsonObject? ReadObject(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
}
