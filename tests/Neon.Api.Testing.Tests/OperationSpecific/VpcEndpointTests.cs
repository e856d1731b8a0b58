using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>VPC endpoints of an organization per region, and project restrictions to them.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific(
    "assignOrganizationVPCEndpoint", "listOrganizationVPCEndpoints", "listOrganizationVPCEndpointsAllRegions", "getOrganizationVPCEndpointDetails",
    "deleteOrganizationVPCEndpoint", "assignProjectVPCEndpoint", "listProjectVPCEndpoints", "deleteProjectVPCEndpoint")]
public sealed class VpcEndpointTests : AccountTest
{
    private const string Endpoint = "vpce-0123456789abcdef0";

    public VpcEndpointTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task Endpoints_are_kept_per_region_and_accepted_after_a_while()
    {
        var o = $"organizations/{await DefaultOrgAsync()}/vpc";
        await Api.ExpectAsync(200, "assignOrganizationVPCEndpoint", $"{o}/region/aws-us-east-2/vpc_endpoints/{Endpoint}", Label("first"));
        await Api.ExpectAsync(200, "assignOrganizationVPCEndpoint", $"{o}/region/aws-eu-central-1/vpc_endpoints/vpce-eu", Label("eu"));
        await Api.ExpectAsync(200, "assignOrganizationVPCEndpoint", $"{o}/region/aws-us-east-2/vpc_endpoints/{Endpoint}", Label("renamed"));

        var east = await Api.ExpectAsync(200, "listOrganizationVPCEndpoints", $"{o}/region/aws-us-east-2/vpc_endpoints");
        var all = await Api.ExpectAsync(200, "listOrganizationVPCEndpointsAllRegions", $"{o}/vpc_endpoints");
        var fresh = await Api.ExpectAsync(200, "getOrganizationVPCEndpointDetails", $"{o}/region/aws-us-east-2/vpc_endpoints/{Endpoint}");
        FinishOperations();
        var later = await Api.ExpectAsync(200, "getOrganizationVPCEndpointDetails", $"{o}/region/aws-us-east-2/vpc_endpoints/{Endpoint}");
        var wrongRegion = await Api.CallAsync("getOrganizationVPCEndpointDetails", $"{o}/region/aws-eu-central-1/vpc_endpoints/{Endpoint}");
        var unknownRegion = await Api.CallAsync("listOrganizationVPCEndpoints", $"{o}/region/mars-north-1/vpc_endpoints");

        Assert.That(east["endpoints"]!.AsArray().Select(e => ((string?)e!["vpc_endpoint_id"], (string?)e["label"])), Is.EqualTo(new[] { (Endpoint, "renamed") }));
        Assert.That(all["endpoints"]!.AsArray().Select(e => (string?)e!["region_id"]), Is.EqualTo(new[] { "aws-us-east-2", "aws-eu-central-1" }));
        Assert.That((string?)fresh["state"], Is.EqualTo("new"));
        Assert.That((string?)later["state"], Is.EqualTo("accepted"));
        Assert.That(wrongRegion.Status, Is.EqualTo(404), wrongRegion.ToString());
        Assert.That(unknownRegion.Status, Is.EqualTo(404), unknownRegion.ToString());
        Assert.That(unknownRegion.Message, Does.Contain("mars-north-1"));
    }

