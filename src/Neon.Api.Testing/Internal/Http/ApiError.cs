using System;
using System.Net;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>An error answer: thrown by request handling, turned into a <c>GeneralError</c> body.</summary>
internal sealed class ApiError : Exception
{
    public ApiError(HttpStatusCode status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The <c>code</c> of the <c>GeneralError</c> body.</summary>
    public string Code { get; }

    public static ApiError BadRequest(string message) => new(HttpStatusCode.BadRequest, "BAD_REQUEST", message);

    public static ApiError NotFound(string message) => new(HttpStatusCode.NotFound, "NOT_FOUND", message);

    public static ApiError Conflict(string message) => new(HttpStatusCode.Conflict, "CONFLICT", message);

    public static ApiError Locked(string message) => new(HttpStatusCode.Locked, "LOCKED", message);
}
