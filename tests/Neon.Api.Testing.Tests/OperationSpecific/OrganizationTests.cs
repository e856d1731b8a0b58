using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Organizations: details, members and invitations, API keys, spending limit, project transfers.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("getOrganization", "getOrganizationMembers", "createOrganizationInvitations")]
public sealed class OrganizationTests : AccountTest
{
    public OrganizationTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task An_organization_has_its_details_and_an_unknown_one_is_404()
    {
        var org = await DefaultOrgAsync();

        var details = await Api.ExpectAsync(200, "getOrganization", $"organizations/{org}");
        var unknown = await Api.CallAsync("getOrganization", "organizations/org-unknown-00000000");

        Assert.That((string?)details["id"], Is.EqualTo(org));
        Assert.That((string?)details["handle"], Does.EndWith(org));
        Assert.That(unknown.Status, Is.EqualTo(404), unknown.ToString());
        Assert.That(unknown.Message, Does.Contain("org-unknown-00000000"));
    }

    [Test]
    [OperationSpecific("getOrganizationInvitations", "getOrganizationMember")]
    public async Task Invited_people_are_listed_as_invitations_and_join_as_members()
    {
        var org = await DefaultOrgAsync();
        var o = $"organizations/{org}";

        var created = await Api.ExpectAsync(200, "createOrganizationInvitations", $"{o}/invitations", Invitations(("ann@example.com", "member"), ("bob@example.com", "viewer")));
        var invitations = await Api.ExpectAsync(200, "getOrganizationInvitations", $"{o}/invitations");
        var members = await Api.ExpectAsync(200, "getOrganizationMembers", $"{o}/members");
        var me = await Api.ExpectAsync(200, "getCurrentUserInfo", "users/me");

        Assert.That(invitations["invitations"]!.AsArray().Select(i => (string?)i!["email"]), Is.EqualTo(new[] { "ann@example.com", "bob@example.com" }));
        Assert.That(created["invitations"]!.AsArray().Select(i => (string?)i!["invited_by"]), Has.All.EqualTo((string?)me["id"]));
        var byEmail = members["members"]!.AsArray().ToDictionary(m => (string)m!["user"]!["email"]!, m => m!["member"]!);
        Assert.That(byEmail.Keys, Is.EquivalentTo(new[] { "fake.user@example.com", "ann@example.com", "bob@example.com" }));
        Assert.That((string?)byEmail["fake.user@example.com"]["role"], Is.EqualTo("admin"), "the user administers its seeded organization");
        Assert.That((string?)byEmail["bob@example.com"]["role"], Is.EqualTo("viewer"));
        var bob = await Api.ExpectAsync(200, "getOrganizationMember", $"{o}/members/{(string)byEmail["bob@example.com"]["id"]!}");
        Assert.That((string?)bob["user_id"], Is.EqualTo((string?)byEmail["bob@example.com"]["user_id"]));
    }

