using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing.Internal;
using Neon.Api.Testing.Internal.Api;
using Neon.Api.Testing.Internal.Server;

namespace Neon.Api.Testing;

/// <summary>
/// An in-process emulator of the Neon control plane (API v2): projects, branches, endpoints,
/// databases, roles, operations that take time, project locks, API keys, regions and object-storage
/// buckets, with fault
/// injection. Use it as an <see cref="HttpMessageHandler"/> (<see cref="CreateHandler"/>) or as a
/// real HTTP server (<see cref="StartAsync"/>); both run the same implementation.
/// </summary>
/// <example>
/// <code>
/// var neon = new FakeNeon(new FakeNeonOptions { TimeProvider = new FastForwardTimeProvider() });
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
    private EmulatorServer? _server;

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

    /// <summary>True when the HTTP server is running (see <see cref="StartAsync"/>).</summary>
    public bool IsServer => _server is not null;

    /// <summary>The operationIds the emulator implements; every other operation of the spec answers 501.</summary>
    public IReadOnlyCollection<string> ImplementedOperationIds => _emulator.ImplementedOperationIds;

    /// <summary>
    /// The operationIds the emulator has handlers for but leaves out because the spec it is built with lacks them (an
    /// older spec vendored); empty with the spec the package ships with. Their routes answer 404 with a
    /// <c>GeneralError</c> naming the operation and <see cref="SpecVersion"/>.
    /// </summary>
    public IReadOnlyCollection<string> LeftOutOperationIds => _emulator.LeftOutOperationIds;

    /// <summary>The spec the emulator is built with, as <c>package version</c> (for example <c>@neondatabase/api-client 2.7.3</c>).</summary>
    public string SpecVersion => _emulator.SpecVersion;

    /// <summary>
    /// Starts an emulator behind a real HTTP server (Kestrel, HTTP/1.1) where and how
    /// <see cref="FakeNeonOptions.Server"/> says: by default on 127.0.0.1 and an ephemeral port, with a 10 MiB
    /// request-body limit and header and body timeouts (see <see cref="FakeNeonServerOptions"/>).
    /// </summary>
    /// <param name="options">Settings and fault knobs; the defaults when null. <see cref="FakeNeonOptions.Server"/> is read once, here.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator (<see cref="BaseUri"/> carries the bound port); dispose it to stop the server.</returns>
    /// <exception cref="System.IO.IOException">The address and port cannot be bound (for example the port is taken).</exception>
    public static async Task<FakeNeon> StartAsync(FakeNeonOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var neon = new FakeNeon(options);
        neon._server = await EmulatorServer.StartAsync(neon._emulator, neon.Options.Server, cancellationToken).ConfigureAwait(false);
        return neon;
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
    /// through the server's socket.
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

    /// <summary>
    /// Stores an object in a bucket, as an upload through a presigned URL does in Neon (the emulator
    /// does not serve presigned URLs). An object with the same key is replaced. The object is then
    /// listed by <c>listProjectBranchBucketObjects</c> and downloaded by
    /// <c>getProjectBranchBucketObject</c>, which, as Neon, always answers
    /// <c>application/octet-stream</c> with an <c>ETag</c> (a content hash).
    /// </summary>
    /// <param name="projectId">The project id.</param>
    /// <param name="branchId">The branch id.</param>
    /// <param name="bucketName">The bucket, created before (<c>createProjectBranchBucket</c>).</param>
    /// <param name="key">The object key: 1 to 1024 characters; may contain <c>/</c> (folders).</param>
    /// <param name="content">The bytes (copied).</param>
    /// <exception cref="ArgumentException">The key is empty or longer than 1024 characters.</exception>
    /// <exception cref="InvalidOperationException">The project, branch or bucket does not exist.</exception>
    public void PutBucketObject(string projectId, string branchId, string bucketName, string key, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(branchId);
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        if (key.Length is 0 or > BucketsApi.MaxKeyLength)
        {
            throw new ArgumentException($"An object key must be between 1 and {BucketsApi.MaxKeyLength} characters long.", nameof(key));
        }

        _emulator.PutBucketObject(projectId, branchId, bucketName, key, (byte[])content.Clone());
    }

    /// <summary>
    /// Adds an organization the current user belongs to, as its admin, beside the seeded default organization
    /// (<c>org-quiet-meadow-81040908</c>): for example the destination of a project transfer. It is listed by
    /// <c>getCurrentUserOrganizations</c> and reachable under <c>/organizations/{org_id}</c>.
    /// </summary>
    /// <param name="name">The organization's name: 1 to 64 characters.</param>
    /// <returns>The new organization's id, such as <c>org-silent-river-12345678</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or longer than 64 characters.</exception>
    public string AddOrganization(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 64)
        {
            throw new ArgumentException("An organization name must be between 1 and 64 characters long.", nameof(name));
        }

        return _emulator.AddOrganization(name);
    }

    /// <summary>
    /// Stops the HTTP server, if any: no new connection is accepted, requests in flight finish (for up to
    /// <see cref="FakeNeonServerOptions.ShutdownTimeout"/>, then they are cancelled).
    /// </summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the HTTP server, if any (blocking; see <see cref="DisposeAsync"/>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
