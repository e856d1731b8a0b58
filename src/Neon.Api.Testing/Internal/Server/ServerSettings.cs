using System;
using System.Net;
using System.Net.Sockets;

namespace Neon.Api.Testing.Internal.Server;

/// <summary>The <see cref="FakeNeonServerOptions"/> as read once at start (later changes do not reach a running server).</summary>
internal sealed record ServerSettings(
    IPAddress Address,
    int Port,
    long MaxRequestBodySize,
    TimeSpan RequestHeadersTimeout,
    TimeSpan RequestBodyTimeout,
    TimeSpan ShutdownTimeout,
    Action<FakeNeonRequestRecord>? RequestCompleted)
{
    public static ServerSettings From(FakeNeonServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.Parse(options.Host);
        return new ServerSettings(
            address,
            options.Port,
            options.MaxRequestBodySize,
            options.RequestHeadersTimeout,
            options.RequestBodyTimeout,
            options.ShutdownTimeout,
            options.RequestCompleted);
    }

    /// <summary>
    /// The API root clients use: the bound address, or the loopback address of its family when the server listens on
    /// every interface (0.0.0.0 or ::).
    /// </summary>
    public Uri BaseUri(int boundPort)
    {
        var host = Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : Address;
        var text = host.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host.ToString();
        return new Uri($"http://{text}:{boundPort}/api/v2/");
    }
}
