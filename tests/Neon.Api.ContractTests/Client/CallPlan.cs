using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using Neon.Api.ContractTests.Spec;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Client;

/// <summary>
/// The arguments of one call, synthesized from the spec, and what the request must therefore carry: the parameter
/// values, the JSON body or the multipart fields.
/// </summary>
internal sealed class CallPlan
{
    public const string JsonMediaType = "application/json";
    public const string MultipartMediaType = "multipart/form-data";

    private CallPlan(SpecOperation operation, ClientOperation client, bool allOptional, object?[] arguments)
    {
        Operation = operation;
        Client = client;
        AllOptional = allOptional;
        Arguments = arguments;
    }

    public SpecOperation Operation { get; }

    public ClientOperation Client { get; }

    /// <summary>Every optional parameter and field is filled (the second pass), or only the required ones.</summary>
    public bool AllOptional { get; }

    public string Label => AllOptional ? "request with every optional parameter" : "request with the required parameters";

    /// <summary>One value per C# parameter of the method.</summary>
    public object?[] Arguments { get; }

    /// <summary>The value given for each spec parameter (in JSON form); parameters left out are absent.</summary>
    public Dictionary<SpecParameter, JToken> ParameterValues { get; } = [];

    /// <summary>The JSON body the request must carry; null when it must carry none.</summary>
    public JToken? JsonBody { get; private set; }

    /// <summary>The schema of the JSON body.</summary>
    public JsonObject? JsonBodySchema { get; private set; }

    /// <summary>The multipart fields the request must carry (a file's value is its bytes, base64); null when it is not multipart.</summary>
    public Dictionary<string, FormExpectation>? Form { get; private set; }

    /// <summary>The schema of the multipart body.</summary>
    public JsonObject? FormSchema { get; private set; }

    /// <summary>Why the arguments could not be built as the spec describes them.</summary>
    public List<string> Problems { get; } = [];

    public static CallPlan Create(ContractSpec spec, SpecOperation operation, ClientOperation client, bool allOptional)
    {
        var parameters = client.Method.GetParameters();
        var plan = new CallPlan(operation, client, allOptional, new object?[parameters.Length]);
        var synthesizer = new SchemaSynthesizer(spec, fillOptional: allOptional, lastVariant: allOptional);
        var builder = new ModelBuilder(synthesizer.TypeHints);
        var jsonBody = operation.RequestBody?.Media.FirstOrDefault(m => IsJson(m.MediaType));
        var form = operation.RequestBody?.Media.FirstOrDefault(m => m.MediaType == MultipartMediaType);
        var formSchema = form?.Schema is null ? null : spec.Resolve(form.Schema);
        var formProperties = formSchema?["properties"] as JsonObject;
        var formRequired = formSchema?["required"] is JsonArray list ? list.Select(r => (string)r!).ToHashSet() : [];
        var bound = new HashSet<SpecParameter>();
        var bodyBound = false;

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            plan.Arguments[i] = DefaultOf(parameter);
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                plan.Arguments[i] = CancellationToken.None;
                continue;
            }

            var name = ModelBuilder.Normalize(parameter.Name!);
            var specParameter = operation.Parameters.FirstOrDefault(p => ModelBuilder.Normalize(p.Name) == name && !bound.Contains(p));
            if (specParameter is not null)
            {
                bound.Add(specParameter);
                if (specParameter.Required || allOptional)
                {
                    var value = Synthesize(synthesizer, specParameter.Schema, specParameter.Name, plan);
                    if (value is not null)
                    {
                        plan.Arguments[i] = builder.Build(value, parameter.ParameterType, specParameter.Name);
                        plan.ParameterValues[specParameter] = value;
                    }
                }

                continue;
            }

            var formField = formProperties?.FirstOrDefault(p => ModelBuilder.Normalize(p.Key) == name);
            if (formField is { Key: { } fieldName, Value: JsonObject fieldSchema })
            {
                plan.FormSchema = formSchema;
                plan.Form ??= [];
                if (formRequired.Contains(fieldName) || allOptional)
                {
                    var resolved = spec.Resolve(fieldSchema);
                    if ((string?)resolved["format"] == "binary")
                    {
                        var bytes = FileBytes(fieldName);
                        var fileName = $"{fieldName} contract é.bin";
                        plan.Arguments[i] = new NeonFileUpload(bytes, fileName, "application/zip");
                        plan.Form[fieldName] = new FormExpectation(fieldName, null, bytes, fileName);
                    }
                    else if (Synthesize(synthesizer, fieldSchema, fieldName, plan) is { } value)
                    {
                        plan.Arguments[i] = builder.Build(value, parameter.ParameterType, fieldName);
                        plan.Form[fieldName] = new FormExpectation(fieldName, value, null, null);
                    }
                }

                continue;
            }

            if (jsonBody?.Schema is not null && !bodyBound)
            {
                bodyBound = true;
                plan.JsonBodySchema = jsonBody.Schema;
                if (operation.RequestBody!.Required || allOptional)
                {
                    var value = Synthesize(synthesizer, jsonBody.Schema, "body", plan);
                    if (value is not null)
                    {
                        plan.Arguments[i] = builder.Build(value, parameter.ParameterType, "body");
                        plan.JsonBody = value;
                    }
                }

                continue;
            }

            plan.Problems.Add($"the C# parameter '{parameter.Name}' matches no parameter, field or body of the spec");
        }

        foreach (var missing in operation.Parameters.Where(p => !bound.Contains(p)))
        {
            plan.Problems.Add($"the spec's {missing.In} parameter '{missing.Name}' has no C# parameter");
        }

        if (jsonBody is not null && !bodyBound)
        {
            plan.Problems.Add("the spec's request body has no C# parameter");
        }

        if (form is not null && plan.Form is null && formProperties is { Count: > 0 })
        {
            plan.Problems.Add("the spec's multipart fields have no C# parameters");
        }

        plan.Problems.AddRange(builder.Problems);
        return plan;
    }

    public static bool IsJson(string mediaType) =>
        mediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The bytes of an uploaded file: every byte value, so that an encoding slip shows.</summary>
    public static byte[] FileBytes(string name)
    {
        var prefix = Encoding.UTF8.GetBytes(name);
        return [.. prefix, .. Enumerable.Range(0, 256).Select(b => (byte)b)];
    }

    private static JToken? Synthesize(SchemaSynthesizer synthesizer, JsonObject schema, string name, CallPlan plan)
    {
        try
        {
            return synthesizer.Create(schema, name);
        }
        catch (ContractSynthesisException ex)
        {
            plan.Problems.Add($"cannot synthesize '{name}': {ex.Message}");
            return null;
        }
    }

    private static object? DefaultOf(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue && parameter.DefaultValue is not DBNull)
        {
            return parameter.DefaultValue;
        }

        return parameter.ParameterType.IsValueType && Nullable.GetUnderlyingType(parameter.ParameterType) is null
            ? Activator.CreateInstance(parameter.ParameterType)
            : null;
    }
}

/// <summary>One multipart field the request must carry: a value (in JSON form) or a file.</summary>
internal sealed record FormExpectation(string Name, JToken? Value, byte[]? FileBytes, string? FileName);
