// The group contract of the real library, reduced: each group class derives from a base that holds the pipeline,
// is built from the pipeline, and NeonClient hands it out. Forwarding members and generated groups rely on it.
#nullable enable
namespace Neon.Api.Pipeline
{
    public sealed class NeonPipeline
    {
    }

    public abstract class NeonOperationGroup
    {
        private readonly NeonPipeline? _pipeline;

        private protected NeonOperationGroup(NeonPipeline pipeline) => _pipeline = pipeline;

        protected NeonOperationGroup()
        {
        }

        internal NeonPipeline Pipeline => _pipeline ?? throw new System.InvalidOperationException("A group made for mocking has no pipeline.");
    }
}

namespace Neon.Api
{
    using Neon.Api.Pipeline;

    public partial class NeonClient
    {
        internal NeonClient(NeonPipeline pipeline) => Pipeline = pipeline;

        internal NeonPipeline Pipeline { get; }
    }

    public partial class ProjectClient : NeonOperationGroup
    {
        internal ProjectClient(NeonPipeline pipeline) : base(pipeline) { }

        protected ProjectClient() { }
    }

    public partial class BranchClient : NeonOperationGroup
    {
        internal BranchClient(NeonPipeline pipeline) : base(pipeline) { }

        protected BranchClient() { }
    }

    public partial class BucketsClient : NeonOperationGroup
    {
        internal BucketsClient(NeonPipeline pipeline) : base(pipeline) { }

        protected BucketsClient() { }
    }

    public partial class ConsumptionClient : NeonOperationGroup
    {
        internal ConsumptionClient(NeonPipeline pipeline) : base(pipeline) { }

        protected ConsumptionClient() { }
    }

    public partial class OperationClient : NeonOperationGroup
    {
        internal OperationClient(NeonPipeline pipeline) : base(pipeline) { }

        protected OperationClient() { }
    }

    public partial class AuthLegacyClient : NeonOperationGroup
    {
        internal AuthLegacyClient(NeonPipeline pipeline) : base(pipeline) { }

        protected AuthLegacyClient() { }
    }

    public partial class UsersClient : NeonOperationGroup
    {
        internal UsersClient(NeonPipeline pipeline) : base(pipeline) { }

        protected UsersClient() { }
    }
}
