using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Neon.Api.Benchmarks.Server;

/// <summary>
/// A Kestrel server on 127.0.0.1 (port chosen by the OS) answering the four routes the benchmarks call, from bodies
/// serialized once at startup so that the server costs little per request:
/// <list type="bullet">
/// <item><c>GET /api/v2/projects?limit=400[&amp;cursor=id]</c>: 10,000 projects in 25 pages of 400, then an empty page;
/// a page's <c>pagination.cursor</c> is its last id;</item>
/// <item><c>GET /api/v2/projects/{id}</c>: a <c>ProjectResponse</c>;</item>
/// <item><c>POST /api/v2/projects/{id}/branches</c>: 201 with a <c>CreatedBranch</c> whose two operations are <c>running</c>;</item>
/// <item><c>GET /api/v2/projects/{id}/operations/{op}</c>: the operation, <c>finished</c>;</item>
/// <item><c>GET /_bench/stats</c>: request counters, for the harness's own checks.</item>
/// </list>
/// Anything else is a 404 with a <c>GeneralError</c> body; a request without a bearer token is a 401.
/// </summary>
public sealed class LoopbackNeonServer : IAsyncDisposable
{
    private static readonly string[] Routes = ["list", "get", "create", "operation"];

    private readonly byte[][] _pages;
    private readonly Dictionary<string, int> _pageAfterCursor = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _createdBranches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _operations = new(StringComparer.Ordinal);
    private readonly long[] _counters = new long[Routes.Length];
    private readonly byte[] _unauthorized = SpecBodies.Error("Authorization header is missing or is not a bearer token");
    private WebApplication? _app;

    private LoopbackNeonServer()
    {
        int pageCount = (BenchData.ProjectCount / BenchData.PageSize) + 1; // the last one is the empty page
        _pages = new byte[pageCount][];
        for (int page = 0; page < pageCount; page++)
        {
            int start = page * BenchData.PageSize;
            string? sentCursor = page == 0 ? null : BenchData.ProjectId(start - 1);
            _pages[page] = SpecBodies.ListPage(start, BenchData.PageSize, sentCursor);
            if (sentCursor is not null)
            {
                _pageAfterCursor[sentCursor] = page;
            }
        }

        string project = BenchData.BenchProjectId;
        _projects[project] = SpecBodies.Project(0);
        _createdBranches[project] = SpecBodies.CreatedBranch(project);
        foreach (string operation in BenchData.OperationIds)
        {
            _operations[project + "/" + operation] = SpecBodies.FinishedOperation(project, operation);
        }
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The API base, e.g. <c>http://127.0.0.1:41234/api/v2/</c>.</summary>
    public Uri ApiBase => BenchData.ApiBase(Root);

    /// <summary>Builds every body and starts listening on 127.0.0.1 with a port chosen by the OS.</summary>
    public static async Task<LoopbackNeonServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LoopbackNeonServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0); // loopback only, never another address
        });
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server._app = app;

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        if (!IPAddress.IsLoopback(IPAddress.Parse(server.Root.Host)))
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The benchmark server must listen on loopback only, not {address}.");
        }

        return server;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized, _unauthorized);
            return;
        }

        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            await request.Body.CopyToAsync(Stream.Null, context.RequestAborted); // read what was sent, as a real server does
        }

        string path = request.Path.Value ?? string.Empty;
        if (path == "/_bench/stats")
        {
            await WriteAsync(context, StatusCodes.Status200OK, Stats());
            return;
        }

        string[] segments = path.StartsWith(BenchData.ApiPrefix, StringComparison.Ordinal)
            ? path.Substring(BenchData.ApiPrefix.Length).Split('/', StringSplitOptions.RemoveEmptyEntries)
            : [];
        bool isGet = HttpMethods.IsGet(request.Method);
        byte[]? body = null;
        int status = StatusCodes.Status200OK;
        if (segments is ["projects"] && isGet)
        {
            body = ListPage(request, out status);
            Count(0);
        }
        else if (segments is ["projects", var id] && isGet)
        {
            body = _projects.GetOrAdd(id, static key => KnownProject(key) is int index ? SpecBodies.Project(index) : []);
            Count(1);
        }
        else if (segments is ["projects", var project, "branches"] && HttpMethods.IsPost(request.Method))
        {
            body = _createdBranches.GetOrAdd(project, static key => KnownProject(key) is null ? [] : SpecBodies.CreatedBranch(key));
            status = StatusCodes.Status201Created;
            Count(2);
        }
        else if (segments is ["projects", var owner, "operations", var operation] && isGet)
        {
            body = _operations.GetOrAdd(owner + "/" + operation, static key => []);
            Count(3);
        }

        if (body is null || body.Length == 0)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SpecBodies.Error($"The benchmark server does not serve {request.Method} {path}{request.QueryString}"));
            return;
        }

        await WriteAsync(context, status, body);
    }

    private byte[] ListPage(HttpRequest request, out int status)
    {
        string? limit = request.Query["limit"];
        string? cursor = request.Query["cursor"];
        status = StatusCodes.Status400BadRequest;
        if (limit != BenchData.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return SpecBodies.Error($"The benchmark server serves listProjects pages of limit={BenchData.PageSize} only; got limit={limit}");
        }

        if (string.IsNullOrEmpty(cursor))
        {
            status = StatusCodes.Status200OK;
            return _pages[0];
        }

        if (_pageAfterCursor.TryGetValue(cursor, out int page))
        {
            status = StatusCodes.Status200OK;
            return _pages[page];
        }

        return SpecBodies.Error($"Unknown cursor '{cursor}'");
    }

    private static int? KnownProject(string id)
    {
        string prefix = BenchData.ProjectId(0).Substring(0, BenchData.ProjectId(0).Length - 6);
        return id.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            && index < BenchData.ProjectCount
            && BenchData.ProjectId(index) == id
            ? index
            : null;
    }

    private void Count(int route) => Interlocked.Increment(ref _counters[route]);

    private byte[] Stats() => Encoding.UTF8.GetBytes(
        "{" + string.Join(",", Routes.Select((name, i) => $"\"{name}\":{Interlocked.Read(ref _counters[i])}")) + "}");

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }
}
