using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing.Internal;

namespace Neon.Api.Testing;

/// <summary>
/// An in-process emulator of the Neon control plane (API v2): projects, branches, endpoints,
/// databases, roles, operations that take time, project locks, API keys and regions, with fault
/// injection. Use it as an <see cref="HttpMessageHandler"/> (<see cref="CreateHandler"/>) or as a
/// loopback HTTP server (<see cref="StartAsync"/>); both run the same implementation.
/// </summary>
/// <example>
/// <code>
/// var neon = new FakeNeon(new FakeNeonOptions { TimeProvider = clock });
/// using var http = neon.CreateHttpClient();
/// var response = await http.PostAsync("projects", JsonContent.Create(new { project = new { name = "demo" } }));
///
/// await using var server = await FakeNeon.StartAsync();
/// Console.WriteLine(server.BaseUri); // http://127.0.0.1:PORT/api/v2/
/// </code>
/// </example>
public sealed class FakeNeon : IAsyncDisposable, IDisposable
{
    /// <summary>The API root used by in-process clients: Neon's own, <c>https://console.neon.tech/api/v2/</c>.</summary>
    public static readonly Uri DefaultBaseUri = new("https://console.neon.tech/api/v2/");

    /// <summary>
    /// The bearer token <see cref="CreateHttpClient"/> sends when none is given and
    /// <see cref="FakeNeonOptions.ApiKey"/> is not set. Any non-empty token is accepted then.
    /// </summary>
    public const string DefaultApiKey = "fake-neon-api-key";

    private readonly Emulator _emulator;
    private LoopbackServer? _server;

    /// <summary>Creates an emulator that answers in process (see <see cref="CreateHandler"/>).</summary>
    /// <param name="options">Settings and fault knobs; the defaults when null.</param>
    public FakeNeon(FakeNeonOptions? options = null)
    {
        Options = options ?? new FakeNeonOptions();
        Counters = new FakeNeonCounters();
        _emulator = new Emulator(Options, Counters);
    }

    /// <summary>The settings and fault knobs, read on every request (they may be changed while it runs).</summary>
    public FakeNeonOptions Options { get; }

    /// <summary>Requests received and responses by status.</summary>
    public FakeNeonCounters Counters { get; }

    /// <summary>
    /// The API root with a trailing slash: <c>http://127.0.0.1:PORT/api/v2/</c> when started as a
    /// server, else <see cref="DefaultBaseUri"/> (the handler answers whatever the host).
    /// </summary>
    public Uri BaseUri => _server?.BaseUri ?? DefaultBaseUri;

    /// <summary>True when a loopback server is running (see <see cref="StartAsync"/>).</summary>
    public bool IsServer => _server is not null;

    /// <summary>The operationIds the emulator implements; every other operation of the spec answers 501.</summary>
    public IReadOnlyCollection<string> ImplementedOperationIds => _emulator.ImplementedOperationIds;

    /// <summary>Starts an emulator behind a real HTTP server on 127.0.0.1 and an ephemeral port.</summary>
    /// <param name="options">Settings and fault knobs; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    public static Task<FakeNeon> StartAsync(FakeNeonOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var neon = new FakeNeon(options);
        neon._server = LoopbackServer.Start(neon._emulator);
        return Task.FromResult(neon);
    }

    /// <summary>
    /// A handler that answers from this emulator without sockets. Each call returns a new handler;
    /// disposing it (or the <see cref="HttpClient"/> that owns it) leaves the emulator running.
    /// </summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => new FakeNeonHandler(_emulator);

    /// <summary>
    /// An <see cref="HttpClient"/> with <see cref="HttpClient.BaseAddress"/> set to <see cref="BaseUri"/>
    /// and an <c>Authorization: Bearer</c> header: in process when not started as a server, else
    /// through the loopback socket.
    /// </summary>
    /// <param name="apiKey">The bearer token; defaults to <see cref="FakeNeonOptions.ApiKey"/>, then <see cref="DefaultApiKey"/>.</param>
    /// <returns>The client; the caller disposes it.</returns>
    public HttpClient CreateHttpClient(string? apiKey = null)
    {
        var client = _server is null ? new HttpClient(CreateHandler()) : new HttpClient();
        client.BaseAddress = BaseUri;
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", apiKey ?? Options.ApiKey ?? DefaultApiKey);
        return client;
    }

    /// <summary>Answers one request: the single implementation behind the handler and the server.</summary>
    /// <param name="request">The request; its URI path must start with <c>/api/v2/</c>.</param>
    /// <param name="cancellationToken">Cancels the added latency and the body read.</param>
    /// <returns>The response.</returns>
    public Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        _emulator.HandleAsync(request, cancellationToken);

    /// <summary>Stops the loopback server, if any.</summary>
    /// <returns>A task that completes when in-flight requests are done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the loopback server, if any (blocking).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
