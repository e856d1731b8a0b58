using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Pipeline;

namespace Neon.Api.ContractTests.Client;

/// <summary>
/// A generated operation method as users reach it: a group property of <see cref="NeonClient"/> and a method of that
/// group carrying <see cref="NeonOperationAttribute"/>.
/// </summary>
internal sealed record ClientOperation(PropertyInfo Group, MethodInfo Method, NeonOperationAttribute Attribute)
{
    private static readonly Lazy<IReadOnlyDictionary<string, ClientOperation>> Discovered = new(Discover);

    /// <summary>Every operation reachable from a <see cref="NeonClient"/>, by operationId.</summary>
    public static IReadOnlyDictionary<string, ClientOperation> All => Discovered.Value;

    /// <summary>The model type of the result; null for an operation that returns a plain <see cref="Task"/>.</summary>
    public Type? ResultType => Method.ReturnType.IsGenericType ? Method.ReturnType.GetGenericArguments()[0] : null;

    /// <summary>Calls the operation on <paramref name="client"/>; exceptions come out unwrapped.</summary>
    /// <param name="client">The client.</param>
    /// <param name="arguments">One value per C# parameter of the method, in order (the cancellation token included).</param>
    public async Task<object?> InvokeAsync(NeonClient client, object?[] arguments)
    {
        var group = Group.GetValue(client) ?? throw new InvalidOperationException($"NeonClient.{Group.Name} is null");
        Task task;
        try
        {
            task = (Task)Method.Invoke(group, arguments)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        await task.ConfigureAwait(false);
        return ResultType is null ? null : task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }

    private static IReadOnlyDictionary<string, ClientOperation> Discover()
    {
        var result = new Dictionary<string, ClientOperation>(StringComparer.Ordinal);
        var groups = typeof(NeonClient).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(NeonOperationGroup).IsAssignableFrom(p.PropertyType));
        foreach (var group in groups)
        {
            foreach (var method in group.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<NeonOperationAttribute>() is { } attribute)
                {
                    if (!result.TryAdd(attribute.OperationId, new ClientOperation(group, method, attribute)))
                    {
                        throw new InvalidOperationException($"two methods carry [NeonOperation(\"{attribute.OperationId}\")]");
                    }
                }
            }
        }

        return result;
    }
}
