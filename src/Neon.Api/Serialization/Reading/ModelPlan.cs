using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Serialization.Reading;

/// <summary>
/// How a generated model is read from a response: its properties by JSON name, how to create it, and where values it
/// cannot hold go. Each model declares its plan as a static field (the <c>Class.liquid</c> template), so reading
/// needs no reflection over properties and no code generated at run time.
/// </summary>
internal sealed class ModelPlan
{
    private const string FieldName = "NeonPlan";

    private readonly Func<object>? _factory;
    private readonly Func<object, IDictionary<string, JToken>> _extension;
    private readonly ModelSlot[] _slots;
    private Discriminator? _discriminator;
    private bool _discriminatorResolved;

    private ModelPlan(Type type, Func<object>? factory, Func<object, IDictionary<string, JToken>> extension, ModelSlot[] slots)
    {
        ModelType = type;
        _factory = factory;
        _extension = extension;
        _slots = slots;
    }

    /// <summary>The model type.</summary>
    public Type ModelType { get; }

    /// <summary>The plan of a model that keeps unknown fields itself.</summary>
    public static ModelPlan Create<T>(Func<T>? factory, Func<T, IDictionary<string, JToken>> extension, ModelSlot[] slots)
        where T : class =>
        new(typeof(T), factory, model => extension((T)model), slots);

    /// <summary>The plan of a model that extends <paramref name="basePlan"/>'s model: its fields come after the base's.</summary>
    public static ModelPlan Create<T>(Func<T>? factory, ModelPlan basePlan, ModelSlot[] slots)
        where T : class =>
        new(typeof(T), factory, basePlan._extension, [.. basePlan._slots, .. slots]);

    /// <summary>A new, empty instance of the model (for a documented success without a body); null for an abstract model.</summary>
    public object? CreateEmpty() => _factory?.Invoke();

    /// <summary>The plan a type declares, or <see langword="null"/> for a type that is not a generated model.</summary>
    public static ModelPlan? Of(Type type) =>
        type.IsClass && type.Assembly == typeof(ModelPlan).Assembly
            ? type.GetField(FieldName, BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)?.GetValue(null) as ModelPlan
            : null;

    /// <summary>
    /// Reads an object; the reader is on its <c>{</c> and ends on its <c>}</c>. Returns <see langword="null"/> when
    /// no instance can be made (an abstract model whose discriminator names no known subtype), without moving the reader.
    /// </summary>
    public object? Read(ref Utf8JsonReader reader, ReadContext context)
    {
        var plan = this;
        if (!_discriminatorResolved)
        {
            _discriminator = Discriminator.For(ModelType);
            _discriminatorResolved = true;
        }

        if (_discriminator is not null)
        {
            plan = _discriminator.Choose(reader) ?? this;
        }

        if (plan._factory is null)
        {
            return null;
        }

        var model = plan._factory();
        var slots = plan._slots;
        var next = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            // Servers send fields in a stable order, so the field after the last one matched is tried first.
            var slot = Find(ref reader, slots, ref next);
            if (slot is null)
            {
                var name = reader.GetString()!;
                reader.Read();
                context.Enter(name);
                _extension(model)[name] = RawJson.Read(ref reader);
                context.Leave();
                continue;
            }

            reader.Read();
            context.Enter(slot.WireName);
            if (!slot.TryRead(ref reader, context, model, out var raw))
            {
                _extension(model)[slot.WireName] = raw!;
                context.Mismatch(slot.DeclaringType, slot.PropertyName, slot.WireName, slot.ValueType, RawJson.Kind(raw!));
            }

            context.Leave();
        }

