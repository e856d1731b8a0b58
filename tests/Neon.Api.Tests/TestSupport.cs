using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using YamlDotNet.RepresentationModel;

namespace Neon.Api.Tests;

/// <summary>Shared helpers: the repository root, the vendored spec, and clients over MockHttp.</summary>
internal static class TestSupport
{
    public const string ApiKey = "napi_test_key_0123456789abcdefSECRET";

    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neon.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (the folder holding Neon.Generated.sln).");
    });

    private static readonly Lazy<YamlMappingNode> SpecRoot = new(() =>
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(SpecPath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    });

    public static string RepositoryRoot => Root.Value;

    /// <summary>The build configuration the tests run in (Debug or Release), read from the test assembly's folder.</summary>
    public static string Configuration => AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SpecPath => Path.Combine(RepositoryRoot, "openapi", "public-v2-for-users.gen.yaml");

    public static YamlMappingNode Spec => SpecRoot.Value;

    public static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>Every operation of the vendored spec: id, method (upper case), path, node.</summary>
    public static IEnumerable<(string OperationId, string Method, string Path, YamlMappingNode Node)> SpecOperations()
    {
        foreach (var (pathKey, pathNode) in (YamlMappingNode)Spec["paths"])
        {
            foreach (var (methodKey, operation) in ((YamlMappingNode)pathNode).Children)
            {
                var method = ((YamlScalarNode)methodKey).Value!;
                if (HttpMethods.Contains(method) && operation is YamlMappingNode op)
                {
                    yield return (((YamlScalarNode)op["operationId"]).Value!, method.ToUpperInvariant(), ((YamlScalarNode)pathKey).Value!, op);
                }
            }
        }
    }

    /// <summary>Every generated operation method, keyed by operationId.</summary>
    public static IReadOnlyDictionary<string, (MethodInfo Method, NeonOperationAttribute Attribute)> GeneratedOperations { get; } =
        typeof(NeonClient).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<NeonOperationAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.OperationId, x => (x.Method, x.Attribute!));

    /// <summary>A client over MockHttp on a fast-forwarding clock: retry backoff takes no real time (retries still happen; nothing sleeps).</summary>
    public static NeonClient CreateClient(MockHttpMessageHandler handler, NeonClientOptions? options = null)
    {
        options ??= new NeonClientOptions();
        options.TimeProvider = new Neon.Api.Testing.FastForwardTimeProvider();
        return new NeonClient(ApiKey, handler, options);
    }

    public static async Task<string> ReadBodyAsync(HttpRequestMessage request) =>
        request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
}
