using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing.Internal.Api;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.Routing;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal;

/// <summary>
/// The request pipeline shared by the handler and the loopback server: latency, authentication,
/// injected faults, routing by the spec's path templates, project locks, then the route handler.
/// </summary>
internal sealed class Emulator
{
    private const string BasePath = "/api/v2";

    private readonly object _gate = new();
    private readonly EmulatorState _state;
    private readonly SpecRouteTable _spec;
    private readonly HandlerBinding _binding;
    private readonly Random _faultRandom;

    public Emulator(FakeNeonOptions options, FakeNeonCounters counters)
        : this(options, counters, SpecRouteTable.Embedded)
    {
    }

    /// <summary>An emulator of <paramref name="spec"/> (tests give it other specs than the embedded one).</summary>
    internal Emulator(FakeNeonOptions options, FakeNeonCounters counters, SpecRouteTable spec)
    {
        Options = options;
        Counters = counters;
        _state = new EmulatorState(options);
        _faultRandom = new Random(options.Seed);
        _spec = spec;
        _binding = HandlerBinding.Bind(AllHandlers(), spec);
    }

    public FakeNeonOptions Options { get; }

    public FakeNeonCounters Counters { get; }

    /// <summary>The operationIds the emulator implements: those of its handlers that the spec lists.</summary>
    public IReadOnlyCollection<string> ImplementedOperationIds => _binding.Implemented.Keys.ToArray();

    /// <summary>The operationIds of handlers left out because the spec lacks their operation.</summary>
    public IReadOnlyCollection<string> LeftOutOperationIds => _binding.LeftOut.Select(r => r.OperationId).ToArray();

    /// <summary>Where the spec came from, for example <c>@neondatabase/api-client 2.7.3</c>.</summary>
    public string SpecVersion => _spec.Version;

    /// <summary>Every handler the emulator has, whatever the spec.</summary>
    internal static RouteHandlers AllHandlers()
    {
        var handlers = new RouteHandlers();
        ProjectsApi.Register(handlers);
        BranchesApi.Register(handlers);
        EndpointsApi.Register(handlers);
        DatabasesApi.Register(handlers);
        RolesApi.Register(handlers);
        OperationsApi.Register(handlers);
        AccountApi.Register(handlers);
        BucketsApi.Register(handlers);
        UsersApi.Register(handlers);
        OrganizationsApi.Register(handlers);
        ProjectAccessApi.Register(handlers);
        VpcEndpointsApi.Register(handlers);
        ConsumptionApi.Register(handlers);
        return handlers;
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Counters.RecordRequest();
        var requestId = request.Headers.TryGetValues("X-Request-ID", out var ids) && ids.FirstOrDefault() is { Length: > 0 } sent
            ? sent
            : Guid.NewGuid().ToString();

        if (Options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Options.Latency, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        HttpResponseMessage response;
        try
        {
            string? body = null;
            if (request.Content is not null)
            {
                // A bad token is refused before the body is read: the HTTP server reads (and holds) a body only for an
                // authenticated client, and its size limit and read deadline surface here as ApiErrors.
                lock (_gate)
                {
                    Authenticate(request);
                }

                body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            response = Handle(request, body, requestId);
        }
        catch (ApiError error)
        {
            response = ErrorResponse(error, requestId);
        }
#pragma warning disable CA1031 // a bug in a route handler becomes a 500 answer instead of tearing down the server loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response = ErrorResponse(
                new ApiError(HttpStatusCode.InternalServerError, "INTERNAL_ERROR", $"emulator error: {ex.Message}"), requestId);
        }

        response.RequestMessage = request;
        response.Headers.TryAddWithoutValidation("X-Request-ID", requestId);
        Counters.RecordResponse((int)response.StatusCode);
        return response;
    }

    private HttpResponseMessage Handle(HttpRequestMessage request, string? body, string requestId)
    {
        lock (_gate)
        {
            var credential = Authenticate(request);
            if (InjectedFault() is { } fault)
            {
                var response = ErrorResponse(fault, requestId);
                response.Headers.RetryAfter = new RetryConditionHeaderValue(
                    TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling(Options.RetryAfter.TotalSeconds))));
                return response;
            }

            var method = request.Method.Method.ToUpperInvariant();
            var route = Route(method, request.RequestUri, out var parameters);
            if (!_binding.Implemented.TryGetValue(route.OperationId, out var entry))
            {
                throw new ApiError(
                    HttpStatusCode.NotImplemented,
                    "NOT_IMPLEMENTED",
                    $"operation {route.OperationId} ({method} {route.Template}) is not implemented by the Neon emulator");
            }

            var context = new RequestContext
            {
                State = _state,
                Now = Options.TimeProvider.GetUtcNow(),
                PathParameters = parameters,
                Query = QueryParameters.Parse(request.RequestUri?.Query),
                BodyText = body,
                Credential = credential,
            };
            if (method != "GET" && entry.Locking)
            {
                CheckLocks(route, context);
            }

