using System;

namespace Neon.Api;

/// <summary>
/// Describes the Neon API operation behind a generated client method: the spec's operationId, HTTP method,
/// path template and tag, and whether the spec marks it deprecated.
/// </summary>
/// <remarks>
/// Every operation method generated from the vendored OpenAPI spec carries this attribute. The library's own
/// source generator keys on it to add pagination, operation waiting and deprecation warnings, and callers can
/// read it through reflection (for example to log the operationId of a call).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NeonOperationAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="operationId">The spec's operationId, for example <c>createProjectBranch</c>.</param>
    /// <param name="httpMethod">The HTTP method in upper case, for example <c>POST</c>.</param>
    /// <param name="path">The path template relative to the API base, for example <c>/projects/{project_id}/branches</c>.</param>
    /// <param name="tag">The spec's first tag of the operation, for example <c>Branch</c>.</param>
    public NeonOperationAttribute(string operationId, string httpMethod, string path, string tag)
    {
        OperationId = operationId;
        HttpMethod = httpMethod;
        Path = path;
        Tag = tag;
    }

    /// <summary>The spec's operationId.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP method in upper case.</summary>
    public string HttpMethod { get; }

    /// <summary>The path template relative to the API base URL.</summary>
    public string Path { get; }

    /// <summary>The spec's first tag of the operation.</summary>
    public string Tag { get; }

    /// <summary>Whether the spec marks the operation deprecated.</summary>
    public bool Deprecated { get; set; }

    /// <summary>The operation's description from the spec when it is deprecated (it names the replacement), otherwise <see langword="null"/>.</summary>
    public string? DeprecationText { get; set; }

    /// <summary>
    /// The operationId of the operation that replaces this deprecated one, as the spec normalizer resolved it from the
    /// deprecation text (<c>x-neon-replacement</c>); <see langword="null"/> when the text names none the spec has.
    /// </summary>
    public string? ReplacementOperationId { get; set; }
}
