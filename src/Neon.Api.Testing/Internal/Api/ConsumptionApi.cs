using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Consumption history per project (legacy and v2) and per branch (v2). The numbers are synthetic but
/// deterministic: they follow from what existed when (branches, their databases and endpoints, by creation
/// time) and from the requested range and granularity, so the same state and query give the same answer.
/// </summary>
internal static class ConsumptionApi
{
    private static readonly string[] Granularities = ["hourly", "daily", "monthly"];

    /// <summary>The legacy metrics; the first four are returned always (the schema requires them).</summary>
    private static readonly string[] LegacyMetrics =
    [
        "active_time_seconds", "compute_time_seconds", "written_data_bytes", "synthetic_storage_size_bytes",
        "data_storage_bytes_hour", "logical_size_bytes", "logical_size_bytes_hour",
    ];

    /// <summary>The v2 metrics; branches take the first six.</summary>
    private static readonly string[] Metrics =
    [
        "compute_unit_seconds", "root_branch_bytes_month", "child_branch_bytes_month", "instant_restore_bytes_month",
        "public_network_transfer_bytes", "private_network_transfer_bytes", "extra_branches_month", "snapshot_storage_bytes_month",
    ];

    /// <summary>When Neon's consumption history begins.</summary>
    private static readonly DateTimeOffset HistoryStart = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("getConsumptionHistoryPerProject", "GET /consumption_history/projects", PerProjectLegacy);
        handlers.Add("getConsumptionHistoryPerProjectV2", "GET /consumption_history/v2/projects", PerProject);
        handlers.Add("getConsumptionHistoryPerBranchV2", "GET /consumption_history/v2/branches", PerBranch);
    }

    /// <summary>Projects of <c>org_id</c>, or of the personal account without it, oldest first.</summary>
    private static ApiResult PerProjectLegacy(RequestContext context)
    {
        var query = context.Query;
        var range = TimeRange.Read(context);
        var requested = query.List("metrics", LegacyMetrics.Length);
        var extra = requested.Count == 0 && query.Boolean("include_v1_metrics", defaultValue: false) ? ["data_storage_bytes_hour"] : requested;
        var metrics = LegacyMetrics.Take(4).Union(Allowed(extra, LegacyMetrics)).ToList();
        var orgId = query.String("org_id") is { } id ? context.State.Account.RequireOrganization(id).Id : null;
        var projects = Projects(context, orgId).ToList();
        return Page(context, projects, query.Integer("limit", 1, 100) ?? 10, "projects", p => p.Id, p => new JsonObject
        {
            ["project_id"] = p.Id,
            ["periods"] = range.Periods(p.Id, context.Now, (start, end) =>
            {
                var values = Measure(p, p.Branches, start, end, context.Now);
                var json = new JsonObject { ["timeframe_start"] = Formats.Time(start), ["timeframe_end"] = Formats.Time(end) };
                foreach (var metric in metrics)
                {
                    json[metric] = values[metric];
                }

                return json;
            }),
        });
    }

    /// <summary>Projects of the organization, newest first.</summary>
    private static ApiResult PerProject(RequestContext context)
    {
        var range = TimeRange.Read(context);
        var metrics = RequiredMetrics(context.Query, Metrics);
        var org = context.State.Account.RequireOrganization(context.Query.RequiredString("org_id"));
        var projects = Projects(context, org.Id).Reverse().ToList();
        return Page(context, projects, context.Query.Integer("limit", 1, 100) ?? 10, "projects", p => p.Id, p => new JsonObject
        {
            ["project_id"] = p.Id,
            ["periods"] = range.Periods(p.Id, context.Now, (start, end) => MetricList(Measure(p, p.Branches, start, end, context.Now), metrics, start, end)),
        });
    }

    /// <summary>Branches of the listed projects (each must be the organization's: 404), by project id, then branch id.</summary>
    private static ApiResult PerBranch(RequestContext context)
    {
        var query = context.Query;
        var range = TimeRange.Read(context);
        var metrics = RequiredMetrics(query, Metrics[..6]);
        var org = context.State.Account.RequireOrganization(query.RequiredString("org_id"));
        var projectIds = query.List("project_ids", 100);
        if (projectIds.Count == 0)
        {
            throw ApiError.BadRequest("missing required query parameter 'project_ids' (1 to 100 project ids)");
        }

        var branchIds = query.List("branch_ids", 100);
        var projects = projectIds.Distinct(StringComparer.Ordinal).Select(id => context.State.RequireProject(id)).ToList();
        if (projects.FirstOrDefault(p => p.OrgId != org.Id) is { } stranger)
        {
            throw ApiError.NotFound($"project {stranger.Id} not found in organization {org.Id}");
        }

        var branches = projects
            .SelectMany(p => p.Branches.Select(b => (Project: p, Branch: b)))
            .Where(x => branchIds.Count == 0 || branchIds.Contains(x.Branch.Id))
            .OrderBy(x => x.Project.Id, StringComparer.Ordinal).ThenBy(x => x.Branch.Id, StringComparer.Ordinal)
            .ToList();
        return Page(context, branches, query.Integer("limit", 1, 1000) ?? 100, "branches", x => $"{x.Project.Id}/{x.Branch.Id}", x => new JsonObject
        {
            ["project_id"] = x.Project.Id,
            ["branch_id"] = x.Branch.Id,
            ["periods"] = range.Periods(x.Branch.Id, context.Now, (start, end) =>
                MetricList(Measure(x.Project, [x.Branch], start, end, context.Now), metrics, start, end)),
        });
    }

    private static IEnumerable<ProjectModel> Projects(RequestContext context, string? orgId)
    {
        var ids = context.Query.List("project_ids", 100);
        return context.State.AllProjects.Where(p => !p.IsDeleted && p.OrgId == orgId && (ids.Count == 0 || ids.Contains(p.Id)));
    }

    /// <summary>One page with <c>pagination: { cursor }</c>, the cursor being the key of the page's last item.</summary>
    private static ApiResult Page<T>(RequestContext context, List<T> ordered, int limit, string name, Func<T, string> key, Func<T, JsonObject> toJson)
    {
        var positions = ordered.Select((item, i) => (Key: key(item), Position: (long)i)).ToDictionary(x => x.Key, x => x.Position, StringComparer.Ordinal);
        var (page, pagination) = Paging.ByCursor(
            ordered, context.Query.String("cursor"), limit, key, cursor => positions.TryGetValue(cursor, out var at) ? at : null, item => positions[key(item)]);
        var response = new JsonObject { [name] = Json.Array(page.Select(toJson)) };
        if (pagination is not null)
        {
            response["pagination"] = pagination;
        }

        return ApiResult.Ok(response);
    }

    private static IReadOnlyList<string> RequiredMetrics(QueryParameters query, string[] allowed)
    {
        var requested = query.List("metrics", Metrics.Length);
        return requested.Count == 0
            ? throw ApiError.BadRequest($"missing required query parameter 'metrics' (one or more of: {string.Join(", ", allowed)})")
            : Allowed(requested, allowed);
    }

    private static IReadOnlyList<string> Allowed(IReadOnlyList<string> requested, string[] allowed) =>
        requested.FirstOrDefault(m => !allowed.Contains(m, StringComparer.Ordinal)) is { } unknown
            ? throw ApiError.BadRequest($"query parameter 'metrics' does not take '{unknown}' here; allowed: {string.Join(", ", allowed)}")
            : requested.Distinct(StringComparer.Ordinal).ToList();

    private static JsonObject MetricList(Dictionary<string, long> values, IReadOnlyList<string> metrics, DateTimeOffset start, DateTimeOffset end) => new()
    {
        ["timeframe_start"] = Formats.Time(start),
        ["timeframe_end"] = Formats.Time(end),
        ["metrics"] = Json.Array(metrics.Select(m => new JsonObject { ["metric_name"] = m, ["value"] = values[m] })),
    };

    /// <summary>
    /// Every metric of some branches of a project over [<paramref name="start"/>, <paramref name="end"/>), counting only
    /// what existed then (up to <paramref name="now"/>): a branch stores 8 MiB plus 8 MiB per database and writes
    /// 1 KiB a second; an endpoint is active from its creation and uses its minimum compute size.
    /// </summary>
    private static Dictionary<string, long> Measure(ProjectModel project, IEnumerable<BranchModel> branches, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        const long MiB = 1024 * 1024;
        const long MonthSeconds = 30 * 24 * 3600;
        const int IncludedBranches = 10;
        long active = 0, compute = 0, written = 0, logical = 0, logicalSeconds = 0, root = 0, child = 0, extra = 0;
        var oldest = project.Branches.OrderBy(b => b.Sequence).Take(IncludedBranches).ToHashSet();
        foreach (var branch in branches)
        {
            var seconds = Overlap(start, end, branch.CreatedAt, now);
            if (seconds == 0)
            {
                continue;
            }

            var size = 8 * MiB * (1 + branch.Databases.Count);
            foreach (var endpoint in project.Endpoints.Where(e => e.BranchId == branch.Id))
            {
                var up = Overlap(start, end, endpoint.CreatedAt, now);
                active += up;
                compute += (long)Math.Round(up * endpoint.MinCu);
            }

            written += seconds * 1024;
            logical += size;
            logicalSeconds += size * seconds;
            root += branch.ParentId is null ? size * seconds : 0;
            child += branch.ParentId is null ? 0 : size / 4 * seconds;
            extra += oldest.Contains(branch) ? 0 : seconds;
        }

        var network = active * 2048;
        var restricted = project.Access.VpcRestrictions.Count > 0;
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["active_time_seconds"] = active,
            ["compute_time_seconds"] = compute,
            ["written_data_bytes"] = written,
            ["synthetic_storage_size_bytes"] = logical + written,
            ["data_storage_bytes_hour"] = (logicalSeconds + (written * (end - start).Ticks / TimeSpan.TicksPerSecond)) / 3600,
            ["logical_size_bytes"] = logical,
            ["logical_size_bytes_hour"] = logicalSeconds / 3600,
            ["compute_unit_seconds"] = compute,
            ["root_branch_bytes_month"] = root / MonthSeconds,
            ["child_branch_bytes_month"] = child / MonthSeconds,
            ["instant_restore_bytes_month"] = written * Math.Min(project.HistoryRetentionSeconds, MonthSeconds) / MonthSeconds,
            ["public_network_transfer_bytes"] = restricted ? 0 : network,
            ["private_network_transfer_bytes"] = restricted ? network : 0,
            ["extra_branches_month"] = extra / MonthSeconds,
            ["snapshot_storage_bytes_month"] = 0,
        };
    }

    /// <summary>Whole seconds of [<paramref name="start"/>, <paramref name="end"/>) within [<paramref name="from"/>, <paramref name="until"/>).</summary>
    private static long Overlap(DateTimeOffset start, DateTimeOffset end, DateTimeOffset from, DateTimeOffset until)
    {
        var a = start > from ? start : from;
        var b = end < until ? end : until;
        return b > a ? (long)(b - a).TotalSeconds : 0;
    }

    /// <summary>
    /// The requested range: <c>from</c> rounded down and <c>to</c> rounded up to the granularity, split into
    /// timeframes that have begun by now. 400 for a missing or malformed value or an empty range; 406, as Neon,
    /// for a range reaching before the history starts or beyond what the granularity keeps (168 hours, 60 days, a year).
    /// </summary>
    private sealed record TimeRange(DateTimeOffset Start, DateTimeOffset End, string Granularity)
    {
        public static TimeRange Read(RequestContext context)
        {
            var query = context.Query;
            var from = query.RequiredDateTime("from");
            var to = query.RequiredDateTime("to");
            var granularity = query.Enum("granularity", query.RequiredString("granularity"), Granularities);
            if (from >= to)
            {
                throw ApiError.BadRequest($"query parameter 'from' ({Formats.Time(from)}) must be earlier than 'to' ({Formats.Time(to)})");
            }

            // Timeframes end at the clock anyway; clipping first keeps rounding a far-future 'to' in range.
            var until = to < context.Now ? to : context.Now;
            var range = new TimeRange(from, until, granularity);
            range = range with { Start = range.Floor(from), End = range.Floor(until) < until ? range.Next(range.Floor(until)) : until };
            var (window, kept) = granularity switch
            {
                "hourly" => (context.Now.AddHours(-168), "168 hours"),
                "daily" => (context.Now.AddDays(-60), "60 days"),
                _ => (context.Now.AddYears(-1), "year"),
            };
            if (range.Start < HistoryStart)
            {
                throw NotAcceptable($"consumption history starts at {Formats.Time(HistoryStart)}; 'from' is {Formats.Time(from)}");
            }

            if (range.Start < range.Floor(window))
            {
                throw NotAcceptable($"{granularity} metrics are kept for the last {kept}: 'from' must not be earlier than {Formats.Time(range.Floor(window))}");
            }

            return range;
        }

        /// <summary>The timeframes grouped by calendar month (the billing period), each period as <c>ConsumptionHistoryPerPeriod</c>.</summary>
        public JsonArray Periods(string owner, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset, JsonObject> timeframe)
        {
            var frames = new List<DateTimeOffset>();
            for (var t = Start; t < End && t < now; t = Next(t))
            {
                frames.Add(t);
            }

            return Json.Array(frames.GroupBy(t => new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero)).Select(month =>
            {
                var period = new JsonObject
                {
                    ["period_id"] = PeriodId(owner, month.Key).ToString(),
                    ["period_plan"] = "scale",
                    ["period_start"] = Formats.Time(month.Key),
                };
                if (month.Key.AddMonths(1) <= now)
                {
                    period["period_end"] = Formats.Time(month.Key.AddMonths(1));
                }

                period["consumption"] = Json.Array(month.Select(t => timeframe(t, Next(t))));
                return period;
            }));
        }

        private DateTimeOffset Floor(DateTimeOffset t) => Granularity switch
        {
            "hourly" => new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero),
            "daily" => new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero),
        };

        private DateTimeOffset Next(DateTimeOffset t) => Granularity switch
        {
            "hourly" => t.AddHours(1),
            "daily" => t.AddDays(1),
            _ => t.AddMonths(1),
        };

        private static ApiError NotAcceptable(string message) => new(HttpStatusCode.NotAcceptable, "NOT_ACCEPTABLE", message);

        /// <summary>A stable UUID per owner and billing month (version 8: derived from a hash).</summary>
        private static Guid PeriodId(string owner, DateTimeOffset month)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\n{Formats.Time(month)}"));
            var bytes = hash.AsSpan(0, 16);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}
