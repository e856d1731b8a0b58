using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Neon.Api.SpecNormalizer;

// Usage: Neon.Api.SpecNormalizer <input.yaml|json> <output.json>   (normalize the spec for NSwag)
//        Neon.Api.SpecNormalizer --tidy <file.cs>                    (tidy NSwag's output in place)
if (args.Length == 2 && args[0] == "--tidy")
{
    if (!File.Exists(args[1]))
    {
        Console.Error.WriteLine($"error: generated file not found: {args[1]}");
        return 1;
    }

    File.WriteAllText(args[1], CodeTidy.Tidy(File.ReadAllText(args[1])));
    return 0;
}

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Neon.Api.SpecNormalizer <input spec (YAML or JSON)> <output JSON> | --tidy <generated C# file>");
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
