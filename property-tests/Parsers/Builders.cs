using System.Reflection;
using System.Text.Json;
using Functional.Core.Provisioning;
using Functional.Core.Sis;

namespace Functional.PropertyTests.Parsers;

/// <summary>One public builder of Core, found by reflection, shown as <c>Class.Method(parameter types)</c>.</summary>
/// <param name="Method">The builder.</param>
public sealed record Builder(MethodInfo Method)
{
    /// <summary>The type the built call or effect gives (T of RpcCall&lt;T&gt; or HttpEffect&lt;T&gt;).</summary>
    public Type ResultType => Method.ReturnType.GetGenericArguments()[1].GetGenericArguments()[0];

    public override string ToString() =>
        $"{Method.DeclaringType!.Name}.{Method.Name}({string.Join(", ", Method.GetParameters().Select(p => Builders.Short(p.ParameterType)))})";
}

/// <summary>
/// Every public builder of Core, found by reflection so a new one is not forgotten, and valid arguments for each
/// from a table of parameter types (a builder with a parameter type the table does not know fails the coverage
/// properties, naming it).
/// </summary>
public static class Builders
{
    private const string Hex = "0123456789abcdef0123456789abcdef01234567";
    private const string Hex2 = "fedcba9876543210fedcba9876543210fedcba98";

    private static readonly Assembly Core = typeof(ApiError).Assembly;

