using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>The current user: who it is, its organizations, how a request authenticated.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("getCurrentUserInfo", "getCurrentUserOrganizations", "getAuthDetails")]
public sealed class UserTests : AccountTest
{
    public UserTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task The_current_user_is_the_seeded_one_and_created_the_api_keys()
    {
        var me = await Api.ExpectAsync(200, "getCurrentUserInfo", "users/me");
        var key = await Api.ExpectAsync(200, "createApiKey", "api_keys", new JsonObject { ["key_name"] = "ci" });

        Assert.That((string?)me["email"], Is.EqualTo("fake.user@example.com"));
        Assert.That((string?)me["id"], Is.EqualTo((string?)key["created_by"]), "the user who creates keys is the current user");
        Assert.That((string?)me["name"], Is.Not.Empty);
        Assert.That((string?)me["plan"], Is.Not.Empty);
    }

    [Test]
    public async Task The_user_belongs_to_the_seeded_organization_and_to_those_added()
    {
        var seeded = await DefaultOrgAsync();
        var added = Neon.AddOrganization("Team B");

        var orgs = await Api.ExpectAsync(200, "getCurrentUserOrganizations", "users/me/organizations");

        Assert.That(seeded, Does.Match("^org-[a-z]+-[a-z]+-[0-9]{8}$"));
        Assert.That(added, Does.Match("^org-[a-z]+-[a-z]+-[0-9]{8}$"));
        Assert.That(Ids(orgs, "organizations"), Is.EqualTo(new[] { seeded, added }));
        Assert.That((string?)orgs["organizations"]![1]!["name"], Is.EqualTo("Team B"));
        Assert.That((string?)orgs["organizations"]![1]!["handle"], Does.StartWith("team-b-"));
    }

    [Test]
    public async Task A_personal_key_authenticates_as_the_user()
    {
        var me = await Api.ExpectAsync(200, "getCurrentUserInfo", "users/me");

        var auth = await Api.ExpectAsync(200, "getAuthDetails", "auth");

        Assert.That((string?)auth["auth_method"], Is.EqualTo("api_key_user"));
        Assert.That((string?)auth["account_id"], Is.EqualTo((string?)me["id"]));
    }

    [Test]
    [OperationSpecific("createOrgApiKey", "revokeOrgApiKey")]
    public async Task An_organization_key_authenticates_as_its_organization_until_revoked()
    {
        var other = Neon.AddOrganization("Team B");
        var key = await Api.ExpectAsync(200, "createOrgApiKey", $"organizations/{other}/api_keys", new JsonObject { ["key_name"] = "deploy" });
        using var asOrg = new SpecCheckedClient(Neon.CreateHttpClient((string)key["key"]!));

        var auth = await asOrg.ExpectAsync(200, "getAuthDetails", "auth");
        var orgs = await asOrg.ExpectAsync(200, "getCurrentUserOrganizations", "users/me/organizations");
        await Api.ExpectAsync(200, "revokeOrgApiKey", $"organizations/{other}/api_keys/{(long)key["id"]!}");
        var revoked = await asOrg.CallAsync("getAuthDetails", "auth");

        Assert.That((string?)auth["auth_method"], Is.EqualTo("api_key_org"));
        Assert.That((string?)auth["account_id"], Is.EqualTo(other));
        Assert.That(Ids(orgs, "organizations"), Is.EqualTo(new[] { other }), "a key not tied to a user sees the organization that owns it");
        Assert.That(revoked.Status, Is.EqualTo(401), revoked.ToString());
    }

    [Test]
    [OperationSpecific("transferProjectsFromUserToOrg")]
    public async Task Personal_projects_move_into_an_organization()
    {
        var org = await DefaultOrgAsync();
        var personal = await CreateProjectInAsync(null, "mine");
        var inOrg = await CreateProjectInAsync(org, "theirs");

        await Api.ExpectAsync(200, "transferProjectsFromUserToOrg", "users/me/projects/transfer", Transfer(org, personal));
        var project = await Api.ExpectAsync(200, "getProject", $"projects/{personal}");
        var again = await Api.CallAsync("transferProjectsFromUserToOrg", "users/me/projects/transfer", Transfer(org, inOrg));
        var unknownOrg = await Api.CallAsync("transferProjectsFromUserToOrg", "users/me/projects/transfer", Transfer("org-none-00000000", personal));

        Assert.That(await ProjectsOfAsync(org), Is.EquivalentTo(new[] { personal, inOrg }));
        Assert.That((string?)project["project"]!["org_id"], Is.EqualTo(org));
        Assert.That((string?)project["project"]!["owner_id"], Is.EqualTo(org), "an organization's project is owned by the organization");
        Assert.That(again.Status, Is.EqualTo(404), again.ToString());
        Assert.That(again.Message, Does.Contain(inOrg).And.Contain("personal account"));
        Assert.That(unknownOrg.Status, Is.EqualTo(404), unknownOrg.ToString());
        Assert.That(unknownOrg.Message, Does.Contain("org-none-00000000"));
    }
}
