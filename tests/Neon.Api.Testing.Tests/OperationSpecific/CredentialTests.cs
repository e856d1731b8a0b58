using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Scoped credentials (secrets shown once), and where a branch's storage and AI gateway are.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("createCredential", "listCredentials", "revokeCredential", "getProjectBranchStorage", "getProjectBranchAiGateway")]
public sealed class CredentialTests : ProjectTest
{
    public CredentialTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_credential_shows_its_secrets_once_and_is_listed_until_and_after_revocation()
    {

        var issued = await Api.ExpectAsync(201, "createCredential", $"{B}/credentials", new JsonObject
        {
            ["name"] = "worker",
            ["scopes"] = new JsonArray("storage:read", "storage:read", "storage:write"),
            ["principal_type"] = "user",
        });
        var tokenId = (string)issued["token_id"]!;
        Assert.That(tokenId, Does.Match("^nak_live_[0-9a-f]{32}$"));
        Assert.That((string?)issued["token_id_short"], Is.EqualTo(tokenId["nak_live_".Length..][..12]));
        Assert.That((string?)issued["s3_secret_access_key"], Does.Match("^nsk_live_[0-9a-f]{64}$"));
        Assert.That(issued["scopes"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "storage:read", "storage:write" }));

        var listed = await Api.ExpectAsync(200, "listCredentials", $"{B}/credentials");
        var meta = listed["credentials"]!.AsArray().Single()!;
        Assert.That(((string?)meta["token_id"], (string?)meta["name"], (string?)meta["principal_type"]), Is.EqualTo((tokenId, "worker", "user")));
        Assert.That(listed.ToJsonString(), Does.Not.Contain((string)issued["api_token"]!).And.Not.Contain((string)issued["s3_secret_access_key"]!));

        await Api.ExpectAsync(204, "revokeCredential", $"{B}/credentials/{tokenId}");
        await Api.ExpectAsync(204, "revokeCredential", $"{B}/credentials/{tokenId}");
        var revoked = (await Api.ExpectAsync(200, "listCredentials", $"{B}/credentials"))["credentials"]![0]!;
        Assert.That(revoked["revoked_at"], Is.Not.Null);
    }

    [Test]
    public async Task Bad_credential_requests_name_the_field()
    {
        foreach (var (body, message) in new[]
        {
            (new JsonObject { ["principal_type"] = "user" }, "missing required field 'scopes'"),
            (new JsonObject { ["scopes"] = new JsonArray("storage:admin"), ["principal_type"] = "user" }, "field 'scopes[0]' must be one of: storage:read, storage:write, ai_gateway:invoke, functions:invoke"),
            (new JsonObject { ["scopes"] = new JsonArray("storage:read") }, "missing required field 'principal_type'"),
            (new JsonObject { ["scopes"] = new JsonArray("storage:read"), ["principal_type"] = "system" }, "field 'principal_type' must be one of: user"),
        })
        {
            var refused = await Api.CallAsync("createCredential", $"{B}/credentials", body);
            Assert.That((refused.Status, refused.Message), Is.EqualTo((400, message)));
        }
    }

    [Test]
    public async Task Storage_and_the_ai_gateway_answer_per_branch_with_a_reason_when_the_branch_is_unknown()
    {
        var branch = Main;

        var storage = await Api.ExpectAsync(200, "getProjectBranchStorage", $"{B}/storage");
        Assert.That(((string?)storage["s3_endpoint"], (string?)storage["region"], (bool?)storage["force_path_style"]),
            Is.EqualTo(($"https://{branch}.storage.us-east-2.aws.neon.tech", "us-east-2", true)));
        var gateway = await Api.ExpectAsync(200, "getProjectBranchAiGateway", $"{B}/ai_gateway");
        Assert.That((string?)gateway["base_url"], Is.EqualTo($"https://{branch}-api.ai.us-east-2.aws.neon.tech"));

        var missing = await Api.CallAsync("getProjectBranchStorage", $"{P}/branches/br-gone-1/storage");
        Assert.That((missing.Status, (string?)missing.Body["reason"]), Is.EqualTo((404, "branch_not_found")));
        missing = await Api.CallAsync("getProjectBranchAiGateway", "projects/no-such-project/branches/br-gone-1/ai_gateway");
        Assert.That((missing.Status, (string?)missing.Body["reason"]), Is.EqualTo((404, "branch_not_found")));
    }
}