    /// <summary>The builders in <paramref name="ns"/> whose return type is <c>Validation&lt;ApiError, W&lt;T&gt;&gt;</c>.</summary>
    private static Builder[] Find(string ns, Type wrapper) =>
        Core.GetExportedTypes()
            .Where(t => t.Namespace == ns && t.IsAbstract && t.IsSealed) // static classes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m =>
                !m.IsGenericMethodDefinition
                && m.ReturnType.IsGenericType
                && m.ReturnType.GetGenericTypeDefinition() == typeof(Validation<,>)
                && m.ReturnType.GetGenericArguments()[0] == typeof(ApiError)
                && m.ReturnType.GetGenericArguments()[1] is { IsGenericType: true } inner
                && inner.GetGenericTypeDefinition() == wrapper
            )
            .Select(m => new Builder(m))
            .OrderBy(b => b.ToString(), StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every One Platform call builder (TimeSeries, Resources, Aliases, SharesAndKeys, Annotations, ...).</summary>
    public static Builder[] OnePlatform { get; } =
        Find("Functional.Core.OnePlatform", typeof(RpcCall<>))
            .Where(b => b.Method.DeclaringType != typeof(RpcBatch))
            .ToArray();

    /// <summary>Every Provisioning builder (Content, Device, Groups, Models, SerialNumbers, Vendors, ...).</summary>
    public static Builder[] Provisioning { get; } =
        Find("Functional.Core.Provisioning", typeof(HttpEffect<>));

    /// <summary>Every SIS builder (Sis.*).</summary>
    public static Builder[] Sis { get; } = Find("Functional.Core.Sis", typeof(HttpEffect<>));

    internal static string Short(Type t) =>
        t.IsGenericType
            ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", t.GetGenericArguments().Select(Short))}>"
            : t.Name;

    private static JsonElement Element(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static object[] Of(params object[] values) => values;

    /// <summary>
    /// Valid values for one parameter, the first the most widely valid (it is used when a random pick is refused,
    /// e.g. the pyonep form with a client other than the caller). Null when the table does not know the type.
    /// </summary>
    public static object?[]? Candidates(ParameterInfo p)
    {
        var t = p.ParameterType;
        switch (p.Name)
        {
            case "contentType" when t == typeof(string):
                return Of("text/plain", "application/octet-stream");
            case "ttlSeconds" when t == typeof(long):
                return Of(60L, 1L, long.MaxValue);
            case "pageSize" when t == typeof(int):
                return Of(10, 1, 1000, 10000);
            case "user" when t == typeof(string):
                return Of("bob", Hex);
        }
        if (t == typeof(string))
            return Of(Hex, Hex2, "temp");
        if (t == typeof(bool))
            return Of(false, true);
        if (t == typeof(long))
            return Of(1L, 0L, 1_600_000_000L);
        if (t == typeof(int))
            return Of(1, 0, 100);
        if (t == typeof(TimeSpan))
            return Of(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
        if (t == typeof(DateTimeOffset))
            return Of(
                new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero),
                DateTimeOffset.UnixEpoch
            );
        if (t == typeof(ReadOnlyMemory<byte>))
            return Of(new ReadOnlyMemory<byte>([1, 2, 3]), ReadOnlyMemory<byte>.Empty);
        if (t.IsEnum)
            return Enum.GetValues(t).Cast<object>().ToArray();

        // One Platform
        if (t == typeof(ResourceId))
            return Of(ResourceId.Alias("temp"), ResourceId.Rid(Hex), ResourceId.Self);
        if (t == typeof(ReadOptions))
            return Of(
                ReadOptions.Latest,
                ReadOptions.Latest.WithLimit(10).WithSort(SortOrder.Ascending)
            );
        if (t == typeof(PointValue))
            return Of(PointValue.Of(1L), PointValue.Of(1.5), PointValue.Of("text"));
        if (t == typeof(Seq<(ResourceId Resource, PointValue Value)>))
            return Of(Seq1((ResourceId.Alias("temp"), PointValue.Of(1L))));
        if (t == typeof(Seq<(long Timestamp, PointValue Value)>))
            return Of(
                Seq1((1_600_000_000L, PointValue.Of(1L))),
                Seq((-5L, PointValue.Of("a")), (7L, PointValue.Of(2.5)))
            );
        if (t == typeof(Seq<(DateTimeOffset Time, PointValue Value)>))
            return Of(Seq1((DateTimeOffset.UnixEpoch.AddYears(50), PointValue.Of(1L))));
        if (t == typeof(FlushOptions))
            return Of(FlushOptions.All, new FlushOptions(Some(1L), Some(100L)));
        if (t == typeof(WaitOptions))
            return Of(WaitOptions.Default, new WaitOptions(Some(1000L), Some(5L)));
        if (t == typeof(ClientDescription))
            return Of(ClientDescription.Default);
        if (t == typeof(DataportDescription))
            return Of(
                DataportDescription.Of(DataFormat.Integer),
                DataportDescription.Of(DataFormat.String)
            );
        if (t == typeof(DataruleDescription))
            return Of(
                DataruleDescription.Of(
                    DataFormat.Float,
                    new DataruleRule.Simple(RuleComparison.Gt, 1.0)
                )
            );
        if (t == typeof(DispatchDescription))
            return Of(DispatchDescription.Of(DispatchMethod.Email, "someone@example.com"));
        if (t == typeof(CloneDescription))
            return Of(CloneDescription.FromRid(Hex));
        if (t == typeof(ResourceUpdate))
            return Of(ResourceUpdate.Empty with { Name = Some("n") });
        if (t == typeof(InfoOptions))
            return Of(
                InfoOptions.All,
                InfoOptions.OnlyBasic,
                InfoOptions.OnlyDescription,
                InfoOptions.OnlyKey
            );
        if (t == typeof(Seq<ResourceType>))
            return Of(
                Seq1(ResourceType.Dataport),
                Seq(
                    ResourceType.Client,
                    ResourceType.Dataport,
                    ResourceType.Datarule,
                    ResourceType.Dispatch
                )
            );
        if (t == typeof(ListingOptions))
            return Of(ListingOptions.Default, ListingOptions.Default with { Owned = true });
        if (t == typeof(ShareOptions))
            return Of(ShareOptions.Default);
        if (t == typeof(Map<string, Seq<string>>))
            return Of(Map((Hex, Seq1("read"))));
        if (t == typeof(Option<long>))
            return Of(Option<long>.None, Some(60L));

        // Provisioning
        if (t == typeof(ProvisioningAuth))
            return Of(ProvisioningAuth.Token(Hex), ProvisioningAuth.Cik(Hex2));
        if (t == typeof(ProvisioningPage))
            return Of(ProvisioningPage.Default, ProvisioningPage.Of(0, 10));
        if (t == typeof(Option<ByteRange>))
            return Of(
                Option<ByteRange>.None,
                Some(ByteRange.Between(0, 9)),
                Some(ByteRange.Last(5))
            );
        if (t == typeof(Option<string>))
            return Of(Option<string>.None, Some("x"));
        if (t == typeof(Seq<string>))
            return Of(Seq1(Hex), Seq("a", "b"));
        if (t == typeof(Seq<GroupMember>))
            return Of(Seq1(new GroupMember("sn", Hex, "", "")));
        if (t == typeof(Seq<GroupMemberRef>))
            return Of(Seq1(new GroupMemberRef("sn", Hex)));
        if (t == typeof(ModelTemplate))
            return Of(ModelTemplate.FromRid(Hex));
        if (t == typeof(ModelOptions))
            return Of(ModelOptions.Default);
        if (t == typeof(SerialNumberListOptions))
            return Of(SerialNumberListOptions.Default);
        if (t == typeof(Seq<SerialNumberEntry>))
            return Of(Seq1(new SerialNumberEntry("sn1", "")));
        if (t == typeof(Seq<SerialNumberRange>))
            return Of(Seq1(SerialNumberRange.Base10(1, 10, None)));

        // SIS
        if (t == typeof(SisSettings))
            return Of(
                SisSettings.Default,
                SisSettings.Default.WithAuthToken(Hex).WithKeepAlive(false)
            );
        if (t == typeof(SisEndpoint))
            return Of(SisEndpoint.Entities("things"), SisEndpoint.Hiera, SisEndpoint.Tokens("bob"));
        if (t == typeof(SisQuery))
            return Of(SisQuery.All);
        if (t == typeof(SisGetOptions))
            return Of(SisGetOptions.Default);
        if (t == typeof(SisUpdateOptions))
            return Of(SisUpdateOptions.Default);
        if (t == typeof(SisFilter))
            return Of(SisFilter.Eq("a", "b"));
        if (t == typeof(JsonElement))
            return Of(Element("""{"a":1}"""));
        if (t == typeof(Seq<JsonElement>))
            return Of(Seq1(Element("""{"a":1}""")));
        return null;
    }

    /// <summary>The first (most widely valid) arguments of <paramref name="builder"/>, or the unknown parameters.</summary>
    public static Either<string, object?[]> FirstArguments(Builder builder)
    {
        var ps = builder.Method.GetParameters();
        var unknown = ps.Where(p => Candidates(p) is null)
            .Select(p => $"{p.Name}: {Short(p.ParameterType)}")
            .ToArray();
        return unknown.Length > 0
            ? Left<string, object?[]>(
                $"{builder} has parameters the table does not know: {string.Join(", ", unknown)}"
            )
            : Right<string, object?[]>(ps.Select(p => Candidates(p)![0]).ToArray());
    }

    /// <summary>Random arguments from the table (each a valid value; the combination may still be refused).</summary>
    public static Gen<object?[]> Arguments(Builder builder)
    {
        var ps = builder.Method.GetParameters();
        return Gen.CollectToArray(
            ps.Select(p => Candidates(p) is { } c ? Gen.Elements(c) : Gen.Constant<object?>(null))
        );
    }

    /// <summary>Invokes the builder.</summary>
    public static object Invoke(Builder builder, object?[] arguments) =>
        builder.Method.Invoke(null, arguments)!;

    /// <summary>The builder's call, boxed, or the validation errors (One Platform).</summary>
    public static Validation<ApiError, RpcCall<object>> Call(
        Builder builder,
        object?[] arguments
    ) =>
        (Validation<ApiError, RpcCall<object>>)
            typeof(Builders)
                .GetMethod(nameof(BoxCall), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(builder.ResultType)
                .Invoke(null, [Invoke(builder, arguments)])!;

    /// <summary>The builder's effect, boxed, or the validation errors (Provisioning, SIS).</summary>
    public static Validation<ApiError, HttpEffect<object>> Effect(
        Builder builder,
        object?[] arguments
    ) =>
        (Validation<ApiError, HttpEffect<object>>)
            typeof(Builders)
                .GetMethod(nameof(BoxEffect), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(builder.ResultType)
                .Invoke(null, [Invoke(builder, arguments)])!;

    private static Validation<ApiError, RpcCall<object>> BoxCall<T>(
        Validation<ApiError, RpcCall<T>> built
    ) => built.Map(c => c.Boxed());

    private static Validation<ApiError, HttpEffect<object>> BoxEffect<T>(
        Validation<ApiError, HttpEffect<T>> built
    ) => built.Map(e => e.Select(v => (object)v!));

    /// <summary>Random arguments, falling back to the first ones when the random combination is refused.</summary>
    public static T Valid<T>(
        Builder builder,
        object?[] arguments,
        Func<Builder, object?[], Validation<ApiError, T>> build
    ) =>
        build(builder, arguments)
            .Match(
                v => v,
                _ =>
                    build(
                            builder,
                            FirstArguments(builder)
                                .Match(a => a, e => throw new InvalidOperationException(e))
                        )
                        .Match(
                            v => v,
                            e =>
                                throw new InvalidOperationException(
                                    $"{builder} refuses the table's first arguments: {string.Join("; ", e)}"
                                )
                        )
            );
}
