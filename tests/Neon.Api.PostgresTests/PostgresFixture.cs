using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.PostgresTests;

/// <summary>
/// One emulator in PostgreSQL mode for all the tests of a fixture (its template cluster is made once); each test makes
/// its own project. Disposed, with every server, after the last test.
/// </summary>
public abstract class PostgresFixture
{
    private PostgresNeon? _neon;

    internal PostgresNeon Neon => _neon ?? throw new System.InvalidOperationException("the fixture has not started");

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() => _neon = await PostgresNeon.StartAsync();

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        if (_neon is not null)
        {
            await _neon.DisposeAsync();
        }
    }
}
