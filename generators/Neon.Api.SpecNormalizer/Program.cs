using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Neon.Api.SpecNormalizer;

// Usage: Neon.Api.SpecNormalizer <input.yaml|json> <output.json>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Neon.Api.SpecNormalizer <input spec (YAML or JSON)> <output JSON>");
    return 2;
}

var (input, output) = (args[0], args[1]);
if (!File.Exists(input))
{
    Console.Error.WriteLine($"error: spec not found: {input}");
    return 1;
}

var text = File.ReadAllText(input);
var root = (input.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(text) : YamlJson.Parse(text)) as JsonObject;
if (root is null)
{
    Console.Error.WriteLine($"error: {input} is not an OpenAPI document (its root is not an object)");
    return 1;
}

var result = SpecNormalizer.Normalize(root);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
var temp = output + ".tmp";
File.WriteAllText(temp, json);
File.Move(temp, output, overwrite: true);
Console.WriteLine($"Neon spec normalized: {result.Hoisted.Count} inline schemas named -> {output}");
return 0;
