using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Testing.Internal;

/// <summary>An <see cref="HttpMessageHandler"/> that answers from the emulator in process, without sockets.</summary>
internal sealed class FakeNeonHandler : HttpMessageHandler
{
    private readonly Emulator _emulator;

    public FakeNeonHandler(Emulator emulator) => _emulator = emulator;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _emulator.HandleAsync(request, cancellationToken);
}