            return Response(entry.Handler(context));
        }
    }

    /// <summary>
    /// Stores an object in a bucket, as an upload through a presigned URL would (see
    /// <see cref="FakeNeon.PutBucketObject"/>); replaces an object with the same key.
    /// </summary>
    public void PutBucketObject(string projectId, string branchId, string bucketName, string key, byte[] content)
    {
        lock (_gate)
        {
            BucketModel bucket;
            try
            {
                bucket = EmulatorState.RequireBucket(
                    EmulatorState.RequireBranch(_state.RequireProject(projectId), branchId), bucketName);
            }
            catch (ApiError error)
            {
                throw new InvalidOperationException($"cannot store object '{key}': {error.Message}", error);
            }

            bucket.Objects[key] = new BucketObjectModel(key, content, Options.TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Checks the bearer token; returns the key created through the API that it is, if any.</summary>
    /// <summary>Adds an organization whose admin is the current user (see <see cref="FakeNeon.AddOrganization"/>).</summary>
    public string AddOrganization(string name)
    {
        lock (_gate)
        {
            return _state.Account.AddOrganization(name, Options.TimeProvider.GetUtcNow()).Id;
        }
    }

    private ApiKeyModel? Authenticate(HttpRequestMessage request)
    {
        var authorization = request.Headers.Authorization;
        var token = authorization is not null
            && string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? authorization.Parameter?.Trim()
            : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new ApiError(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "missing or empty 'Authorization: Bearer <api key>' header");
        }

        var key = _state.ApiKeys.FirstOrDefault(k => k.Token == token);
        if (key is { Revoked: true } || (key is null && Options.ApiKey is not null && Options.ApiKey != token))
        {
            throw new ApiError(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "the API key is not valid or has been revoked");
        }

        if (key is not null)
        {
            key.LastUsedAt = Options.TimeProvider.GetUtcNow();
            key.LastUsedFromAddress = "127.0.0.1";
        }

        return key;
    }

    /// <summary>Samples the 429 and 503 shares (two independent draws from the seeded generator).</summary>
    private ApiError? InjectedFault()
    {
        if (Options.TooManyRequestsRate > 0 && _faultRandom.NextDouble() < Options.TooManyRequestsRate)
        {
            return new ApiError(HttpStatusCode.TooManyRequests, "RATE_LIMITED", "rate limit exceeded (injected by the emulator)");
        }

        if (Options.ServiceUnavailableRate > 0 && _faultRandom.NextDouble() < Options.ServiceUnavailableRate)
        {
            return new ApiError(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", "service unavailable (injected by the emulator)");
        }

        return null;
    }

    private SpecRoute Route(string method, Uri? uri, out Dictionary<string, string> parameters)
    {
        var path = uri?.AbsolutePath ?? "/";
        if (!path.StartsWith(BasePath + "/", StringComparison.Ordinal))
        {
            throw ApiError.NotFound($"no route for {method} {path}: the API lives under {BasePath}/");
        }

        var segments = path[BasePath.Length..]
            .Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .ToArray();
        if (_spec.Match(method, segments, out parameters) is { } route)
        {
            return route;
        }

        // A newer spec's operation, with an older spec vendored: Neon at that version has no such route either.
        if (SpecRouteTable.MatchAmong(_binding.LeftOut, method, segments, out _) is { } absent)
        {
            throw ApiError.NotFound(
                $"no route for {method} {path}: operation {absent.OperationId} ({absent.Method} {absent.Template}) is not in the API spec "
                + $"this emulator is built with ({_spec.Version})");
        }

        throw ApiError.NotFound($"no route for {method} {path}");
    }

    /// <summary>
    /// 423 for mutations: the injected ones first, then projects that are locked by a knob or by a
    /// running operation (an unknown project is a 404 before that).
    /// </summary>
    private void CheckLocks(SpecRoute route, RequestContext context)
    {
        if (Options.ForceLockedMutations > 0)
        {
            Options.ForceLockedMutations--;
            throw ApiError.Locked("project is locked (injected by the emulator)");
        }

        if (route.OperationId == "recoverProject" || !context.PathParameters.TryGetValue("project_id", out var projectId))
        {
            return;
        }

        var project = _state.RequireProject(projectId);
        if (Options.LockedProjectIds.Contains(projectId) || project.HasRunningOperations(context.Now))
        {
            throw ApiError.Locked("project already has running operations, scheduling of new ones is prohibited");
        }
    }

    /// <summary>A <c>GeneralError</c> answer (also used by the HTTP server for failures outside this pipeline).</summary>
    internal static HttpResponseMessage ErrorResponse(ApiError error, string requestId) =>
        JsonResponse(error.Status, new JsonObject
        {
            ["request_id"] = requestId,
            ["code"] = error.Code,
            ["message"] = error.Message,
        });

    private static HttpResponseMessage Response(ApiResult result)
    {
        if (result.Download is { } download)
        {
            // As Neon sends downloads: always octet-stream, forced to be a download, never sniffed.
            var response = new HttpResponseMessage(result.Status) { Content = new ByteArrayContent(download.Content) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            response.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment");
            response.Headers.ETag = new EntityTagHeaderValue(download.ETag);
            response.Headers.TryAddWithoutValidation("X-Content-Type-Options", "nosniff");
            return response;
        }

        return result.Body is null ? new HttpResponseMessage(result.Status) : JsonResponse(result.Status, result.Body);
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, JsonNode body) => new(status)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };
}
