using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>
/// Scoped credentials of a branch (the <c>Credentials</c> tag). The secrets are answered once, when a
/// credential is issued, and not kept; revoking is a soft delete and idempotent. None of these start operations.
/// </summary>
internal static class CredentialsApi
{
    private static readonly string[] Scopes = ["storage:read", "storage:write", "ai_gateway:invoke", "functions:invoke"];

    private static readonly string[] PrincipalTypes = ["user"];

    public static void Register(RouteHandlers handlers)
    {
        handlers.AddUnlocked("createCredential", "POST /projects/{project_id}/branches/{branch_id}/credentials", Create);
        handlers.Add("listCredentials", "GET /projects/{project_id}/branches/{branch_id}/credentials", List);
        handlers.AddUnlocked("revokeCredential", "DELETE /projects/{project_id}/branches/{branch_id}/credentials/{token_id}", Revoke);
    }

    private static ApiResult Create(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        var body = context.Body();
        var name = body.OptionalString("name", 0, 256);
        var scopes = body.OptionalStringArray("scopes", Scopes) ?? throw ApiError.BadRequest("missing required field 'scopes'");
        if (scopes.Count is 0 or > 16)
        {
            throw ApiError.BadRequest($"field 'scopes' must have between 1 and 16 items, got {scopes.Count}");
        }

        _ = body.OptionalEnum("principal_type", PrincipalTypes) ?? body.RequiredString("principal_type");
        var ids = context.State.Ids;
        var credential = new CredentialModel
        {
            TokenId = ids.CredentialId(),
            Name = name,
            Scopes = scopes.Distinct().ToArray(),
            BranchId = branch.Id,
            CreatedAt = context.Now,
        };
        branch.Credentials.Add(credential);
        var response = credential.ToJson();
        response["api_token"] = ids.CredentialToken();
        response["s3_secret_access_key"] = ids.S3SecretAccessKey();
        return ApiResult.Created(response);
    }

    private static ApiResult List(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject { ["credentials"] = Json.Array(branch.Credentials.Select(c => c.MetaJson())) });
    }

    private static ApiResult Revoke(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        var tokenId = context.Path("token_id");
        var credential = branch.Credentials.FirstOrDefault(c => c.TokenId == tokenId)
            ?? throw ApiError.NotFound($"credential {tokenId} not found on branch {branch.Id}");
        credential.RevokedAt ??= context.Now;
        return ApiResult.NoContent();
    }
}
