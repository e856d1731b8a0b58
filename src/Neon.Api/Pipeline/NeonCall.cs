using System;
using System.Net.Http;
using System.Threading;
using Neon.Api.Core;
using Neon.Api.Reliability;

namespace Neon.Api.Pipeline;

/// <summary>One call as it travels through the stages: what was asked, what has happened so far, what came back.</summary>
internal sealed class NeonCall
{
    private NeonPipelineMessage? _public;

    public NeonCall(NeonRequest request, TimeProvider time, TimeSpan timeout, bool bufferSuccessBody, Func<NeonResponse, object?>? readSuccess, CancellationToken cancellationToken)
    {
        Request = request;
        Time = time;
        Started = time.GetTimestamp();
        Timeout = timeout == System.Threading.Timeout.InfiniteTimeSpan ? null : timeout;
        BufferSuccessBody = bufferSuccessBody;
        ReadSuccess = readSuccess;
        CallerToken = cancellationToken;
        Token = cancellationToken;
        Description = $"Neon API call {request.OperationId} ({request.Method} {request.PathTemplate})";
        Method = new HttpMethod(request.Method);
    }

    /// <summary>A call that shares an outer call's clock, start, deadline and token (an operation poll of the project queue).</summary>
    public NeonCall(NeonRequest request, NeonCall outer)
        : this(request, outer.Time, System.Threading.Timeout.InfiniteTimeSpan, bufferSuccessBody: true, readSuccess: null, outer.Token)
    {
        Started = outer.Started;
        Timeout = outer.Timeout;
    }

    public NeonRequest Request { get; }

    public HttpMethod Method { get; }

    public string Description { get; }

    /// <summary>The call's deadline, retries included; <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary><see langword="false"/> for a streamed download: a success keeps its live message.</summary>
    public bool BufferSuccessBody { get; }

    /// <summary>Reads a success body into the call's model.</summary>
    public Func<NeonResponse, object?>? ReadSuccess { get; }

    /// <summary>The caller's token.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>The token every stage passes on: the caller's, linked with the deadline once the deadline stage ran.</summary>
    public CancellationToken Token { get; set; }

    /// <summary>The client's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>When the call started, as a timestamp of <see cref="Time"/>.</summary>
    public long Started { get; }

    /// <summary>How long the call has run, on the client's clock.</summary>
    public TimeSpan Elapsed => Time.GetElapsedTime(Started);

    public TimeSpan? Remaining => Timeout - Elapsed;

    /// <summary>How many attempts were started.</summary>
    public int Attempts { get; set; }

    /// <summary>What the call is doing, for a timeout or cancellation message.</summary>
    public string Activity { get; set; } = "starting";

    /// <summary>The current attempt's message, while the attempt runs.</summary>
    public HttpRequestMessage? Message { get; set; }

    /// <summary>When the current attempt started, as a timestamp of <see cref="Time"/>.</summary>
    public long AttemptStarted { get; set; }

    /// <summary>How long the current (or last) attempt has run, on the client's clock.</summary>
    public TimeSpan AttemptElapsed => Time.GetElapsedTime(AttemptStarted);

    /// <summary>The response of the last attempt (the final one once the retry stage returns).</summary>
    public NeonResponse? Response { get; set; }

    /// <summary>The transport failure of the last attempt, when it got no response.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The view user policies get.</summary>
    public NeonPipelineMessage Public => _public ??= new NeonPipelineMessage(this);
}
