using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Pipeline;
using Neon.Api.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.TestShared;

/// <summary>
/// Calls a generated operation by its operationId, so that a test of an operation some spec versions lack still
/// compiles with those versions (it then fails through <see cref="VendoredSpec.Require"/> naming the operation).
/// Arguments are given by C# parameter name; a value of another type than the parameter's is converted through JSON
/// (a request body as an anonymous object with the wire names). Results come back as JSON, as the client would send
/// them.
/// </summary>
internal static class ClientOperations
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(NeonJson.CreateSettings());

    private static readonly Lazy<IReadOnlyDictionary<string, (PropertyInfo Group, MethodInfo Method)>> Methods = new(() =>
        typeof(NeonClient).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(NeonOperationGroup).IsAssignableFrom(p.PropertyType))
            .SelectMany(p => p.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.GetCustomAttribute<NeonOperationAttribute>() is not null)
                .Select(m => (Group: p, Method: m)))
            .ToDictionary(x => x.Method.GetCustomAttribute<NeonOperationAttribute>()!.OperationId, x => x, StringComparer.Ordinal));

    /// <summary>The generated method of an operation; fails the test naming the operation when the client lacks it.</summary>
    public static MethodInfo Method(string operationId)
    {
        VendoredSpec.Require(operationId);
        return Methods.Value.TryGetValue(operationId, out var found)
            ? found.Method
            : throw new AssertionException($"the spec lists {operationId}, but no client method carries [NeonOperation(\"{operationId}\")]");
    }

    /// <summary>Calls the operation and returns its result as JSON (null for an operation without a result).</summary>
    /// <param name="client">The client.</param>
    /// <param name="operationId">The operation.</param>
    /// <param name="arguments">An object whose properties are named like the method's parameters (for example <c>new { projectId = "p-1" }</c>).</param>
    /// <param name="cancellationToken">Passed as the method's cancellation token.</param>
    public static async Task<JToken?> CallAsync(NeonClient client, string operationId, object? arguments = null, CancellationToken cancellationToken = default)
    {
        var method = Method(operationId);
        var task = (Task)Invoke(Methods.Value[operationId].Group.GetValue(client)!, method, arguments, cancellationToken)!;
        await task.ConfigureAwait(false);
        var result = method.ReturnType.IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        return result is null ? null : ToJson(result);
    }

    /// <summary>
    /// A model as JSON with its wire names: typed properties and what the reader kept in <c>AdditionalProperties</c>
    /// alike, nulls left out (so a field sent as null reads as absent, whichever way the model holds it).
    /// </summary>
    public static JToken ToJson(object model)
    {
        var json = JToken.FromObject(model, Serializer);
        foreach (var empty in json.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.Null && v.Parent is JProperty).ToList())
        {
            empty.Parent!.Remove();
        }

        return json;
    }

    /// <summary>Lists every item through the operation's generated listing (<c>{Method}AllAsync</c>), each as JSON.</summary>
    /// <param name="client">The client.</param>
    /// <param name="operationId">A paginated operation.</param>
    /// <param name="arguments">An object whose properties are named like the listing's parameters.</param>
    public static async Task<List<JToken>> ListAllAsync(NeonClient client, string operationId, object? arguments = null)
    {
        var operation = Method(operationId);
        var name = operation.Name[..^"Async".Length] + "AllAsync";
        var listing = operation.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.Instance).SingleOrDefault(m => m.Name == name)
            ?? throw new AssertionException($"{operationId} has no listing method {name}: the generator did not see it as paginated");
        var pageable = Invoke(Methods.Value[operationId].Group.GetValue(client)!, listing, arguments, CancellationToken.None)!;
        var itemType = pageable.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            .GetGenericArguments()[0];
        var collect = typeof(ClientOperations).GetMethod(nameof(CollectAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(itemType);
        return await ((Task<List<JToken>>)collect.Invoke(null, [pageable])!).ConfigureAwait(false);
    }

    /// <summary>
    /// A field of a model by its wire name, as JSON (null when absent or null): the typed property when the vendored
    /// spec declares the field, which must then hold the value (a value left in <c>AdditionalProperties</c> fails the
    /// test), else what the reader kept in <c>AdditionalProperties</c> (a spec older than the field). Tests read fields
    /// that only newer specs declare through it, so they compile with any spec.
    /// </summary>
    public static JToken? Field(object model, string wireName)
    {
        var type = model.GetType();
        var kept = type.GetProperty("AdditionalProperties")?.GetValue(model) as IDictionary<string, JToken>;
        var property = type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == wireName);
        if (property is null)
        {
            return kept is not null && kept.TryGetValue(wireName, out var raw) && raw.Type != JTokenType.Null ? raw : null;
        }

        if (kept?.ContainsKey(wireName) == true)
        {
            throw new AssertionException($"{type.Name}.{property.Name} did not read '{wireName}': the value was kept raw in AdditionalProperties");
        }

        return property.GetValue(model) is { } value ? ToJson(value) : null;
    }

    /// <summary>Converts a value to a parameter or property type the way the client would read it from JSON.</summary>
    public static object? Convert(object? value, Type type) =>
        value is null || type.IsInstanceOfType(value) ? value : JToken.FromObject(value, Serializer).ToObject(type, Serializer);

    private static object? Invoke(object target, MethodInfo method, object? arguments, CancellationToken cancellationToken)
    {
        var given = arguments?.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments), StringComparer.Ordinal)
            ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        var parameters = method.GetParameters();
        var unknown = given.Keys.Except(parameters.Select(p => p.Name!)).ToList();
        if (unknown.Count > 0)
        {
            throw new AssertionException($"{method.Name} has no parameter {string.Join(", ", unknown)}; it takes {string.Join(", ", parameters.Select(p => p.Name))}");
        }

        var values = parameters.Select(p =>
            p.ParameterType == typeof(CancellationToken) ? cancellationToken
            : given.TryGetValue(p.Name!, out var value) ? Convert(value, p.ParameterType)
            : p.HasDefaultValue ? p.DefaultValue
            : null).ToArray();
        try
        {
            return method.Invoke(target, values);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static async Task<List<JToken>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var result = new List<JToken>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            result.Add(ToJson(item!));
        }

        return result;
    }
}
