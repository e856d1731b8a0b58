using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.ContractTests.Checks;
using Neon.Api.ContractTests.Client;
using Neon.Api.ContractTests.Http;
using Neon.Api.ContractTests.Spec;

namespace Neon.Api.ContractTests;

/// <summary>What the suite found for one operation.</summary>
internal sealed class OperationReport(string operationId)
{
    public string OperationId { get; } = operationId;

    public int RequestsChecked { get; set; }

    public int RequestsValid { get; set; }

    public int ResponsesChecked { get; set; }

    public int ResponsesRead { get; set; }

    public int LostFields { get; set; }

    /// <summary>Each miss as "what: reason".</summary>
    public List<string> Misses { get; } = [];
}

/// <summary>
/// Runs the contract of each operation once per test run (the per-operation tests and the summary share the result):
/// two calls checked on the request side (required parameters only, then every optional one), then one call per body
/// of every documented response.
/// </summary>
internal static class ContractRun
{
    public const string ApiKey = "napi_contract_suite_key_0123456789";

    public static readonly Uri BaseUri = new("https://contract.neon.test/api/v2/");

    private static readonly ConcurrentDictionary<string, Lazy<Task<OperationReport>>> Reports = new(StringComparer.Ordinal);

    public static ContractSpec Spec => ContractSpec.Instance;

    public static Task<OperationReport> ReportAsync(string operationId) =>
        Reports.GetOrAdd(operationId, id => new Lazy<Task<OperationReport>>(() => RunAsync(Spec.Operation(id)))).Value;

    /// <summary>Client options for the suite: no retries (a 429 or 503 answers at once), no project queue.</summary>
    public static NeonClientOptions Options() => new()
    {
        BaseUri = BaseUri,
        QueueProjectMutations = false,
        Retry = new NeonRetryOptions { MaxRetries = 0 },
    };

    private static async Task<OperationReport> RunAsync(SpecOperation operation)
    {
        var report = new OperationReport(operation.OperationId);
        var cases = ResponseCasesOrMiss(operation, report);
        if (!ClientOperation.All.TryGetValue(operation.OperationId, out var client))
        {
            report.RequestsChecked = 2;
            report.ResponsesChecked = cases.Count;
            report.Misses.Add("client: no method of NeonClient's groups carries [NeonOperation] for this operation");
            return report;
        }

        var metadata = new List<string>();
        if (client.Attribute.HttpMethod != operation.Method || client.Attribute.Path != operation.Path)
        {
            metadata.Add($"[NeonOperation] says {client.Attribute.HttpMethod} {client.Attribute.Path}, the spec {operation.Method} {operation.Path}");
        }

        var checker = new RequestChecker(Spec, BaseUri, ApiKey);
        foreach (var allOptional in new[] { false, true })
        {
            report.RequestsChecked++;
            var plan = CallPlan.Create(Spec, operation, client, allOptional);
            var problems = new List<string>(metadata);
            problems.AddRange(plan.Problems);
            var answer = FirstSuccess(cases);
            var handler = new ContractHandler(answer);
            var (_, failure) = await CallAsync(plan, handler).ConfigureAwait(false);
            if (handler.Requests.Count != 1)
            {
                problems.Add($"the call sent {handler.Requests.Count} requests ({failure?.GetType().Name}: {failure?.Message})");
            }
            else
            {
                problems.AddRange(checker.Check(plan, handler.Requests[0]));
            }

            if (problems.Count == 0)
            {
                report.RequestsValid++;
            }

            report.Misses.AddRange(problems.Select(p => $"{plan.Label}: {p}"));
        }

        var basePlan = CallPlan.Create(Spec, operation, client, allOptional: false);
        foreach (var (response, media, bodies) in cases)
        {
            report.ResponsesChecked++;
            var read = true;
            foreach (var body in bodies)
            {
                var handler = new ContractHandler(new CannedResponse(body.Status, body.Media?.MediaType, body.Body));
                var (result, failure) = await CallAsync(basePlan, handler).ConfigureAwait(false);
                var outcome = ResponseChecker.Check(basePlan, body, result, failure);
                read &= outcome.Problems.Count == 0;
                report.LostFields += outcome.LostFields.Count;
                report.Misses.AddRange(outcome.Problems.Select(p => $"{body.Label}: {p}"));
                report.Misses.AddRange(outcome.LostFields.Select(p => $"{body.Label}: lost field {p}"));
            }

            if (read && bodies.Count > 0)
            {
                report.ResponsesRead++;
            }
        }

        return report;
    }

    private static List<(SpecResponse Response, SpecMedia? Media, List<ResponseCase> Bodies)> ResponseCasesOrMiss(SpecOperation operation, OperationReport report)
    {
        var cases = new List<(SpecResponse, SpecMedia?, List<ResponseCase>)>();
        foreach (var response in operation.Responses)
        {
            try
            {
                cases.AddRange(ResponseChecker.Cases(Spec, operation, response).Select(c => (response, c.Media, c.Cases)));
            }
            catch (ContractSynthesisException ex)
            {
                report.Misses.Add($"response {response.Status}: cannot synthesize a body: {ex.Message}");
                cases.Add((response, null, []));
            }
        }

        return cases;
    }

    /// <summary>The answer for the request checks: the first success the operation documents, as its first body.</summary>
    private static CannedResponse FirstSuccess(List<(SpecResponse Response, SpecMedia? Media, List<ResponseCase> Bodies)> cases)
    {
        var first = cases.Where(c => c.Response.IsSuccess).SelectMany(c => c.Bodies).FirstOrDefault();
        return first is null ? new CannedResponse(204, null, []) : new CannedResponse(first.Status, first.Media?.MediaType, first.Body);
    }

    private static async Task<(object? Result, Exception? Failure)> CallAsync(CallPlan plan, ContractHandler handler)
    {
        using var neon = new NeonClient(ApiKey, handler, Options());
        try
        {
            var result = await plan.Client.InvokeAsync(neon, plan.Arguments).ConfigureAwait(false);
            return (result, null);
        }
#pragma warning disable CA1031 // Any exception is an outcome the checks judge.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, ex);
        }
    }
}
