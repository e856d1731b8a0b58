using System;
using System.Globalization;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>A point in a branch's history given as an LSN or a timestamp (snapshots, schema at a point).</summary>
internal static class PointInTime
{
    /// <summary>
    /// Resolves an optional LSN or timestamp (at most one) on <paramref name="branch"/>: the head when both
    /// are absent. A timestamp must fall in the restore window (the branch's life within the project's
    /// <c>history_retention_seconds</c>); an LSN must be well formed and not ahead of the branch.
    /// </summary>
    public static (string Lsn, DateTimeOffset? Timestamp) Resolve(
        ProjectModel project, BranchModel branch, QueryParameters query, DateTimeOffset now, string prefix = "")
    {
        var lsnName = prefix + "lsn";
        var timestampName = prefix + "timestamp";
        var lsn = query.String(lsnName);
        var timestamp = query.DateTime(timestampName);
        if (lsn is not null && timestamp is not null)
        {
            throw ApiError.BadRequest($"specify at most one of '{lsnName}' and '{timestampName}'");
        }

        if (timestamp is { } at)
        {
            var windowStart = now.AddSeconds(-project.HistoryRetentionSeconds);
            windowStart = windowStart > branch.CreatedAt ? windowStart : branch.CreatedAt;
            if (at > now || at < windowStart)
            {
                throw ApiError.BadRequest(
                    $"'{timestampName}' {Formats.Time(at)} is outside the restore window of branch {branch.Id} "
                    + $"({Formats.Time(windowStart)} to {Formats.Time(now)})");
            }

            return (branch.Lsn(at), at);
        }

        if (lsn is null)
        {
            return (branch.Lsn(now), now);
        }

        var value = Parse(lsn) ?? throw ApiError.BadRequest($"'{lsnName}' must be an LSN such as 0/1DE2850, got '{lsn}'");
        if (value < Parse(branch.Lsn(branch.CreatedAt)) || value > Parse(branch.Lsn(now)))
        {
            throw ApiError.BadRequest(
                $"'{lsnName}' {lsn} is outside the history of branch {branch.Id} ({branch.Lsn(branch.CreatedAt)} to {branch.Lsn(now)})");
        }

        return (lsn, null);
    }

    /// <summary>An LSN <c>X/Y</c> (two hexadecimal 32-bit halves) as a number, or null when malformed.</summary>
    private static ulong? Parse(string lsn)
    {
        var slash = lsn.IndexOf('/', StringComparison.Ordinal);
        return slash is > 0 and <= 8
            && lsn.Length - slash - 1 is > 0 and <= 8
            && uint.TryParse(lsn.AsSpan(0, slash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && uint.TryParse(lsn.AsSpan(slash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low)
                ? ((ulong)high << 32) | low
                : null;
    }
}
