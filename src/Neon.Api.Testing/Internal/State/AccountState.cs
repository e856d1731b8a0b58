using System;
using System.Collections.Generic;
using System.Linq;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// Who is calling: the seeded current user and the organizations the user belongs to (a seeded
/// default one, and any a test adds through <see cref="FakeNeon.AddOrganization"/>).
/// </summary>
internal sealed class AccountState
{
    /// <summary>The seeded current user's id (also the <c>created_by</c> of API keys).</summary>
    public const string UserId = ApiKeyModel.CreatorId;

    public const string UserEmail = "fake.user@example.com";

    public const string UserFirstName = "Fake";

    public const string UserLastName = "Neon User";

    /// <summary>The seeded default organization's id.</summary>
    public const string DefaultOrgId = "org-quiet-meadow-81040908";

    public const string DefaultOrgName = "Fake Neon Org";

    /// <summary>When the seeded user and organization were created (fixed, so runs are reproducible).</summary>
    public static readonly DateTimeOffset SeededAt = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, OrganizationModel> _organizations = new(StringComparer.Ordinal);

    public AccountState(IdGenerator ids)
    {
        Ids = ids;
        var org = new OrganizationModel(DefaultOrgId, DefaultOrgName, SeededAt);
        org.Members.Add(new MemberModel(Guid.Parse("4bfb3d9e-54b2-4f0e-9d2c-1c7be1c1f0a1"), Guid.Parse(UserId), UserEmail, "admin", SeededAt));
        _organizations.Add(org.Id, org);
    }

    public IdGenerator Ids { get; }

    /// <summary>The organizations of the current user, oldest first.</summary>
    public IEnumerable<OrganizationModel> Organizations => _organizations.Values.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal);

    /// <summary>An organization the current user belongs to, or 404.</summary>
    public OrganizationModel RequireOrganization(string orgId) =>
        _organizations.GetValueOrDefault(orgId)
        ?? throw ApiError.NotFound($"organization {orgId} not found (the current user is not a member of it)");

    /// <summary>A new organization whose admin is the current user.</summary>
    public OrganizationModel AddOrganization(string name, DateTimeOffset now)
    {
        var org = new OrganizationModel(Ids.OrganizationId(), name, now);
        org.Members.Add(new MemberModel(Ids.Uuid(), Guid.Parse(UserId), UserEmail, "admin", now));
        _organizations.Add(org.Id, org);
        return org;
    }
}
