using System.Reflection;
using System.Reflection.Emit;
using MicroSpa.Web.Features.Charts;
using Microsoft.AspNetCore.Razor.Hosting;

namespace MicroSpa.Web.Tests.Architecture;

/// <summary>
/// Features never call each other (decisions 029, 035): no type in <c>Features.X</c> names a type of <c>Features.Y</c>, in its
/// signatures or in its method bodies (read from the IL, lambdas and async state machines included), and no compiled view in
/// <c>Features/X/Views</c> does either (its model, what it calls, what it injects); what several features use lives in
/// <c>Features.Shared</c>, which names no feature. Links between pages are addresses, not types.
/// </summary>
public sealed class FeatureBoundaryTests
{
    private const string Features = "MicroSpa.Web.Features.";
    private const string Shared = "Shared";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const string FeatureViews = "/Features/";

    /// <summary>Each compiled view's class and the file it was compiled from ("/Features/Charts/Views/Chart.cshtml").</summary>
    private static readonly Dictionary<Type, string> ViewFiles = typeof(Program).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
        .ToDictionary(v => v.Type, v => v.Identifier);

    /// <summary>
    /// The feature a type belongs to ("FrontDesk"): its namespace below Features, or for a compiled view (and the types the
    /// compiler nests in it) its folder below Features; null outside Features.
    /// </summary>
    private static string? FeatureOf(Type type)
    {
        if (ViewFiles.TryGetValue(Outer(type), out var file))
        {
            return file.StartsWith(FeatureViews, StringComparison.Ordinal) && file[FeatureViews.Length..].Split('/') is [var feature, _, ..] ? feature : null;
        }

        return type.Namespace is { } name && name.StartsWith(Features, StringComparison.Ordinal) ? name[Features.Length..].Split('.')[0] : null;
    }

    [Fact]
    public void No_feature_names_a_type_of_another_feature()
    {
        CrossingsOf(typeof(Program).Assembly).ShouldBeEmpty();
    }

    [Fact]
    public void The_check_reads_the_compiled_views_as_their_features()
    {
        // The chart page's view: found as a view of Charts, and its model seen among what it names.
        var chart = ViewFiles.Single(v => v.Value == "/Features/Charts/Views/Chart.cshtml").Key;

        FeatureOf(chart).ShouldBe("Charts");
        WithNested(chart).SelectMany(ReferencesOf).ShouldContain(typeof(ChartPage.Result));
    }

    [Fact]
    public void The_check_sees_a_call_made_inside_an_async_method_body()
    {
        // The reference is only inside the body of an async lambda, which the compiler puts in nested types.
        var seen = WithNested(typeof(Caller)).SelectMany(ReferencesOf).ToList();

        seen.ShouldContain(typeof(Target));
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested).Prepend(type);

    /// <summary>What the check must see named.</summary>
    private sealed class Target
    {
        public static Task<int> AnswerAsync() => Task.FromResult(42);
    }

    /// <summary>Names <see cref="Target"/> only inside the body of an async lambda.</summary>
    private sealed class Caller
    {
        public static Func<Task<int>> Later() => async () => await Target.AnswerAsync() + 1;
    }

    private static List<string> CrossingsOf(Assembly assembly) =>
        assembly.GetTypes()
            .Select(t => (Type: t, Feature: FeatureOf(t)))
            .Where(t => t.Feature is not null)
            .SelectMany(t => ReferencesOf(t.Type)
                .Select(r => (Target: r, Feature: FeatureOf(r)))
                .Where(r => r.Feature is not null && r.Feature != t.Feature && r.Feature != Shared)
                .Select(r => $"{t.Feature} → {r.Feature}: {NameOf(t.Type)} uses {Outer(r.Target).FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Type Outer(Type type) => type.DeclaringType is { } declaring ? Outer(declaring) : type;

    /// <summary>A type by its full name, a view by its file.</summary>
    private static string NameOf(Type type) => ViewFiles.GetValueOrDefault(Outer(type)) ?? Outer(type).FullName!;

    private static IEnumerable<Type> ReferencesOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            found.Add(baseType);
        }

        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetFields(all).Select(f => f.FieldType));
        found.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }

            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(BodyReferences(method));
        }

        return found.SelectMany(Unwrap).Distinct();
    }

    /// <summary>A type and what it is made of: element types (arrays, by-ref) and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsConstructedGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Every type, method and field token in the method's IL, as the types they belong to.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var code = il[position] == 0xFE ? unchecked((short)(0xFE00 | il[position + 1])) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[code];
            if (opCode.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                switch (member)
                {
                    case Type referenced:
                        yield return referenced;
                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType!;
                        yield return field.FieldType;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType!;
                        if (called is MethodInfo { ReturnType: var returned })
                        {
                            yield return returned;
                        }

                        if (called.IsGenericMethod)
                        {
                            foreach (var argument in called.GetGenericArguments())
                            {
                                yield return argument;
                            }
                        }

                        break;
                }
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }
    }
}
