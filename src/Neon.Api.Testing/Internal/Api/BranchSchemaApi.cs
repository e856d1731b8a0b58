using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// A database's schema on a branch, and the difference between two branches' schemas. The emulator runs no
/// Postgres, so a schema is what it knows of a database: an empty <c>public</c> schema owned by the database's
/// owner, as <c>pg_dump --schema-only</c> would print it.
/// </summary>
internal static class BranchSchemaApi
{
    private static readonly string[] Formats = ["sql", "json"];

    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("getProjectBranchSchema", "GET /projects/{project_id}/branches/{branch_id}/schema", Get);
        handlers.Add("getProjectBranchSchemaComparison", "GET /projects/{project_id}/branches/{branch_id}/compare_schema", Compare);
    }

    private static ApiResult Get(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var query = context.Query;
        var database = EmulatorState.RequireDatabase(branch, query.RequiredString("db_name"));
        PointInTime.Resolve(project, branch, query, context.Now);
        return ApiResult.Ok(query.Enum("format", "sql", Formats) == "json"
            ? new JsonObject { ["json"] = new JsonObject { ["tables"] = new JsonArray() } }
            : new JsonObject { ["sql"] = Dump(project, database) });
    }

    private static ApiResult Compare(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var query = context.Query;
        var name = query.RequiredString("db_name");
        var baseId = query.String("base_branch_id") ?? branch.ParentId
            ?? throw ApiError.BadRequest($"branch {branch.Id} has no parent: set 'base_branch_id'");
        var baseBranch = EmulatorState.RequireBranch(project, baseId);
        var database = EmulatorState.RequireDatabase(branch, name);
        PointInTime.Resolve(project, branch, query, context.Now);
        PointInTime.Resolve(project, baseBranch, query, context.Now, prefix: "base_");
        var baseDatabase = baseBranch.Databases.FirstOrDefault(d => d.Name == name);
        var before = baseDatabase is null ? string.Empty : Dump(project, baseDatabase);
        return ApiResult.Ok(new JsonObject { ["diff"] = UnifiedDiff(name, before, Dump(project, database)) });
    }

    /// <summary>The schema-only dump of a database (deterministic: the same database state gives the same text).</summary>
    private static string Dump(ProjectModel project, DatabaseModel database) => $"""
        --
        -- PostgreSQL database dump
        --

        -- Dumped from database version {project.PgVersion}
        -- Dumped by pg_dump version {project.PgVersion}

        SET statement_timeout = 0;
        SET lock_timeout = 0;
        SET client_encoding = 'UTF8';
        SET standard_conforming_strings = on;
        SELECT pg_catalog.set_config('search_path', '', false);

        --
        -- Name: public; Type: SCHEMA; Schema: -; Owner: {database.OwnerName}
        --

        ALTER SCHEMA public OWNER TO "{database.OwnerName.Replace("\"", "\"\"", StringComparison.Ordinal)}";

        --
        -- PostgreSQL database dump complete
        --

        """;

    /// <summary>A unified diff of two texts in one hunk (empty when they are equal), from a longest common subsequence of lines.</summary>
    private static string UnifiedDiff(string database, string before, string after)
    {
        if (before == after)
        {
            return string.Empty;
        }

        var a = Lines(before);
        var b = Lines(after);
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var text = new StringBuilder($"--- a/{database}\n+++ b/{database}\n@@ -{Range(a.Length)} +{Range(b.Length)} @@\n");
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                text.Append(' ').Append(a[x++]).Append('\n');
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                text.Append('-').Append(a[x++]).Append('\n');
            }
            else
            {
                text.Append('+').Append(b[y++]).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static string Range(int count) => count == 0 ? "0,0" : $"1,{count}";
}
