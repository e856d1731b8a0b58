using System;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.NeonctlTests;

/// <summary>The pin: package.json and the lockfile name one neonctl version, and that version is the one that runs.</summary>
public sealed class NeonctlPackageTests
{
    [Test]
    public async Task The_installed_neonctl_is_the_version_package_json_and_the_lockfile_pin()
    {
        var cli = await NeonctlPackage.EnsureInstalledAsync();
        // --version reads no API: the root given is never called.
        using var neonctl = new Neonctl(cli, new Uri("http://127.0.0.1:9/api/v2/"), "unused-key");

        var version = await neonctl.SucceedAsync("--version");

        Assert.That(NeonctlPackage.LockedVersion, Is.EqualTo(NeonctlPackage.PinnedVersion), "package-lock.json locks the version package.json pins");
        Assert.That(version, Is.EqualTo(NeonctlPackage.PinnedVersion), "neonctl --version");
    }
}
