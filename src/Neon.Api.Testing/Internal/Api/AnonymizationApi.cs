using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Anonymized branches: created like any branch (from a parent, with endpoints) plus masking rules, then anonymized
/// by a run that applies the rules. The emulator has no rows to mask: a run takes the operation duration and
/// counts the columns its rules name.
/// </summary>
internal static class AnonymizationApi
{
    private static readonly string[] RestartableStates = ["initialized", "anonymized"];

    private static readonly string[] RequiredRuleFields = ["database_name", "schema_name", "table_name", "column_name"];

    private static readonly string[] OptionalRuleFields = ["masking_function", "masking_value"];

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("createProjectBranchAnonymized", "POST /projects/{project_id}/branch_anonymized", Create);
        handlers.Add("getAnonymizedBranchStatus", "GET /projects/{project_id}/branches/{branch_id}/anonymized_status", GetStatus);
        handlers.AddUnlocked("startAnonymization", "POST /projects/{project_id}/branches/{branch_id}/anonymize", Start);
        handlers.Add("getMaskingRules", "GET /projects/{project_id}/branches/{branch_id}/masking_rules", GetRules);
        handlers.AddUnlocked("updateMaskingRules", "PATCH /projects/{project_id}/branches/{branch_id}/masking_rules", UpdateRules);
    }

    private static ApiResult Create(RequestContext context)
    {
        var body = context.Body(required: false);
        var request = body.OptionalObject("branch_create") ?? BodyObject.Parse(null, required: false);
        var annotations = body.OptionalStringMap("annotation_value");
        var rulesBody = body.OptionalObjectArray("masking_rules");
        var start = body.OptionalBool("start_anonymization") ?? false;
        var (response, branch, operations) = BranchesApi.Create(context, request, annotations);
        var anonymization = new AnonymizationModel
        {
            ProjectId = branch.ProjectId,
            BranchId = branch.Id,
            CreatedAt = context.Now,
            Creation = operations[0],
            MaskingRules = Rules(branch, rulesBody),
        };
        branch.Anonymization = anonymization;
        if (start && anonymization.Creation.FailureMessage is null)
        {
            Run(context, anonymization, anonymization.ReadyAt);
        }

        return ApiResult.Created(response);
    }

    private static ApiResult GetStatus(RequestContext context) => ApiResult.Ok(Require(context).Anonymization!.ToJson(context.Now));

    private static ApiResult Start(RequestContext context)
    {
        var anonymization = Require(context).Anonymization!;
        var state = anonymization.State(context.Now);
        if (!RestartableStates.Contains(state, StringComparer.Ordinal))
        {
            throw ApiError.Conflict($"anonymization cannot start in state '{state}' (only initialized or anonymized)");
        }

        Run(context, anonymization, context.Now);
        return ApiResult.Ok(anonymization.ToJson(context.Now));
    }

    private static ApiResult GetRules(RequestContext context) =>
        ApiResult.Ok(new JsonObject { ["masking_rules"] = Require(context).Anonymization!.MaskingRules.DeepClone() });

    private static ApiResult UpdateRules(RequestContext context)
    {
        var branch = Require(context);
        var body = context.Body();
        if (!body.Has("masking_rules"))
        {
            throw ApiError.BadRequest("missing required field 'masking_rules'");
        }

        branch.Anonymization!.MaskingRules = Rules(branch, body.OptionalObjectArray("masking_rules"));
        return ApiResult.Ok(new JsonObject { ["masking_rules"] = branch.Anonymization.MaskingRules.DeepClone() });
    }

    private static void Run(RequestContext context, AnonymizationModel anonymization, DateTimeOffset startsAt)
    {
        anonymization.LastRun = new AnonymizationRun(startsAt, startsAt + context.State.OperationDuration, anonymization.MaskingRules.Count);
    }

    /// <summary>Validated <c>MaskingRule</c> objects: the database must be one of the branch's.</summary>
    private static JsonArray Rules(BranchModel branch, IReadOnlyList<BodyObject> rules) =>
        Json.Array(rules.Select(rule =>
        {
            var json = new JsonObject();
            foreach (var field in RequiredRuleFields)
            {
                json[field] = rule.RequiredString(field, 1);
            }

            foreach (var field in OptionalRuleFields)
            {
                if (rule.OptionalString(field) is { } value)
                {
                    json[field] = value;
                }
            }

            var database = (string)json["database_name"]!;
            return branch.Databases.Any(d => d.Name == database)
                ? (JsonNode)json
                : throw ApiError.BadRequest($"masking rule names database \"{database}\", which branch {branch.Id} does not have");
        }));

    private static BranchModel Require(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return branch.Anonymization is null
            ? throw ApiError.BadRequest($"branch {branch.Id} is not an anonymized branch (create one with createProjectBranchAnonymized)")
            : branch;
    }
}
