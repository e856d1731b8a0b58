using System.Text.Json.Nodes;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.Support;

/// <summary>Base of the behaviour tests that start from one project whose creation has finished.</summary>
public abstract class ProjectTest : EmulatorTest
{
    protected ProjectTest(Transport transport)
        : base(transport)
    {
    }

    /// <summary>The <c>createProject</c> answer.</summary>
    protected JsonNode Created { get; private set; } = null!;

    /// <summary>The project's path, <c>projects/{project_id}</c>.</summary>
    protected string P { get; private set; } = string.Empty;

    /// <summary>The id of the project's default branch.</summary>
    protected string Main { get; private set; } = string.Empty;

    /// <summary>The default branch's path, <c>projects/{project_id}/branches/{branch_id}</c>.</summary>
    protected string B => $"{P}/branches/{Main}";

    [SetUp]
    public async Task CreateProject()
    {
        Created = await CreateProjectAsync();
        P = $"projects/{Id(Created, "project")}";
        Main = Id(Created, "branch");
    }
}
