using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>The regions the emulator offers (a fixed copy of Neon's public list).</summary>
internal static class Regions
{
    public const string DefaultRegionId = "aws-us-east-2";

    public static readonly IReadOnlyList<Region> All =
    [
        new("aws-us-east-1", "AWS US East (N. Virginia)", "38.9940541", "-77.4524237"),
        new("aws-us-east-2", "AWS US East (Ohio)", "39.9612", "-82.9988"),
        new("aws-us-west-2", "AWS US West (Oregon)", "45.5152", "-122.6784"),
        new("aws-eu-central-1", "AWS Europe (Frankfurt)", "50.1109", "8.6821"),
        new("aws-eu-west-2", "AWS Europe (London)", "51.5072", "-0.1276"),
        new("aws-ap-southeast-1", "AWS Asia Pacific (Singapore)", "1.3521", "103.8198"),
        new("aws-ap-southeast-2", "AWS Asia Pacific (Sydney)", "-33.8688", "151.2093"),
        new("aws-sa-east-1", "AWS South America (Sao Paulo)", "-23.5558", "-46.6396"),
        new("azure-eastus2", "Azure East US 2 (Virginia)", "36.6681", "-78.3889"),
        new("azure-westus3", "Azure West US 3 (Arizona)", "33.4484", "-112.0740"),
        new("azure-gwc", "Azure Germany West Central (Frankfurt)", "50.1109", "8.6821"),
    ];

    public static Region? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));

    /// <summary>A region of the list.</summary>
    internal sealed record Region(string Id, string Name, string Latitude, string Longitude)
    {
        /// <summary><c>aws</c> or <c>azure</c>.</summary>
        public string Platform => Id[..Id.IndexOf('-', StringComparison.Ordinal)];

        /// <summary>The proxy host, for example <c>us-east-2.aws.neon.tech</c>.</summary>
        public string ProxyHost => $"{Id[(Platform.Length + 1)..]}.{Platform}.neon.tech";

        public JsonObject ToJson() => new()
        {
            ["region_id"] = Id,
            ["name"] = Name,
            ["default"] = Id == DefaultRegionId,
            ["geo_lat"] = Latitude,
            ["geo_long"] = Longitude,
        };
    }
}
