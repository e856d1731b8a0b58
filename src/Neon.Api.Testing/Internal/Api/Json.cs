using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Small builders for response bodies.</summary>
internal static class Json
{
    public static JsonArray Array(IEnumerable<JsonNode> items) => new(items.ToArray<JsonNode?>());

    public static JsonArray Operations(IEnumerable<OperationModel> operations, DateTimeOffset now) =>
        Array(operations.Select(o => o.ToJson(now)));

    /// <summary><c>{ name: value, operations: [...] }</c>, the shape of every <c>XOperations</c> schema.</summary>
    public static JsonObject WithOperations(
        string name, JsonNode value, IEnumerable<OperationModel> operations, DateTimeOffset now) => new()
    {
        [name] = value,
        ["operations"] = Operations(operations, now),
    };
}
