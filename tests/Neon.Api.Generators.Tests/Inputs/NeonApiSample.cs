// A small stand-in for the NSwag output (obj/**/NeonApi.g.cs): the same shapes, a few operations of each kind.
#nullable enable
namespace Neon.Api
{
    using System.Collections.Generic;
    using System.Threading;
    using System.Threading.Tasks;

    public partial class ProjectClient
    {
        /// <summary>List projects</summary>
        [global::Neon.Api.NeonOperation("listProjects", "GET", "projects", "Project")]
        public virtual Task<ListProjectsResponse> ListProjectsAsync(string? cursor = null, int? limit = null, string? search = null, string? orgId = null, int? timeout = null, bool? recoverable = null, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Create project</summary>
        [global::Neon.Api.NeonOperation("createProject", "POST", "projects", "Project")]
        public virtual Task<CreateProjectResponse> CreateProjectAsync(CreateProjectRequest body, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Get project</summary>
        [global::Neon.Api.NeonOperation("getProject", "GET", "projects/{project_id}", "Project")]
        public virtual Task<ProjectResponse> GetProjectAsync(string projectId, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();
    }

    public partial class BranchClient
    {
        /// <summary>List branches</summary>
        [global::Neon.Api.NeonOperation("listProjectBranches", "GET", "projects/{project_id}/branches", "Branch")]
        public virtual Task<ListProjectBranchesResponse> ListProjectBranchesAsync(string projectId, string? search = null, string? sortBy = null, string? cursor = null, string? sortOrder = null, int? limit = null, bool? includeDeleted = null, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Create branch</summary>
        [global::Neon.Api.NeonOperation("createProjectBranch", "POST", "projects/{project_id}/branches", "Branch")]
        public virtual Task<CreateProjectBranchResponse> CreateProjectBranchAsync(string projectId, CreateProjectBranchRequest? body = null, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Update branch</summary>
        [global::Neon.Api.NeonOperation("updateProjectBranch", "PATCH", "projects/{project_id}/branches/{branch_id}", "Branch")]
        public virtual Task<BranchOperations> UpdateProjectBranchAsync(string projectId, string branchId, UpdateProjectBranchRequest body, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Delete branch</summary>
        [global::Neon.Api.NeonOperation("deleteProjectBranch", "DELETE", "projects/{project_id}/branches/{branch_id}", "Branch")]
        public virtual Task<BranchOperations> DeleteProjectBranchAsync(string projectId, string branchId, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>List OAuth providers</summary>
        [global::Neon.Api.NeonOperation("listBranchNeonAuthOauthProviders", "GET", "projects/{project_id}/branches/{branch_id}/auth/oauth_providers", "Branch")]
        public virtual Task<NeonAuthOauthProvidersResponse> ListBranchNeonAuthOauthProvidersAsync(string projectId, string branchId, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Add trusted domain</summary>
        [global::Neon.Api.NeonOperation("addBranchNeonAuthTrustedDomain", "POST", "projects/{project_id}/branches/{branch_id}/auth/domains", "Branch")]
        public virtual Task AddBranchNeonAuthTrustedDomainAsync(NeonAuthAddDomainRequest body, string projectId, string branchId, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();
    }

    public partial class BucketsClient
    {
        /// <summary>List bucket objects</summary>
        [global::Neon.Api.NeonOperation("listProjectBranchBucketObjects", "GET", "projects/{project_id}/branches/{branch_id}/buckets/{bucket_name}/objects", "Buckets")]
        public virtual Task<BucketObjectsListResponse> ListProjectBranchBucketObjectsAsync(string projectId, string branchId, string bucketName, string? prefix = null, string? delimiter = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();
    }

    public partial class ConsumptionClient
    {
        /// <summary>Consumption per project</summary>
        [global::Neon.Api.NeonOperation("getConsumptionHistoryPerProjectV2", "GET", "consumption_history/v2/projects", "Consumption")]
        public virtual Task<ConsumptionHistoryPerProjectV2Response> GetConsumptionHistoryPerProjectV2Async(System.DateTimeOffset from, System.DateTimeOffset to, string granularity, IEnumerable<string> metrics, string? cursor = null, int? limit = null, string? orgId = null, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();
    }

    public partial class OperationClient
    {
        /// <summary>List operations</summary>
        [global::Neon.Api.NeonOperation("listProjectOperations", "GET", "projects/{project_id}/operations", "Operation")]
        public virtual Task<OperationsResponse> ListProjectOperationsAsync(string projectId, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();

        /// <summary>Get operation</summary>
        [global::Neon.Api.NeonOperation("getProjectOperation", "GET", "projects/{project_id}/operations/{operation_id}", "Operation")]
        public virtual Task<OperationResponse> GetProjectOperationAsync(string projectId, string operationId, CancellationToken cancellationToken = default)
            => throw new System.NotImplementedException();
    }

    public partial class AuthLegacyClient
    {
        /// <summary>List OAuth providers (legacy)</summary>
        /// <param name="projectId">The project.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        [global::Neon.Api.NeonOperation("listNeonAuthOauthProviders", "GET", "projects/{project_id}/auth/oauth_providers", "Auth (legacy)", Deprecated = true, DeprecationText = "DEPRECATED, use `/projects/{project_id}/branches/{branch_id}/auth/oauth_providers` instead. Lists the OAuth providers for the specified project.")]
        public virtual partial Task<NeonAuthOauthProvidersResponse> ListNeonAuthOauthProvidersAsync(string projectId, CancellationToken cancellationToken)
            => throw new System.NotImplementedException();

        /// <summary>Add domain (legacy)</summary>
        [global::Neon.Api.NeonOperation("addNeonAuthDomainToRedirectURIWhitelist", "POST", "projects/{project_id}/auth/domains", "Auth (legacy)", Deprecated = true, DeprecationText = "DEPRECATED, use `/projects/{project_id}/branches/{branch_id}/auth/domains` instead. Adds a domain to the redirect_uri whitelist for the specified project.")]
        public virtual partial Task AddNeonAuthDomainToRedirectURIWhitelistAsync(NeonAuthAddDomainRequest body, string projectId, CancellationToken cancellationToken)
            => throw new System.NotImplementedException();
    }

    public partial class UsersClient
    {
        /// <summary>Transfer projects</summary>
        [global::Neon.Api.NeonOperation("transferProjectsFromUserToOrg", "POST", "users/me/projects/transfer", "Users", Deprecated = true, DeprecationText = "DEPRECATED. Personal accounts have been migrated to organizations, making this operation no longer applicable.\n")]
        public virtual partial Task<Newtonsoft.Json.Linq.JToken> TransferProjectsFromUserToOrgAsync(TransferProjectsToOrganizationRequest body, CancellationToken cancellationToken)
            => throw new System.NotImplementedException();
    }

    public partial class Pagination
    {
        [Newtonsoft.Json.JsonProperty("cursor")]
        public string Cursor { get; set; } = default!;
    }

    public partial class CursorPagination
    {
        [Newtonsoft.Json.JsonProperty("next")]
        public string? Next { get; set; }

        [Newtonsoft.Json.JsonProperty("sort_by")]
        public string? SortBy { get; set; }

        [Newtonsoft.Json.JsonProperty("sort_order")]
        public string? SortOrder { get; set; }
    }

    public partial class ProjectListItem
    {
        [Newtonsoft.Json.JsonProperty("id")]
        public string Id { get; set; } = default!;
    }

    public partial class ProjectsResponse
    {
        [Newtonsoft.Json.JsonProperty("projects")]
        public IList<ProjectListItem> Projects { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("unavailable_project_ids")]
        public IList<string>? UnavailableProjectIds { get; set; }

        [Newtonsoft.Json.JsonExtensionData]
        public IDictionary<string, Newtonsoft.Json.Linq.JToken> AdditionalProperties { get; set; } = default!;
    }

    public partial class ListProjectsResponse : ProjectsResponse
    {
        [Newtonsoft.Json.JsonProperty("pagination")]
        public Pagination? Pagination { get; set; }
    }

    public partial class Project
    {
        [Newtonsoft.Json.JsonProperty("id")]
        public string Id { get; set; } = default!;
    }

    public partial class ProjectResponse
    {
        [Newtonsoft.Json.JsonProperty("project")]
        public Project Project { get; set; } = default!;
    }

    public partial class CreateProjectRequest
    {
    }

    public partial class CreateProjectResponse
    {
        [Newtonsoft.Json.JsonProperty("project")]
        public Project Project { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("operations")]
        public IList<Operation> Operations { get; set; } = default!;
    }

    public partial class Branch
    {
        [Newtonsoft.Json.JsonProperty("id")]
        public string Id { get; set; } = default!;
    }

    public partial class ListProjectBranchesResponse
    {
        [Newtonsoft.Json.JsonProperty("branches")]
        public IList<Branch> Branches { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("pagination")]
        public CursorPagination? Pagination { get; set; }
    }

    public partial class CreateProjectBranchRequest
    {
    }

    public partial class UpdateProjectBranchRequest
    {
    }

    public partial class CreateProjectBranchResponse
    {
        [Newtonsoft.Json.JsonProperty("branch")]
        public Branch Branch { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("operations")]
        public IList<Operation> Operations { get; set; } = default!;
    }

    public partial class BranchOperations
    {
        [Newtonsoft.Json.JsonProperty("branch")]
        public Branch Branch { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("operations")]
        public ICollection<Operation> Operations { get; set; } = default!;
    }

    public partial class BucketObject
    {
        [Newtonsoft.Json.JsonProperty("key")]
        public string Key { get; set; } = default!;
    }

    public partial class BucketObjectsListResponse
    {
        [Newtonsoft.Json.JsonProperty("objects")]
        public IList<BucketObject> Objects { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("common_prefixes")]
        public IList<string>? CommonPrefixes { get; set; }

        [Newtonsoft.Json.JsonProperty("next_cursor")]
        public string? NextCursor { get; set; }

        [Newtonsoft.Json.JsonProperty("is_truncated")]
        public bool? IsTruncated { get; set; }
    }

    public partial class ConsumptionHistoryPerProject
    {
        [Newtonsoft.Json.JsonProperty("project_id")]
        public string ProjectId { get; set; } = default!;
    }

    public partial class ConsumptionHistoryPerProjectV2Response
    {
        [Newtonsoft.Json.JsonProperty("projects")]
        public IList<ConsumptionHistoryPerProject> Projects { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("pagination")]
        public Pagination Pagination { get; set; } = default!;
    }

    public readonly partial struct OperationStatus : System.IEquatable<OperationStatus>
    {
        private readonly string? _value;

        public OperationStatus(string value) => _value = value;

        public static OperationStatus Running { get; } = new("running");

        public static OperationStatus Finished { get; } = new("finished");

        public bool Equals(OperationStatus other) => string.Equals(_value, other._value, System.StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is OperationStatus other && Equals(other);

        public override int GetHashCode() => _value?.GetHashCode() ?? 0;

        public override string ToString() => _value ?? string.Empty;
    }

    public readonly partial struct OperationAction : System.IEquatable<OperationAction>
    {
        private readonly string? _value;

        public OperationAction(string value) => _value = value;

        public bool Equals(OperationAction other) => string.Equals(_value, other._value, System.StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is OperationAction other && Equals(other);

        public override int GetHashCode() => _value?.GetHashCode() ?? 0;

        public override string ToString() => _value ?? string.Empty;
    }

    public partial class Operation
    {
        [Newtonsoft.Json.JsonProperty("id")]
        public string Id { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("project_id")]
        public string ProjectId { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("action")]
        public OperationAction Action { get; set; }

        [Newtonsoft.Json.JsonProperty("status")]
        public OperationStatus Status { get; set; }

        [Newtonsoft.Json.JsonProperty("error")]
        public string? Error { get; set; }
    }

    public partial class OperationResponse
    {
        [Newtonsoft.Json.JsonProperty("operation")]
        public Operation Operation { get; set; } = default!;
    }

    public partial class OperationsResponse
    {
        [Newtonsoft.Json.JsonProperty("operations")]
        public IList<Operation> Operations { get; set; } = default!;

        [Newtonsoft.Json.JsonProperty("pagination")]
        public Pagination? Pagination { get; set; }
    }

    public partial class NeonAuthOauthProvidersResponse
    {
    }

    public partial class NeonAuthAddDomainRequest
    {
    }

    public partial class TransferProjectsToOrganizationRequest
    {
    }
}
