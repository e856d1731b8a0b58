using System;
using System.IO;
using Neon.Api.Testing;
using NUnit.Framework;

namespace Neon.Api.PostgresTests;

/// <summary>PostgreSQL mode set up wrongly fails at once with a typed error that says what to fix.</summary>
public sealed class SetupErrorTests
{
    [Test]
    public void A_folder_without_PostgreSQLs_programs_is_refused_with_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("pgt-empty").FullName;
        try
        {
            var options = new FakeNeonOptions { Postgres = new FakeNeonPostgresOptions { BinDirectory = empty } };

            var failure = Assert.Throws<FakeNeonPostgresException>(() => new FakeNeon(options).Dispose());

            Assert.That(failure!.Message, Does.Contain(empty).And.Contain("apt-get install -y --no-install-recommends postgresql"));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Test]
    public void A_work_folder_that_does_not_exist_is_refused()
    {
        PostgresRequirement.Check();
        var missing = Path.Combine(Path.GetTempPath(), "pgt-missing-" + Guid.NewGuid().ToString("N"));
        var options = new FakeNeonOptions { Postgres = new FakeNeonPostgresOptions { WorkDirectory = missing } };

        var failure = Assert.Throws<FakeNeonPostgresException>(() => new FakeNeon(options).Dispose());

        Assert.That(failure!.Message, Does.Contain(missing).And.Contain("WorkDirectory"));
        Assert.That(Directory.Exists(missing), Is.False, "the emulator creates no folder it was not asked to");
    }

    [Test]
    public void The_in_memory_emulator_needs_no_PostgreSQL_and_keeps_Neons_host_names()
    {
        using var neon = new FakeNeon(new FakeNeonOptions { Postgres = null });

        Assert.That(neon.Options.Postgres, Is.Null);
    }
}
