using System;
using System.Collections.Generic;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Http;

/// <summary>What a route handler sees of a request. Handlers run under the emulator's lock.</summary>
internal sealed class RequestContext
{
    public required EmulatorState State { get; init; }

    /// <summary>The clock's time when the request was taken in; one value for the whole request.</summary>
    public required DateTimeOffset Now { get; init; }

    public required IReadOnlyDictionary<string, string> PathParameters { get; init; }

    public required QueryParameters Query { get; init; }

    public string? BodyText { get; init; }

    /// <summary>
    /// The key created through the API that authenticated the request (an organization key has its <c>OrgId</c>);
    /// null for the configured or any other accepted token, which act as the current user's personal key.
    /// </summary>
    public ApiKeyModel? Credential { get; init; }

    /// <summary>The raw request body (multipart uploads), or null when there is none.</summary>
    public byte[]? BodyBytes { get; init; }

    /// <summary>The request's <c>Content-Type</c> header, with its parameters.</summary>
    public string? ContentType { get; init; }

    public string Path(string name) => PathParameters[name];

    public BodyObject Body(bool required = true) => BodyObject.Parse(BodyText, required);

    /// <summary>The live project named by the <c>project_id</c> path parameter, or 404.</summary>
    public ProjectModel Project() => State.RequireProject(Path("project_id"));

    /// <summary>The branch named by the <c>branch_id</c> path parameter, or 404.</summary>
    public BranchModel Branch(ProjectModel project) => EmulatorState.RequireBranch(project, Path("branch_id"));
}
