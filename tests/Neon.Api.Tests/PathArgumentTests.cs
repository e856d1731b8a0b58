using System;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>Path parameters are checked before anything is sent.</summary>
public class PathArgumentTests
{
    [Test]
    public async Task Empty_or_null_path_values_fail_before_any_request_with_the_argument_name()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestSupport.CreateClient(mock);

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => client.Project.GetProjectAsync(" "));
        Assert.That(empty!.ParamName, Is.EqualTo("projectId"));
        Assert.That(empty.Message, Does.Contain("{project_id}").And.Contain("getProject"));
        var missing = await Assert.ThrowsAsync<ArgumentNullException>(() => client.Project.GetProjectAsync(null!));
        Assert.That(missing!.ParamName, Is.EqualTo("projectId"));
        Assert.That(mock.GetMatchCount(mock.Fallback), Is.Zero);
    }
}
