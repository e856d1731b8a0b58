// Inputs the generator cannot fully serve: each must draw a warning, never an exception or a silent gap.
#nullable enable
namespace Neon.Api
{
    using System.Collections.Generic;
    using System.Threading;
    using System.Threading.Tasks;

    public partial class OddClient
    {
        // NEON1001: two model lists, so the items are ambiguous.
        [global::Neon.Api.NeonOperation("listTwoLists", "GET", "two", "Odd")]
        public virtual Task<TwoListsResponse> ListTwoListsAsync(string? cursor = null, CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

        // NEON1002: a cursor parameter but no known pagination shape.
        [global::Neon.Api.NeonOperation("listNoShape", "GET", "none", "Odd")]
        public virtual Task<NoShapeResponse> ListNoShapeAsync(string? cursor = null, CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

        // NEON1003: the replacement path names no operation.
        [global::Neon.Api.NeonOperation("oldThing", "GET", "old", "Odd", Deprecated = true, DeprecationText = "DEPRECATED, use `/new/thing` instead.")]
        public virtual partial Task<Item> OldThingAsync(CancellationToken cancellationToken) => throw new System.NotImplementedException();

        // NEON1004: deprecated, but not declared partial.
        [global::Neon.Api.NeonOperation("oldPlain", "GET", "old/plain", "Odd", Deprecated = true, DeprecationText = "DEPRECATED.")]
        public virtual Task<Item> OldPlainAsync(CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

        // NEON1006: operations without a project id.
        [global::Neon.Api.NeonOperation("startThing", "POST", "start", "Odd")]
        public virtual Task<BadOperationsResponse> StartThingAsync(CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

        // NEON1008: the listing name is taken.
        [global::Neon.Api.NeonOperation("listTaken", "GET", "taken", "Odd")]
        public virtual Task<PagedItemsResponse> ListTakenAsync(string? cursor = null, CancellationToken cancellationToken = default) => throw new System.NotImplementedException();

        public void ListTakenAllAsync()
        {
        }

        // NEON1009: a cursor, but no Task<T>.
        [global::Neon.Api.NeonOperation("listVoid", "GET", "void", "Odd")]
        public virtual Task ListVoidAsync(string? cursor = null, CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
    }

    // NEON1007: paginated, but the class is not partial.
    public class SealedOffClient
    {
        [global::Neon.Api.NeonOperation("listSealed", "GET", "sealed", "Sealed")]
        public virtual Task<PagedItemsResponse> ListSealedAsync(string? cursor = null, CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
    }

    // NEON1005 (no location): operations are returned, but nothing reads one operation back.
    public partial class WorkClient
    {
        [global::Neon.Api.NeonOperation("createWork", "POST", "work", "Work")]
        public virtual Task<WorkResponse> CreateWorkAsync(CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
    }

    public class Item
    {
        public string Id { get; set; } = default!;
    }

    public class Pagination
    {
        public string Cursor { get; set; } = default!;
    }

    public class TwoListsResponse
    {
        public IList<Item> First { get; set; } = default!;

        public IList<Item> Second { get; set; } = default!;

        public Pagination? Pagination { get; set; }
    }

    public class NoShapeResponse
    {
        public IList<Item> Items { get; set; } = default!;
    }

    public class PagedItemsResponse
    {
        public IList<Item> Items { get; set; } = default!;

        public Pagination? Pagination { get; set; }
    }

    public class BadOperation
    {
        public string Id { get; set; } = default!;

        public string Status { get; set; } = default!;
    }

    public class BadOperationsResponse
    {
        public IList<BadOperation> Operations { get; set; } = default!;
    }

    public class WorkOperation
    {
        public string Id { get; set; } = default!;

        public string ProjectId { get; set; } = default!;

        public string Status { get; set; } = default!;
    }

    public class WorkResponse
    {
        public IList<WorkOperation> Operations { get; set; } = default!;
    }
}