    [Test]
    public async Task Projects_of_the_organization_in_the_endpoint_s_region_can_be_restricted_to_it()
    {
        var org = await DefaultOrgAsync();
        var region = $"organizations/{org}/vpc/region/aws-us-east-2/vpc_endpoints";
        await Api.ExpectAsync(200, "assignOrganizationVPCEndpoint", $"{region}/{Endpoint}", Label("prod"));
        var projects = new[] { await CreateProjectInAsync(org, "a"), await CreateProjectInAsync(org, "b"), await CreateProjectInAsync(org, "c"), await CreateProjectInAsync(org, "d") };
        var elsewhere = await CreateProjectInAsync(org, "eu", regionId: "aws-eu-central-1");
        var personal = await CreateProjectInAsync(null, "personal");

        foreach (var project in projects)
        {
            await Api.ExpectAsync(200, "assignProjectVPCEndpoint", $"projects/{project}/vpc_endpoints/{Endpoint}", Label("only-vpc"));
        }

        var restrictions = await Api.ExpectAsync(200, "listProjectVPCEndpoints", $"projects/{projects[0]}/vpc_endpoints");
        var details = await Api.ExpectAsync(200, "getOrganizationVPCEndpointDetails", $"{region}/{Endpoint}");
        var otherRegion = await Api.CallAsync("assignProjectVPCEndpoint", $"projects/{elsewhere}/vpc_endpoints/{Endpoint}", Label("x"));
        var noOrg = await Api.CallAsync("assignProjectVPCEndpoint", $"projects/{personal}/vpc_endpoints/{Endpoint}", Label("x"));
        await Api.ExpectAsync(200, "deleteProjectVPCEndpoint", $"projects/{projects[0]}/vpc_endpoints/{Endpoint}");
        var unrestrictedTwice = await Api.CallAsync("deleteProjectVPCEndpoint", $"projects/{projects[0]}/vpc_endpoints/{Endpoint}");
        var afterOne = await Api.ExpectAsync(200, "getOrganizationVPCEndpointDetails", $"{region}/{Endpoint}");

        Assert.That(restrictions["endpoints"]!.AsArray().Select(e => (string?)e!["label"]), Is.EqualTo(new[] { "only-vpc" }));
        Assert.That((int?)details["num_restricted_projects"], Is.EqualTo(4));
        Assert.That(details["example_restricted_projects"]!.AsArray().Select(p => (string?)p).ToArray(), Has.Length.EqualTo(3).And.SubsetOf(projects));
        Assert.That(otherRegion.Status, Is.EqualTo(404), otherRegion.ToString());
        Assert.That(otherRegion.Message, Does.Contain("aws-eu-central-1"));
        Assert.That(noOrg.Status, Is.EqualTo(400), noOrg.ToString());
        Assert.That(unrestrictedTwice.Status, Is.EqualTo(404), unrestrictedTwice.ToString());
        Assert.That((int?)afterOne["num_restricted_projects"], Is.EqualTo(3));
    }

    [Test]
    public async Task A_deleted_endpoint_lifts_its_restrictions_and_cannot_be_added_back()
    {
        var org = await DefaultOrgAsync();
        var region = $"organizations/{org}/vpc/region/aws-us-east-2/vpc_endpoints";
        await Api.ExpectAsync(200, "assignOrganizationVPCEndpoint", $"{region}/{Endpoint}", Label("prod"));
        var project = await CreateProjectInAsync(org, "a");
        await Api.ExpectAsync(200, "assignProjectVPCEndpoint", $"projects/{project}/vpc_endpoints/{Endpoint}", Label("only-vpc"));

        await Api.ExpectAsync(200, "deleteOrganizationVPCEndpoint", $"{region}/{Endpoint}");
        var restrictions = await Api.ExpectAsync(200, "listProjectVPCEndpoints", $"projects/{project}/vpc_endpoints");
        var listed = await Api.ExpectAsync(200, "listOrganizationVPCEndpoints", region);
        var again = await Api.CallAsync("assignOrganizationVPCEndpoint", $"{region}/{Endpoint}", Label("again"));
        var deleteTwice = await Api.CallAsync("deleteOrganizationVPCEndpoint", $"{region}/{Endpoint}");
        var noLabel = await Api.CallAsync("assignOrganizationVPCEndpoint", $"{region}/vpce-other", new JsonObject());

        Assert.That(restrictions["endpoints"]!.AsArray(), Is.Empty);
        Assert.That(listed["endpoints"]!.AsArray(), Is.Empty);
        Assert.That(again.Status, Is.EqualTo(409), again.ToString());
        Assert.That(deleteTwice.Status, Is.EqualTo(404), deleteTwice.ToString());
        Assert.That(noLabel.Status, Is.EqualTo(400), noLabel.ToString());
        Assert.That(noLabel.Message, Does.Contain("label"));
    }

    private static JsonObject Label(string label) => new() { ["label"] = label };
}
