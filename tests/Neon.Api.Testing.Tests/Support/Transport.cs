namespace Neon.Api.Testing.Tests.Support;

/// <summary>How a test reaches the emulator.</summary>
public enum Transport
{
    /// <summary>Through <see cref="FakeNeon.CreateHandler"/>: no sockets.</summary>
    Handler,

    /// <summary>Through the HTTP server (Kestrel) started by <see cref="FakeNeon.StartAsync"/>.</summary>
    Loopback,
}
