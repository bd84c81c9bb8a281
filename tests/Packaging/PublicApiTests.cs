using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Functional.Tests.Packaging;

/// <summary>
/// The public surface (public and protected types and members) of each published library, compared with the
/// committed baseline in <c>api/&lt;assembly&gt;.txt</c> at the repository root. A change to the public API shows up
/// as a readable diff; accept it by running these tests with <c>UPDATE_API_BASELINE=1</c>, which rewrites the files.
/// </summary>
public class PublicApiTests
{
    private const string UpdateVariable = "UPDATE_API_BASELINE";

    private static string RepoRoot([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Functional.sln not found");
    }

    [Theory]
    [InlineData("Functional.Core")]
    [InlineData("Functional.Facade")]
    [InlineData("Functional.Emulators")]
    [InlineData("Functional.Extensions")]
    public void Public_api_matches_the_committed_baseline(string assemblyName)
    {
        var actual = PublicApi.Describe(Assembly.Load(assemblyName));
        var file = Path.Combine(RepoRoot(), "api", assemblyName + ".txt");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, string.Join("\n", actual) + "\n");
            return;
        }
        var baseline = File.Exists(file)
            ? File.ReadAllText(file)
                .Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => l.Length > 0)
                .ToList()
            : [];
        var message = PublicApi.Diff(baseline, actual);
        Assert.True(
            message.Length == 0,
            $"The public API of {assemblyName} differs from {file}:\n{message}\n"
                + $"If the change is intended, accept it by running the tests with {UpdateVariable}=1 "
                + "(which rewrites the baseline files), review the diff and commit the files."
        );
    }

    [Fact]
    public void The_comparison_reports_added_and_removed_lines()
    {
        var message = PublicApi.Diff(["type A", "type B"], ["type B", "type C"]);
        Assert.Contains("- type A", message, StringComparison.Ordinal);
        Assert.Contains("+ type C", message, StringComparison.Ordinal);
        Assert.DoesNotContain("type B", message, StringComparison.Ordinal);
        Assert.Equal("", PublicApi.Diff(["type A"], ["type A"]));
    }

    [Fact]
    public void Signatures_show_nullability_constraints_and_defaults()
    {
        var lines = PublicApi.DescribeType(typeof(Sample<>));
        Assert.Contains(
            "class Functional.Tests.Packaging.PublicApiTests.Sample<T> where T : class, System.IDisposable",
            lines
        );
        Assert.Contains(
            "method Functional.Tests.Packaging.PublicApiTests.Sample<T>.Find(string? key, int limit = 3) : "
                + "System.Collections.Generic.List<T?>",
            lines
        );
        Assert.Contains(
            "property Functional.Tests.Packaging.PublicApiTests.Sample<T>.Name : string { get; init; }",
            lines
        );
        Assert.Contains(
            "method Functional.Tests.Packaging.PublicApiTests.Sample<T>.Hidden() : void [protected]",
            lines
        );
        Assert.DoesNotContain(lines, l => l.Contains("Secret", StringComparison.Ordinal));
    }

    /// <summary>A type whose signatures the formatter is checked against.</summary>
    public class Sample<T>
        where T : class, IDisposable
    {
        public string Name { get; init; } = "";

        public List<T?> Find(string? key, int limit = 3) => key is null ? [] : new(limit);

        protected void Hidden() { }

        internal void Secret() { }
    }
}

