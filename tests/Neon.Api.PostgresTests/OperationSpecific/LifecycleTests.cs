using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>Disposing the emulator stops every server and removes its own folder, and nothing else.</summary>
[OperationSpecific("createProject", "createProjectBranch")]
public sealed class LifecycleTests
{
    [Test]
    public async Task Dispose_stops_every_server_and_deletes_only_the_emulators_own_folder()
    {
        var neon = await PostgresNeon.StartAsync();
        var sentinel = Path.Combine(neon.WorkDirectory, "not-the-emulators.txt");
        await File.WriteAllTextAsync(sentinel, "keep me");
        string[] uris;
        try
        {
            var (projectId, mainId, uri) = await neon.CreateProjectAsync();
            var (_, _, childUri) = await neon.CreateChildAsync(projectId, mainId);
            uris = [uri, childUri];
            Assert.That(await PostgresNeon.ScalarAsync<int>(childUri, "select 1"), Is.EqualTo(1));
            Assert.That(Directory.GetDirectories(neon.WorkDirectory).Select(Path.GetFileName), Has.Exactly(1).StartsWith("fakeneon-pg-"));
        }
        finally
        {
            await neon.Neon.DisposeAsync();
        }

        foreach (var uri in uris)
        {
            await PostgresNeon.AssertRefusedAsync(uri, "every server is stopped on dispose");
        }

        Assert.That(Directory.GetDirectories(neon.WorkDirectory), Is.Empty, "the emulator's folder is deleted");
        Assert.That(File.Exists(sentinel), Is.True, "nothing the emulator did not create is touched");
        await neon.DisposeAsync(); // disposing twice is harmless; removes the test's work folder
    }
}