        return model;
    }

    private static ModelSlot? Find(ref Utf8JsonReader reader, ModelSlot[] slots, ref int next)
    {
        for (var i = next; i < slots.Length; i++)
        {
            if (reader.ValueTextEquals(slots[i].Utf8Name))
            {
                next = i + 1;
                return slots[i];
            }
        }

        for (var i = 0; i < next && i < slots.Length; i++)
        {
            if (reader.ValueTextEquals(slots[i].Utf8Name))
            {
                next = i + 1;
                return slots[i];
            }
        }

        return null;
    }

    /// <summary>A polymorphic base: the subtype is chosen by the value of one property, as the spec's mapping says.</summary>
    private sealed class Discriminator
    {
        private readonly byte[] _property;
        private readonly Dictionary<string, Type> _types;
        private readonly Dictionary<Type, ModelPlan?> _plans = [];

        private Discriminator(string property, Dictionary<string, Type> types)
        {
            _property = Encoding.UTF8.GetBytes(property);
            _types = types;
        }

        public static Discriminator? For(Type type)
        {
            var converter = type.GetCustomAttribute<Newtonsoft.Json.JsonConverterAttribute>(inherit: false);
            var values = type.GetCustomAttributes<DiscriminatorValueAttribute>(inherit: false).ToList();
            if (converter?.ConverterType != typeof(DiscriminatorConverter) || converter.ConverterParameters is not { Length: 1 } parameters || parameters[0] is not string property || values.Count == 0)
            {
                return null;
            }

            return new Discriminator(property, values.ToDictionary(v => v.Value, v => v.Type, StringComparer.Ordinal));
        }

        /// <summary>Looks ahead (on a copy of the reader) for the discriminator and returns the subtype's plan.</summary>
        public ModelPlan? Choose(Utf8JsonReader lookahead)
        {
            var depth = lookahead.CurrentDepth;
            while (lookahead.Read() && lookahead.CurrentDepth > depth)
            {
                if (lookahead.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var match = lookahead.ValueTextEquals(_property);
                lookahead.Read();
                if (match && lookahead.TokenType == JsonTokenType.String && _types.TryGetValue(lookahead.GetString()!, out var type))
                {
                    lock (_plans)
                    {
                        if (!_plans.TryGetValue(type, out var plan))
                        {
                            _plans[type] = plan = Of(type);
                        }

                        return plan;
                    }
                }

                lookahead.Skip();
            }

            return null;
        }
    }
}

/// <summary>One property of a model: its JSON name, its type's reader and its setter.</summary>
internal abstract class ModelSlot
{
    protected ModelSlot(string wireName, string propertyName)
    {
        WireName = wireName;
        PropertyName = propertyName;
        Utf8Name = Encoding.UTF8.GetBytes(wireName);
    }

    /// <summary>The JSON name.</summary>
    public string WireName { get; }

    /// <summary>The JSON name in UTF-8, compared with the document's names without decoding them.</summary>
    public byte[] Utf8Name { get; }

    /// <summary>The C# property.</summary>
    public string PropertyName { get; }

    /// <summary>The model that declares the property.</summary>
    public abstract Type DeclaringType { get; }

    /// <summary>The property's type.</summary>
    public abstract Type ValueType { get; }

    /// <summary>Creates a slot (called from the generated plans).</summary>
    public static ModelSlot Create<TModel, TValue>(string wireName, string propertyName, Action<TModel, TValue> set)
        where TModel : class =>
        new ModelSlot<TModel, TValue>(wireName, propertyName, set);

    /// <summary>Reads the value under the reader into the model; <see langword="false"/> with the raw value when it does not fit.</summary>
    public abstract bool TryRead(ref Utf8JsonReader reader, ReadContext context, object model, out JToken? raw);
}

internal sealed class ModelSlot<TModel, TValue>(string wireName, string propertyName, Action<TModel, TValue> set) : ModelSlot(wireName, propertyName)
    where TModel : class
{
    public override Type DeclaringType => typeof(TModel);

    public override Type ValueType => typeof(TValue);

    public override bool TryRead(ref Utf8JsonReader reader, ReadContext context, object model, out JToken? raw)
    {
        // The reader is looked up on first use, so that a plan never pulls in the readers of types it does not meet.
        if (!ValueReader<TValue>.Instance.TryRead(ref reader, context, out var value, out raw))
        {
            return false;
        }

        set((TModel)model, value);
        return true;
    }
}