    [TestCase("""{"invitations":[{"email":"ann@example.com","role":"member"}]}""", 409, "ann@example.com")]
    [TestCase("""{"invitations":[{"email":"x@example.com","role":"member"},{"email":"X@example.com","role":"admin"}]}""", 409, "example.com")]
    [TestCase("""{"invitations":[{"email":"no-at-sign","role":"member"}]}""", 400, "invitations[0].email")]
    [TestCase("""{"invitations":[{"email":"y@example.com","role":"owner"}]}""", 400, "invitations[0].role")]
    [TestCase("""{"invitations":[]}""", 400, "invitations")]
    public async Task Bad_or_duplicate_invitations_are_refused_naming_what_is_wrong(string body, int status, string named)
    {
        var org = await DefaultOrgAsync();
        await Api.ExpectAsync(200, "createOrganizationInvitations", $"organizations/{org}/invitations", Invitations(("ann@example.com", "member")));

        var response = await Api.CallAsync("createOrganizationInvitations", $"organizations/{org}/invitations", rawBody: body);

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Message, Does.Contain(named));
    }

    [Test]
    public async Task Members_page_with_next_until_it_is_absent_in_the_requested_order()
    {
        var org = await DefaultOrgAsync();
        var emails = new[] { "d@example.com", "b@example.com", "e@example.com", "a@example.com" };
        await Api.ExpectAsync(200, "createOrganizationInvitations", $"organizations/{org}/invitations", Invitations(emails.Select(e => (e, "member")).ToArray()));

        var ascending = await ListMembersAsync(org, "email", "asc", 2);
        var descending = await ListMembersAsync(org, "email", "desc", 3);

        var all = emails.Append("fake.user@example.com").Order(System.StringComparer.Ordinal).ToArray();
        Assert.That(ascending.Pages, Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(ascending.Emails, Is.EqualTo(all));
        Assert.That(descending.Pages, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(descending.Emails, Is.EqualTo(all.Reverse()));
    }

    [Test]
    [OperationSpecific("updateOrganizationMember", "removeOrganizationMember")]
    public async Task The_last_admin_can_be_neither_demoted_nor_removed()
    {
        var org = await DefaultOrgAsync();
        var o = $"organizations/{org}";
        await Api.ExpectAsync(200, "createOrganizationInvitations", $"{o}/invitations", Invitations(("ann@example.com", "member")));
        var members = (await Api.ExpectAsync(200, "getOrganizationMembers", $"{o}/members"))["members"]!.AsArray();
        string MemberId(string email) => (string)members.Single(m => (string?)m!["user"]!["email"] == email)!["member"]!["id"]!;
        var me = MemberId("fake.user@example.com");
        var ann = MemberId("ann@example.com");

        var demote = await Api.CallAsync("updateOrganizationMember", $"{o}/members/{me}", new JsonObject { ["role"] = "member" });
        var remove = await Api.CallAsync("removeOrganizationMember", $"{o}/members/{me}");
        var promoted = await Api.ExpectAsync(200, "updateOrganizationMember", $"{o}/members/{ann}", new JsonObject { ["role"] = "admin" });
        await Api.ExpectAsync(200, "removeOrganizationMember", $"{o}/members/{me}");
        var left = await Api.ExpectAsync(200, "getOrganizationMembers", $"{o}/members");
        var gone = await Api.CallAsync("getOrganizationMember", $"{o}/members/{me}");

        Assert.That(demote.Status, Is.EqualTo(409), demote.ToString());
        Assert.That(demote.Message, Does.Contain("last admin"));
        Assert.That(remove.Status, Is.EqualTo(409), remove.ToString());
        Assert.That((string?)promoted["role"], Is.EqualTo("admin"));
        Assert.That(left["members"]!.AsArray().Select(m => (string?)m!["user"]!["email"]), Is.EqualTo(new[] { "ann@example.com" }));
        Assert.That(gone.Status, Is.EqualTo(404), gone.ToString());
    }

    [Test]
    [OperationSpecific("getOrganizationSpendingLimit", "setOrganizationSpendingLimit", "deleteOrganizationSpendingLimit")]
    public async Task The_spending_limit_is_set_read_and_removed_idempotently()
    {
        var limit = $"organizations/{await DefaultOrgAsync()}/billing/spending_limit";

        var unset = await Api.ExpectAsync(200, "getOrganizationSpendingLimit", limit);
        await Api.ExpectAsync(200, "setOrganizationSpendingLimit", limit, new JsonObject { ["spending_limit_cents"] = 12_500 });
        var set = await Api.ExpectAsync(200, "getOrganizationSpendingLimit", limit);
        var zero = await Api.CallAsync("setOrganizationSpendingLimit", limit, new JsonObject { ["spending_limit_cents"] = 0 });
        await Api.ExpectAsync(200, "deleteOrganizationSpendingLimit", limit);
        await Api.ExpectAsync(200, "deleteOrganizationSpendingLimit", limit);
        var removed = await Api.ExpectAsync(200, "getOrganizationSpendingLimit", limit);

        Assert.That(unset.AsObject().ContainsKey("spending_limit_cents") && unset["spending_limit_cents"] is null, Is.True, unset.ToJsonString());
        Assert.That((long?)set["spending_limit_cents"], Is.EqualTo(12_500));
        Assert.That(zero.Status, Is.EqualTo(400), zero.ToString());
        Assert.That(zero.Message, Does.Contain("spending_limit_cents"));
        Assert.That(removed["spending_limit_cents"], Is.Null);
    }

    [Test]
    [OperationSpecific("listOrgApiKeys", "createOrgApiKey", "revokeOrgApiKey")]
    public async Task Organization_keys_are_listed_apart_from_personal_keys()
    {
        var org = await DefaultOrgAsync();
        var o = $"organizations/{org}";
        var project = await CreateProjectInAsync(org, "scoped");
        var personalProject = await CreateProjectInAsync(null, "personal");

        var scoped = await Api.ExpectAsync(200, "createOrgApiKey", $"{o}/api_keys", new JsonObject { ["key_name"] = "scoped", ["project_id"] = project });
        var plain = await Api.ExpectAsync(200, "createOrgApiKey", $"{o}/api_keys", new JsonObject { ["key_name"] = "plain" });
        var foreign = await Api.CallAsync("createOrgApiKey", $"{o}/api_keys", new JsonObject { ["key_name"] = "x", ["project_id"] = personalProject });
        await Api.ExpectAsync(200, "revokeOrgApiKey", $"{o}/api_keys/{(long)plain["id"]!}");
        var listed = await Api.ExpectAsync(200, "listOrgApiKeys", $"{o}/api_keys");
        var personal = await Api.ExpectAsync(200, "listApiKeys", "api_keys");
        var viaPersonalRoute = await Api.CallAsync("revokeApiKey", $"api_keys/{(long)scoped["id"]!}");

        Assert.That((string?)scoped["key"], Has.Length.EqualTo(64));
        Assert.That((string?)scoped["project_id"], Is.EqualTo(project));
        Assert.That(foreign.Status, Is.EqualTo(404), foreign.ToString());
        Assert.That(foreign.Message, Does.Contain(personalProject));
        Assert.That(listed.AsArray().Select(k => (string?)k!["name"]), Is.EqualTo(new[] { "scoped" }));
        Assert.That((string?)listed[0]!["project_id"], Is.EqualTo(project));
        Assert.That(personal.AsArray(), Is.Empty, "organization keys are not personal keys");
        Assert.That(viaPersonalRoute.Status, Is.EqualTo(404), viaPersonalRoute.ToString());
    }

    [Test]
    [OperationSpecific("transferProjectsFromOrgToOrg", "createProject")]
    public async Task Projects_move_between_the_user_s_organizations()
    {
        var org = await DefaultOrgAsync();
        var other = Neon.AddOrganization("Team B");
        var a = await CreateProjectInAsync(org, "a");
        var b = await CreateProjectInAsync(org, "b");
        var kept = await CreateProjectInAsync(org, "kept");

        await Api.ExpectAsync(200, "transferProjectsFromOrgToOrg", $"organizations/{org}/projects/transfer", Transfer(other, a, b));
        var back = await Api.CallAsync("transferProjectsFromOrgToOrg", $"organizations/{org}/projects/transfer", Transfer(other, a));
        var same = await Api.CallAsync("transferProjectsFromOrgToOrg", $"organizations/{org}/projects/transfer", Transfer(org, kept));
        var none = await Api.CallAsync("transferProjectsFromOrgToOrg", $"organizations/{org}/projects/transfer", new JsonObject { ["destination_org_id"] = other, ["project_ids"] = new JsonArray() });
        var unknownOrg = await Api.CallAsync("createProject", "projects", new JsonObject { ["project"] = new JsonObject { ["org_id"] = "org-none-00000000" } });

        Assert.That(await ProjectsOfAsync(other), Is.EquivalentTo(new[] { a, b }));
        Assert.That(await ProjectsOfAsync(org), Is.EqualTo(new[] { kept }));
        Assert.That(back.Status, Is.EqualTo(404), "the project is no longer in the source organization: " + back);
        Assert.That(same.Status, Is.EqualTo(400), same.ToString());
        Assert.That(none.Status, Is.EqualTo(400), none.ToString());
        Assert.That(none.Message, Does.Contain("project_ids"));
        Assert.That(unknownOrg.Status, Is.EqualTo(404), unknownOrg.ToString());
    }

    private async Task<(List<int> Pages, List<string> Emails)> ListMembersAsync(string org, string sortBy, string order, int limit)
    {
        var pages = new List<int>();
        var emails = new List<string>();
        string? next = null;
        do
        {
            var page = await Api.ExpectAsync(200, "getOrganizationMembers",
                $"organizations/{org}/members?sort_by={sortBy}&sort_order={order}&limit={limit}" + (next is null ? string.Empty : $"&cursor={next}"));
            var members = page["members"]!.AsArray();
            pages.Add(members.Count);
            emails.AddRange(members.Select(m => (string)m!["user"]!["email"]!));
            Assert.That((string?)page["pagination"]!["sort_by"], Is.EqualTo(sortBy));
            next = (string?)page["pagination"]!["next"];
        }
        while (next is not null && pages.Count < 10);

        return (pages, emails);
    }
}
