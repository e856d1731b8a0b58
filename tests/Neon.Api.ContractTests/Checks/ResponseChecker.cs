using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Neon.Api.ContractTests.Client;
using Neon.Api.ContractTests.Http;
using Neon.Api.ContractTests.Spec;
using Neon.Api.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests.Checks;

/// <summary>One body the suite answers a call with: which documented response it stands for, and its bytes.</summary>
internal sealed record ResponseCase(SpecResponse Response, SpecMedia? Media, string Origin, int Status, byte[] Body, JToken? Json)
{
    public string Label => $"response {Response.Status}{(Response.IsDefault ? $" (as {Status})" : string.Empty)}"
        + $" {Media?.MediaType ?? "without body"}{(Origin.Length > 0 ? $" ({Origin})" : string.Empty)}";
}

/// <summary>What reading one response produced: problems, and the body fields the user cannot get back.</summary>
internal sealed record ResponseOutcome(List<string> Problems, List<string> LostFields);

/// <summary>
/// Builds the responses an operation documents and checks what the generated method makes of them: a model that
/// holds every field of the body (typed, or in <c>AdditionalProperties</c>), the bytes of a download, nothing for an
/// empty body, or the typed exception of an error status carrying the error's fields.
/// </summary>
internal static class ResponseChecker
{
    /// <summary>Stand-ins for <c>default</c>: the first that the operation does not document on its own.</summary>
    private static readonly int[] DefaultStatuses = [500, 400, 502, 418];

    /// <summary>Every body to answer a documented response with: per media type, its example and synthesized ones.</summary>
    public static IEnumerable<(SpecMedia? Media, List<ResponseCase> Cases)> Cases(ContractSpec spec, SpecOperation operation, SpecResponse response)
    {
        var status = StatusOf(operation, response);
        if (response.Media.Count == 0)
        {
            yield return (null, [new ResponseCase(response, null, string.Empty, status, [], null)]);
            yield break;
        }

        foreach (var media in response.Media)
        {
            yield return (media, BodiesFor(spec, response, media, status).ToList());
        }
    }

