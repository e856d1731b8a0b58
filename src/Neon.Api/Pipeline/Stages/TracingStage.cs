using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Neon.Api.Reliability;

namespace Neon.Api.Pipeline.Stages;

/// <summary>
/// Observes each call as a whole (queueing, retries and the body read included): one
/// <see cref="ActivityKind.Internal"/> span named after the operation, parent of HttpClient's own client span per
/// attempt, and the call's duration on <see cref="NeonTelemetry.OperationDurationMetric"/>. It is the outermost stage,
/// so the typed exception of a failure is known when the span ends. Without a listener it is not even an async step.
/// </summary>
internal sealed class TracingStage : NeonStage
{
    private const string ExceptionEvent = "exception";
    private const string ResendCountTag = "http.request.resend_count";

    private readonly SecretRedactor _redactor;
    private readonly string _serverAddress;
    private readonly object _serverPort; // boxed once, not per call
    private readonly string _basePath;

    /// <param name="baseUri">The API base URL every attempt is sent to (its host, port and path prefix become tags).</param>
    /// <param name="redactor">Masks the credential in the texts recorded from an exception.</param>
    public TracingStage(Uri baseUri, SecretRedactor redactor)
    {
        _redactor = redactor;
        _serverAddress = baseUri.IdnHost;
        _serverPort = baseUri.Port;
        _basePath = baseUri.AbsolutePath.TrimEnd('/');
    }

    public override Task ProcessAsync(NeonCall call, StageChain next) =>
        NeonTelemetry.ObservesCalls ? ObserveAsync(call, next) : next.InvokeAsync(call);

    private async Task ObserveAsync(NeonCall call, StageChain next)
    {
        // Parented to the caller's current activity; HttpClient's span for each attempt becomes this one's child.
        using Activity? activity = NeonTelemetry.Source.HasListeners()
            ? NeonTelemetry.Source.StartActivity(call.Request.OperationId, ActivityKind.Internal, default(ActivityContext), StartTags(call))
            : null;
        Exception? failure = null;
        try
        {
            await next.InvokeAsync(call).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            End(activity, call, failure);
        }
    }

    /// <summary>The tags known before the call starts, given at creation so that samplers can see them.</summary>
    private KeyValuePair<string, object?>[] StartTags(NeonCall call) =>
    [
        new("server.address", _serverAddress),
        new("server.port", _serverPort),
        new("http.request.method", call.Request.Method),
        new("url.template", _basePath + call.Request.PathTemplate),
        new(NeonTelemetry.OperationIdAttribute, call.Request.OperationId),
    ];

    private void End(Activity? activity, NeonCall call, Exception? failure)
    {
        (int? status, string? requestId) = Outcome(call, failure);
        string? errorType = failure is null ? null : NeonTelemetry.ErrorType(failure);
        NeonTelemetry.RecordOperation(call.Request.OperationId, status, errorType, call.Elapsed);
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        if (status is int code)
        {
            activity.SetTag(NeonTelemetry.StatusCodeTag, code);
        }

        if (requestId is not null)
        {
            activity.SetTag(NeonTelemetry.RequestIdAttribute, requestId);
        }

        if (call.Attempts > 1)
        {
            activity.SetTag(ResendCountTag, call.Attempts - 1);
        }

        if (failure is not null)
        {
            // The exception's own message (credentials already masked by the client; masked again here to be sure);
            // no stack trace, whose inner exceptions' messages the client has not vetted.
            string message = _redactor.Scrub(failure.Message) ?? string.Empty;
            activity.SetTag(NeonTelemetry.ErrorTypeTag, errorType);
            activity.AddEvent(new ActivityEvent(ExceptionEvent, tags: new ActivityTagsCollection
            {
                { "exception.type", failure.GetType().FullName },
                { "exception.message", message },
            }));
            activity.SetStatus(ActivityStatusCode.Error, message);
        }
    }

    /// <summary>The final status code and request id: from the response, or from the exception that replaced it.</summary>
    private static (int? Status, string? RequestId) Outcome(NeonCall call, Exception? failure) => failure switch
    {
        null => call.Response is { } response ? ((int)response.StatusCode, response.RequestId) : (null, null),
        NeonApiException api => (api.Status, api.RequestId),
        NeonResponseFormatException format => ((int)format.StatusCode, null),
        _ => (null, null),
    };
}