/// <summary>Lists an assembly's public surface as stable, sorted, human-readable lines.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared =
        BindingFlags.Public
        | BindingFlags.NonPublic
        | BindingFlags.Instance
        | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    public static List<string> Describe(Assembly assembly) =>
        assembly
            .GetTypes()
            .Where(IsVisible)
            .Where(t => !IsUnspeakable(t.Name))
            .SelectMany(DescribeType)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Diff(IReadOnlyList<string> baseline, IReadOnlyList<string> actual)
    {
        var before = baseline.ToHashSet(StringComparer.Ordinal);
        var after = actual.ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var removed in baseline.Where(l => !after.Contains(l)))
        {
            text.Append("- ").Append(removed).Append('\n');
        }
        foreach (var added in actual.Where(l => !before.Contains(l)))
        {
            text.Append("+ ").Append(added).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Whether code outside the assembly can see the type (public, or protected inside a visible type).</summary>
    private static bool IsVisible(Type t) =>
        t.IsPublic
        || (
            t.IsNested
            && (t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem)
            && IsVisible(t.DeclaringType!)
        );

    private static bool IsUnspeakable(string name) => name.Contains('<', StringComparison.Ordinal);

    private static bool IsVisible(MethodBase? m) =>
        m is not null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

    private static bool IsVisible(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

    private static string Access(MethodBase m) => m.IsPublic ? "" : " [protected]";

    public static List<string> DescribeType(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var name = TypeName(type);
        var lines = new List<string> { TypeHeader(type) };

        if (type.IsEnum)
        {
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                lines.Add(
                    $"enum-value {name}.{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}"
                );
            }
            return lines;
        }
        if (typeof(Delegate).IsAssignableFrom(type.BaseType) && type != typeof(MulticastDelegate))
        {
            var invoke = type.GetMethod("Invoke")!;
            lines[0] += $"({Parameters(invoke, nullability)}) : {Return(invoke, nullability)}";
            return lines;
        }

        foreach (var c in type.GetConstructors(Declared).Where(IsVisible))
        {
            lines.Add($"constructor {name}({Parameters(c, nullability)}){Access(c)}");
        }
        foreach (
            var f in type.GetFields(Declared).Where(IsVisible).Where(f => !IsUnspeakable(f.Name))
        )
        {
            var modifiers =
                f.IsLiteral ? "const "
                : f.IsStatic && f.IsInitOnly ? "static readonly "
                : f.IsStatic ? "static "
                : f.IsInitOnly ? "readonly "
                : "";
            var value = f.IsLiteral ? " = " + Literal(f.GetRawConstantValue()) : "";
            lines.Add(
                $"field {modifiers}{name}.{f.Name} : {TypeName(f.FieldType, nullability.Create(f))}{value}{(f.IsPublic ? "" : " [protected]")}"
            );
        }
        foreach (var p in type.GetProperties(Declared).Where(p => !IsUnspeakable(p.Name)))
        {
            var getter = IsVisible(p.GetMethod) ? p.GetMethod : null;
            var setter = IsVisible(p.SetMethod) ? p.SetMethod : null;
            var any = getter ?? setter;
            if (any is null)
            {
                continue;
            }
            var accessors = new List<string>();
            if (getter is not null)
            {
                accessors.Add("get" + (getter.IsPublic ? "" : " [protected]"));
            }
            if (setter is not null)
            {
                var init = setter
                    .ReturnParameter.GetRequiredCustomModifiers()
                    .Contains(typeof(IsExternalInit));
                accessors.Add((init ? "init" : "set") + (setter.IsPublic ? "" : " [protected]"));
            }
            var indexes = p.GetIndexParameters();
            var indexText =
                indexes.Length == 0
                    ? ""
                    : "[" + string.Join(", ", indexes.Select(i => Parameter(i, nullability))) + "]";
            lines.Add(
                $"property {Modifiers(any)}{name}.{p.Name}{indexText} : {TypeName(p.PropertyType, nullability.Create(p))} {{ {string.Join("; ", accessors)}; }}"
            );
        }
        foreach (var e in type.GetEvents(Declared).Where(e => IsVisible(e.AddMethod)))
        {
            lines.Add(
                $"event {Modifiers(e.AddMethod!)}{name}.{e.Name} : {TypeName(e.EventHandlerType!, nullability.Create(e))}{Access(e.AddMethod!)}"
            );
        }
        foreach (
            var m in type.GetMethods(Declared)
                .Where(IsVisible)
                .Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !IsUnspeakable(m.Name))
        )
        {
            var generic = m.IsGenericMethodDefinition
                ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">"
                : "";
            var constraints = string.Concat(
                m.GetGenericArguments().Select(a => Constraints(a)).Where(c => c.Length > 0)
            );
            lines.Add(
                $"method {Modifiers(m)}{name}.{m.Name}{generic}({Parameters(m, nullability)}) : {Return(m, nullability)}{constraints}{Access(m)}"
            );
        }
        return lines;
    }

    private static string TypeHeader(Type type)
    {
        var kind =
            type.IsInterface ? "interface"
            : type.IsEnum ? "enum"
            : type.IsValueType
                ? (
                    type.GetMethod("<Clone>$") is not null || HasEqualityContract(type)
                        ? "record struct"
                        : "struct"
                )
            : typeof(Delegate).IsAssignableFrom(type.BaseType) ? "delegate"
            : type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
                ? "record"
            : "class";
        var modifiers =
            type.IsInterface || type.IsEnum || type.IsValueType || kind == "delegate" ? ""
            : type.IsAbstract && type.IsSealed ? "static "
            : type.IsAbstract ? "abstract "
            : type.IsSealed ? "sealed "
            : "";
        var text = new StringBuilder($"{modifiers}{kind} {TypeName(type)}");
        if (kind == "delegate")
        {
            return text.ToString();
        }
        var bases = new List<string>();
        if (
            type.BaseType is not null
            && type.BaseType != typeof(object)
            && type.BaseType != typeof(ValueType)
            && type.BaseType != typeof(Enum)
        )
        {
            bases.Add(TypeName(type.BaseType));
        }
        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(
            type.GetInterfaces()
                .Where(i => !inherited.Contains(i))
                .Where(i => i.IsPublic || i.IsNestedPublic)
                .Select(i => TypeName(i))
                .Order(StringComparer.Ordinal)
        );
        if (bases.Count > 0)
        {
            text.Append(" : ").Append(string.Join(", ", bases));
        }
        if (type.IsGenericTypeDefinition)
        {
            foreach (var a in type.GetGenericArguments().Where(a => a.DeclaringType == type))
            {
                text.Append(Constraints(a));
            }
        }
        return text.ToString();
    }

    private static bool HasEqualityContract(Type type) =>
        type.GetProperty("EqualityContract", Declared) is not null;

    private static string Modifiers(MethodInfo m)
    {
        if (m.IsStatic)
        {
            return m.IsAbstract ? "static abstract " : "static ";
        }
        if (m.DeclaringType!.IsInterface)
        {
            return m.IsAbstract ? "" : "virtual ";
        }
        if (m.IsAbstract)
        {
            return "abstract ";
        }
        if (m.IsVirtual && m.GetBaseDefinition() != m)
        {
            return m.IsFinal ? "sealed override " : "override ";
        }
        return m.IsVirtual && !m.IsFinal ? "virtual " : "";
    }

    private static string Constraints(Type argument)
    {
        var parts = new List<string>();
        var attributes = argument.GenericParameterAttributes;
        var isStruct = attributes.HasFlag(
            GenericParameterAttributes.NotNullableValueTypeConstraint
        );
        if (isStruct)
        {
            parts.Add("struct");
        }
        else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
        {
            parts.Add("class");
        }
        parts.AddRange(
            argument
                .GetGenericParameterConstraints()
                .Where(c => c != typeof(ValueType))
                .Select(c => TypeName(c))
                .Order(StringComparer.Ordinal)
        );
        if (
            attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !isStruct
        )
        {
            parts.Add("new()");
        }
        return parts.Count == 0 ? "" : $" where {argument.Name} : {string.Join(", ", parts)}";
    }

    private static string Parameters(MethodBase m, NullabilityInfoContext nullability)
    {
        var extension = m.IsDefined(typeof(ExtensionAttribute), false);
        return string.Join(
            ", ",
            m.GetParameters()
                .Select((p, i) => (extension && i == 0 ? "this " : "") + Parameter(p, nullability))
        );
    }

    private static string Parameter(ParameterInfo p, NullabilityInfoContext nullability)
    {
        var type = p.ParameterType;
        var prefix = "";
        if (type.IsByRef)
        {
            prefix =
                p.IsOut ? "out "
                : p.IsIn ? "in "
                : "ref ";
        }
        if (p.IsDefined(typeof(ParamArrayAttribute), false))
        {
            prefix += "params ";
        }
        var text = $"{prefix}{TypeName(type, nullability.Create(p))} {p.Name}";
        if (p.HasDefaultValue)
        {
            text += " = " + Literal(p.RawDefaultValue);
        }
        return text;
    }

    private static string Return(MethodInfo m, NullabilityInfoContext nullability) =>
        TypeName(m.ReturnType, nullability.Create(m.ReturnParameter));

    private static string Literal(object? value) =>
        value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            char c => "'" + c + "'",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
    };

    /// <summary>A C#-like full type name; with nullability information, reference types read <c>T?</c> where nullable.</summary>
    private static string TypeName(Type type, NullabilityInfo? nullability = null)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!, nullability);
        }
        var nullable =
            nullability is not null
            && !type.IsValueType
            && (
                nullability.ReadState == NullabilityState.Nullable
                || (
                    nullability.ReadState == NullabilityState.Unknown
                    && nullability.WriteState == NullabilityState.Nullable
                )
            )
                ? "?"
                : "";
        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return TypeName(type.GetElementType()!, nullability?.ElementType)
                + "["
                + new string(',', rank - 1)
                + "]"
                + nullable;
        }
        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!) + "*";
        }
        if (type.IsGenericParameter)
        {
            return type.Name + nullable;
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        }
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + nullable;
        }
        var arguments = type.GetGenericArguments();
        var name = new StringBuilder();
        // Nested types: each level gets the generic arguments it declares.
        var chain = new List<Type>();
        for (
            var t = type;
            t is not null;
            t = t.IsNested && !t.IsGenericParameter ? t.DeclaringType : null
        )
        {
            chain.Insert(0, t);
        }
        name.Append(chain[0].Namespace is { Length: > 0 } ns ? ns + "." : "");
        var used = 0;
        foreach (var level in chain)
        {
            if (level != chain[0])
            {
                name.Append('.');
            }
            var plain = level.Name;
            var tick = plain.IndexOf('`', StringComparison.Ordinal);
            if (tick >= 0)
            {
                plain = plain[..tick];
            }
            name.Append(plain);
            var count = level.GetGenericArguments().Length - used;
            if (count > 0)
            {
                name.Append('<');
                for (var i = used; i < used + count; i++)
                {
                    if (i > used)
                    {
                        name.Append(", ");
                    }
                    var argumentNullability =
                        nullability is not null && i < nullability.GenericTypeArguments.Length
                            ? nullability.GenericTypeArguments[i]
                            : null;
                    name.Append(TypeName(arguments[i], argumentNullability));
                }
                name.Append('>');
                used += count;
            }
        }
        return name + nullable;
    }
}