    public static int StatusOf(SpecOperation operation, SpecResponse response)
    {
        if (response.IsDefault)
        {
            return DefaultStatuses.First(s => operation.Responses.All(r => r.Status != s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // A range such as 4XX stands for its first status.
        return int.Parse(response.Status.Replace("XX", "00", StringComparison.OrdinalIgnoreCase), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The exception type the client documents for a status (see <see cref="NeonApiException"/>).</summary>
    public static Type ExpectedException(int status) => status switch
    {
        401 or 403 => typeof(NeonAuthenticationException),
        404 => typeof(NeonNotFoundException),
        409 => typeof(NeonConflictException),
        423 => typeof(NeonLockedException),
        429 => typeof(NeonRateLimitedException),
        >= 500 and <= 599 => typeof(NeonServerException),
        _ => typeof(NeonApiException),
    };

    /// <summary>Checks the result (or exception) of a call answered with <paramref name="answer"/>.</summary>
    public static ResponseOutcome Check(CallPlan plan, ResponseCase answer, object? result, Exception? failure)
    {
        var problems = new List<string>();
        var lost = new List<string>();
        var success = answer.Status is >= 200 and <= 299;
        if (!success)
        {
            CheckError(plan, answer, failure, problems, lost);
            return new ResponseOutcome(problems, lost);
        }

        if (failure is not null)
        {
            problems.Add($"threw {failure.GetType().Name}: {FirstLine(failure.Message)}");
            return new ResponseOutcome(problems, lost);
        }

        if (result is NeonFileResponse file)
        {
            using (file)
            {
                using var copy = new MemoryStream();
                file.Stream.CopyTo(copy);
                if (!copy.ToArray().AsSpan().SequenceEqual(answer.Body))
                {
                    problems.Add($"the download gave {copy.Length} bytes that differ from the {answer.Body.Length} sent");
                }

                if (file.ContentType != answer.Media?.MediaType)
                {
                    problems.Add($"the download's ContentType is '{file.ContentType}', the response said '{answer.Media?.MediaType}'");
                }
            }

            return new ResponseOutcome(problems, lost);
        }

        if (answer.Json is null)
        {
            // An empty body (204, or a 200 documented without content): the call only has to succeed.
            return new ResponseOutcome(problems, lost);
        }

        if (plan.Client.ResultType is null)
        {
            lost.Add("$ (the method returns no value, the response has a body)");
            return new ResponseOutcome(problems, lost);
        }

        if (result is null)
        {
            problems.Add("returned null for a response with a body");
            return new ResponseOutcome(problems, lost);
        }

        var written = Json.Parse(NeonJson.Serialize(result));
        lost.AddRange(JsonComparer.Lost(answer.Json, written));
        return new ResponseOutcome(problems, lost);
    }

    private static void CheckError(CallPlan plan, ResponseCase answer, Exception? failure, List<string> problems, List<string> lost)
    {
        var expectedType = ExpectedException(answer.Status);
        if (failure is null)
        {
            problems.Add($"returned normally, expected {expectedType.Name}");
            return;
        }

        if (failure.GetType() != expectedType || failure is not NeonApiException error)
        {
            problems.Add($"threw {failure.GetType().Name} ({FirstLine(failure.Message)}), expected {expectedType.Name}");
            return;
        }

        if (error.Status != answer.Status || error.OperationId != plan.Operation.OperationId)
        {
            problems.Add($"the exception says status {error.Status} of {error.OperationId}");
        }

        if (answer.Json is JObject body && body["code"]?.Type == JTokenType.String && body["message"]?.Type == JTokenType.String)
        {
            // A GeneralError: its fields are the exception's.
            Expect(lost, "$.code", (string?)body["code"], error.ErrorCode);
            Expect(lost, "$.message", (string?)body["message"], error.ErrorMessage);
            if (body["request_id"]?.Type == JTokenType.String)
            {
                Expect(lost, "$.request_id", (string?)body["request_id"], error.RequestId);
            }

            return;
        }

        if (answer.Json is not null)
        {
            // Any other error body: the user reads it from the snippet.
            var text = Encoding.UTF8.GetString(answer.Body);
            if (text.Length > NeonErrorDetails.MaxSnippetLength)
            {
                if (error.BodySnippet != text[..NeonErrorDetails.MaxSnippetLength])
                {
                    lost.Add("$ (the body snippet is not the start of the body)");
                }

                return;
            }

            JToken? snippet;
            try
            {
                snippet = Json.Parse(error.BodySnippet);
            }
            catch (JsonException)
            {
                snippet = null;
            }

            lost.AddRange(JsonComparer.Lost(answer.Json, snippet));
        }
    }

    private static void Expect(List<string> lost, string path, string? expected, string? actual)
    {
        if (expected != actual)
        {
            lost.Add($"{path} ('{expected}' became '{actual}')");
        }
    }

    private static IEnumerable<ResponseCase> BodiesFor(ContractSpec spec, SpecResponse response, SpecMedia media, int status)
    {
        var schema = media.Schema is null ? null : spec.Resolve(media.Schema);
        if (!CallPlan.IsJson(media.MediaType) || (schema is not null && (string?)schema["format"] is "binary" or "byte"))
        {
            yield return new ResponseCase(response, media, "bytes", status, CallPlan.FileBytes("download"), null);
            yield break;
        }

        if (media.Example is not null)
        {
            yield return JsonCase(response, media, "example", status, media.Example);
        }

        if (media.Schema is null)
        {
            yield break;
        }

        // Every field filled, once with the first and once with the last variant of each composition.
        var first = new SchemaSynthesizer(spec, fillOptional: true, lastVariant: false, serverValues: true).Create(media.Schema, "response");
        yield return JsonCase(response, media, "synthesized", status, first);
        var last = new SchemaSynthesizer(spec, fillOptional: true, lastVariant: true, serverValues: true).Create(media.Schema, "response");
        if (!JToken.DeepEquals(first, last))
        {
            yield return JsonCase(response, media, "synthesized, last variants", status, last);
        }
    }

    private static ResponseCase JsonCase(SpecResponse response, SpecMedia media, string origin, int status, JToken json) =>
        new(response, media, origin, status, Encoding.UTF8.GetBytes(Json.Write(json)), json);

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
