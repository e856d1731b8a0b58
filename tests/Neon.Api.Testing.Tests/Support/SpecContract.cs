using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Neon.Api.Testing.Tests.Support;

/// <summary>
/// The vendored Neon spec read with a full OpenAPI parser (NSwag), independent of the emulator's own
/// route table, and the JSON-schema validation of response bodies against it (NJsonSchema).
/// </summary>
public static class SpecContract
{
    public const string SpecRelativePath = "openapi/public-v2-for-users.gen.yaml";

    private static readonly Lazy<OpenApiDocument> LazyDocument = new(() =>
        OpenApiYamlDocument.FromFileAsync(Path.Combine(FindRepositoryRoot(), SpecRelativePath)).GetAwaiter().GetResult());

    // Format validation stays on (date-time, uuid, email, ...): the emulator's bodies pass it.
    // Neon's schemas have format quirks (for example `format: uuid` on `created_by`, whose examples
    // elsewhere hold names or emails); should a real-looking value trip one, clear
    // FormatValidators here (types, required properties, enums, patterns and ranges stay checked).
    private static readonly JsonSchemaValidatorSettings ValidatorSettings = new();

    public static OpenApiDocument Document => LazyDocument.Value;

    /// <summary>The folder that holds <c>Neon.Generated.sln</c>, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Every operation of the spec.</summary>
    public static IReadOnlyList<OpenApiOperationDescription> Operations => Document.Operations.ToList();

    public static OpenApiOperationDescription Operation(string operationId) =>
        Document.Operations.SingleOrDefault(o => o.Operation.OperationId == operationId)
        ?? throw new ArgumentException($"operation {operationId} is not in the spec", nameof(operationId));

    /// <summary>
    /// Validates a response body against the spec's schema for the operation and status (the
    /// <c>default</c> response when the status is not listed). Returns the problems, empty when valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string operationId, int status, string body)
    {
        var operation = Operation(operationId).Operation;
        var responses = operation.ActualResponses;
        if (!responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
            && !responses.TryGetValue("default", out response))
        {
            return [$"{operationId} has no response {status} or default in the spec"];
        }

        var schema = response.ActualResponse.Schema?.ActualSchema;
        if (schema is null)
        {
            return string.IsNullOrEmpty(body) ? [] : [$"{operationId} {status} has no schema but a body was sent"];
        }

        return schema.Validate(body, SchemaType.OpenApi3, ValidatorSettings)
            .Select(Describe)
            .ToList();
    }

    /// <summary>
    /// For a body that is not JSON (a binary download): the problems when the spec's response for
    /// the operation and status does not list <paramref name="mediaType"/>, empty when it does.
    /// </summary>
    public static IReadOnlyList<string> ValidateMediaType(string operationId, int status, string mediaType)
    {
        var responses = Operation(operationId).Operation.ActualResponses;
        return responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
            && response.ActualResponse.Content.ContainsKey(mediaType)
            ? []
            : [$"{operationId} {status} does not list a {mediaType} body in the spec"];
    }

    private static string Describe(ValidationError error) => error switch
    {
        ChildSchemaValidationError child => $"{error.Path}: {error.Kind} ["
            + string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe)) + "]",
        _ => $"{error.Path}: {error.Kind}",
    };

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neon.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Neon.Generated.sln above {AppContext.BaseDirectory}");
    }
}
