using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.Server;

/// <summary>
/// The emulator behind Kestrel (HTTP/1.1): each request becomes an <see cref="HttpRequestMessage"/> whose body is
/// read lazily, bounded and under a deadline (<see cref="BoundedBodyContent"/>), answered by the same
/// <see cref="Emulator.HandleAsync"/> as the in-process handler, and copied back.
/// </summary>
internal sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Emulator _emulator;
    private readonly ServerSettings _settings;
    private int _stopped;

    private EmulatorServer(WebApplication app, Emulator emulator, ServerSettings settings)
    {
        _app = app;
        _emulator = emulator;
        _settings = settings;
    }

    /// <summary>The API root, for example <c>http://127.0.0.1:54321/api/v2/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public static async Task<EmulatorServer> StartAsync(Emulator emulator, FakeNeonServerOptions options, CancellationToken cancellationToken)
    {
        var settings = ServerSettings.From(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The body limit is enforced where the body is read (BoundedBodyContent), so that what is read is counted
            // exactly and the refusal is a GeneralError; before that, Kestrel holds at most MaxRequestBufferSize
            // (1 MiB by default) of a connection's unread input.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.RequestHeadersTimeout = settings.RequestHeadersTimeout;
            // One deadline for the whole body (BoundedBodyContent) instead of Kestrel's minimum data rate: a client
            // that trickles one byte a second gets the same 408 as one that stops.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(settings.Address, settings.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        // A library must not take over the process's Ctrl+C and SIGTERM (the default console lifetime would).
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();

        var app = builder.Build();
        var server = new EmulatorServer(app, emulator, settings);
        app.Run(server.ServeAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false); // the port is taken, or the start was cancelled
            throw;
        }

        server.BaseUri = settings.BaseUri(BoundPort(app));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // Stops accepting, lets requests in flight finish for up to ShutdownTimeout, then aborts the rest.
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First()).Port;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var hasBody = context.Features.GetRequiredFeature<IHttpRequestBodyDetectionFeature>().CanHaveBody;
        var body = hasBody ? new BoundedBodyContent(context.Request, _settings, _emulator.Counters) : null;
        using var request = ToRequestMessage(context.Request, body);
        HttpResponseMessage response;
        try
        {
            response = await _emulator.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client left, or the server stopped past its shutdown timeout
        }
#pragma warning disable CA1031 // whatever went wrong, the client gets a GeneralError rather than Kestrel's empty 500
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response = Emulator.ErrorResponse(
                new ApiError(HttpStatusCode.InternalServerError, "INTERNAL_ERROR", $"emulator error: {ex.Message}"),
                Guid.NewGuid().ToString());
        }

        using (response)
        {
            if (body is { ReadToEnd: false })
            {
                // The body was refused or never read: end the connection after the answer rather than keep it for another request.
                context.Response.Headers.Connection = "close";
            }

            await WriteResponseAsync(response, context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        _settings.RequestCompleted?.Invoke(new FakeNeonRequestRecord(
            context.Request.Method,
            context.Request.Path.HasValue ? context.Request.PathBase + context.Request.Path : "/",
            context.Response.StatusCode,
            context.Response.Headers["X-Request-ID"].ToString(),
            Stopwatch.GetElapsedTime(started)));
    }

    private HttpRequestMessage ToRequestMessage(HttpRequest source, BoundedBodyContent? body)
    {
        // The server's own address, not the Host header: HTTP/1.0 clients may send none, and any value is allowed.
        var uri = new Uri(
            BaseUri.GetLeftPart(UriPartial.Authority) + source.PathBase.Add(source.Path).ToUriComponent() + source.QueryString.ToUriComponent(),
            UriKind.Absolute);
        var request = new HttpRequestMessage(new HttpMethod(source.Method), uri) { Content = body };
        foreach (var (name, values) in source.Headers)
        {
            var all = values.ToArray();
            if (!request.Headers.TryAddWithoutValidation(name, all))
            {
                body?.Headers.TryAddWithoutValidation(name, all);
            }
        }

        return request;
    }

    private static async Task WriteResponseAsync(HttpResponseMessage source, HttpResponse target, CancellationToken cancellationToken)
    {
        target.StatusCode = (int)source.StatusCode;
        foreach (var header in source.Headers.Concat(source.Content.Headers))
        {
            if (header.Key is not ("Content-Length" or "Transfer-Encoding" or "Connection"))
            {
                target.Headers[header.Key] = header.Value.ToArray();
            }
        }

        if (source.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
        {
            return;
        }

        var bytes = await source.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        target.ContentLength = bytes.Length;
        await target.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A host lifetime that neither waits for nor listens to console signals.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
