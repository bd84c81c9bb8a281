using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Functional.Core.Interpreter;
using Functional.Tests.Support;

namespace Functional.Tests.Conventions;

/// <summary>
/// Rules for Functional.Core's public API (immutable, F#-friendly, no secrets in text), checked by reflection.
/// Each detector is also run against a private type that breaks its rule, so a detector that finds nothing
/// cannot pass silently.
/// </summary>
public class PublicApiConventionTests
{
    private const BindingFlags Declared =
        BindingFlags.Public
        | BindingFlags.Instance
        | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    private static readonly Type[] CoreTypes = typeof(ApiError).Assembly.GetExportedTypes();

    private static readonly NullabilityInfoContext Nullability = new();

    // ---- detectors ---------------------------------------------------------------------------

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsRecord(Type t) =>
        t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static bool IsCompilerGenerated(MemberInfo m) =>
        m.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>Public properties with a public setter that is not <c>init</c>.</summary>
    internal static IEnumerable<string> MutableProperties(Type t) =>
        t.GetProperties(Declared)
            .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Select(p => $"{t.FullName}.{p.Name} has a public setter");

    /// <summary>Public fields that are neither <c>const</c> nor <c>readonly</c>.</summary>
    internal static IEnumerable<string> MutableFields(Type t) =>
        t.IsEnum
            ? []
            : t.GetFields(Declared)
                .Where(f => !f.IsLiteral && !f.IsInitOnly)
                .Select(f => $"{t.FullName}.{f.Name} is a mutable public field");

    /// <summary>Records must be sealed, or abstract with no public constructor (a closed family).</summary>
    internal static IEnumerable<string> OpenRecords(Type t)
    {
        if (!IsRecord(t))
            yield break;
        if (!t.IsSealed && !t.IsAbstract)
            yield return $"{t.FullName} is a record that is neither sealed nor abstract";
        if (
            t.IsAbstract
            && t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0
        )
            yield return $"{t.FullName} is an abstract record with a public constructor";
    }

    /// <summary>Public methods and constructors with <c>out</c> or <c>ref</c> parameters (record <c>Deconstruct</c> excepted).</summary>
    internal static IEnumerable<string> ByRefParameters(Type t) =>
        t.GetMethods(Declared)
            .Where(m => m.Name != "Deconstruct")
            .Cast<MethodBase>()
            .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
            .SelectMany(m =>
                m.GetParameters()
                    .Where(p => p.ParameterType.IsByRef && !p.IsIn)
                    .Select(p => $"{t.FullName}.{m.Name} has an out/ref parameter {p.Name}")
            );

    /// <summary>A reference type that is not a type parameter (whose nullability is the caller's choice).</summary>
    private static bool IsPlainReference(Type t) =>
        !t.IsValueType && !t.IsGenericParameter && t != typeof(void);

    /// <summary>Public methods and properties whose result is a reference annotated nullable (use Option instead).</summary>
    internal static IEnumerable<string> NullableResults(Type t) =>
        t.GetMethods(Declared)
            .Where(m => !m.IsSpecialName && IsPlainReference(m.ReturnType))
            .Where(m =>
                Nullability.Create(m.ReturnParameter).ReadState == NullabilityState.Nullable
            )
            .Select(m => $"{t.FullName}.{m.Name} returns a nullable reference")
            .Concat(
                t.GetProperties(Declared)
                    .Where(p =>
                        p.GetMethod is { IsPublic: true } && IsPlainReference(p.PropertyType)
                    )
                    .Where(p => Nullability.Create(p).ReadState == NullabilityState.Nullable)
                    .Select(p => $"{t.FullName}.{p.Name} is a nullable reference")
            );

    /// <summary>
    /// Types with a string-like property whose name says it holds a credential (key, CIK, token, code, secret,
    /// password) must write their own <c>ToString</c> (the record default prints every property).
    /// </summary>
    internal static IEnumerable<string> SecretsInDefaultText(Type t)
    {
        if (t.IsEnum || t.IsInterface || (t.IsAbstract && t.IsSealed))
            yield break;
        string[] words = ["key", "cik", "token", "code", "secret", "password"];
        var secretLike = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p =>
                p.PropertyType == typeof(string) || p.PropertyType == typeof(Option<string>)
            )
            .Where(p => words.Any(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name)
            .ToArray();
        if (secretLike.Length > 0 && !HasOwnToString(t))
            yield return $"{t.FullName} has {string.Join(", ", secretLike)} but prints them with the default ToString";
    }

    private static bool HasOwnToString(Type t)
    {
        for (var type = t; type is not null && type != typeof(object); type = type.BaseType)
        {
            var m = type.GetMethod("ToString", Declared & ~BindingFlags.Static, Type.EmptyTypes);
            if (m is not null && !IsCompilerGenerated(m))
                return true;
        }
        return false;
    }

    private static void AssertNone(Func<Type, IEnumerable<string>> rule)
    {
        var violations = CoreTypes.SelectMany(rule).ToArray();
        Assert.True(violations.Length == 0, string.Join(Environment.NewLine, violations));
    }

    // ---- the rules over Functional.Core -------------------------------------------------------

    [Fact]
    public void Core_is_not_empty()
    {
        Assert.Contains(typeof(RpcBatch), CoreTypes);
        Assert.Contains(typeof(ApiError.RpcGeneral), CoreTypes);
    }

    [Fact]
    public void Core_has_no_public_setters_except_init() => AssertNone(MutableProperties);

    [Fact]
    public void Core_has_no_mutable_public_fields() => AssertNone(MutableFields);

    [Fact]
    public void Core_records_are_sealed_or_closed_abstract_families() => AssertNone(OpenRecords);

    [Fact]
    public void Core_has_no_out_or_ref_parameters() => AssertNone(ByRefParameters);

    [Fact]
    public void Core_returns_no_nullable_references() => AssertNone(NullableResults);

    [Fact]
    public void Core_types_holding_credentials_write_their_own_text() =>
        AssertNone(SecretsInDefaultText);

    // ---- the detectors can fail ----------------------------------------------------------------

#pragma warning disable CA1051, CA1823, CS0649, IDE0044, CA1034, CA1852
    private sealed class Settable
    {
        public int Value { get; set; }
        public int Fine { get; init; }
    }

    private sealed class WithField
    {
        public int Counter;
        public readonly int Fine;
        public const int AlsoFine = 1;
        public static int Shared;
    }

    private record OpenRecord(int X);

    private abstract record OpenFamily
    {
        public OpenFamily() { }
    }

    private abstract record ClosedFamily
    {
        private ClosedFamily() { }

        public sealed record Case : ClosedFamily;
    }

    private sealed class ByRefs
    {
        public static bool TryGet(out int value)
        {
            value = 1;
            return true;
        }

        public static void Bump(ref int value) => value++;

        public static int Fine(in int value) => value;
    }

    private sealed class NullableResult
    {
        public string? Find() => null;

        public string? Name => null;

        public string NotNull() => "";

        public int? Number() => null;
    }

    private sealed record Leaky(string ApiKey, int Count);

    private sealed record Careful(string ApiKey)
    {
        public override string ToString() => "Careful(***)";
    }

    private sealed record Harmless(long Code, string Name);
#pragma warning restore CA1051, CA1823, CS0649, IDE0044, CA1034, CA1852

    [Fact]
    public void The_setter_detector_finds_a_public_setter_and_allows_init()
    {
        var found = MutableProperties(typeof(Settable)).ToArray();
        Assert.Single(found);
        Assert.Contains("Settable.Value", found[0], StringComparison.Ordinal);
        Assert.Empty(MutableProperties(typeof(ApiError.RpcGeneral)));
    }

    [Fact]
    public void The_field_detector_finds_mutable_fields_only()
    {
        var found = MutableFields(typeof(WithField)).ToArray();
        Assert.Equal(2, found.Length);
        Assert.Contains(
            found,
            f => f.EndsWith("Counter is a mutable public field", StringComparison.Ordinal)
        );
        Assert.Contains(
            found,
            f => f.EndsWith("Shared is a mutable public field", StringComparison.Ordinal)
        );
        Assert.Empty(MutableFields(typeof(RetrySafety)));
    }

    [Fact]
    public void The_record_detector_finds_open_records_and_public_family_constructors()
    {
        Assert.Single(OpenRecords(typeof(OpenRecord)));
        Assert.Single(OpenRecords(typeof(OpenFamily)));
        Assert.Empty(OpenRecords(typeof(ClosedFamily)));
        Assert.Empty(OpenRecords(typeof(ClosedFamily.Case)));
        Assert.Empty(OpenRecords(typeof(Settable)));
    }

    [Fact]
    public void The_byref_detector_finds_out_and_ref_but_not_in_or_deconstruct()
    {
        var found = ByRefParameters(typeof(ByRefs)).ToArray();
        Assert.Equal(2, found.Length);
        Assert.Contains(found, f => f.Contains("TryGet", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("Bump", StringComparison.Ordinal));
        Assert.Empty(ByRefParameters(typeof(OpenRecord)));
    }

    [Fact]
    public void The_nullable_detector_finds_nullable_references_only()
    {
        var found = NullableResults(typeof(NullableResult)).ToArray();
        Assert.Equal(2, found.Length);
        Assert.Contains(found, f => f.Contains(".Find returns", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains(".Name is", StringComparison.Ordinal));
    }

    [Fact]
    public void The_secret_text_detector_finds_default_record_text()
    {
        Assert.Single(SecretsInDefaultText(typeof(Leaky)));
        Assert.Contains(Rpc.Cik, new Leaky(Rpc.Cik, 1).ToString(), StringComparison.Ordinal);
        Assert.Empty(SecretsInDefaultText(typeof(Careful)));
        Assert.Empty(SecretsInDefaultText(typeof(Harmless)));
        Assert.Empty(SecretsInDefaultText(typeof(ApiError.HttpStatus)));
    }

    // ---- no secret in any text ---------------------------------------------------------------

    private const string Token = "7070707070707070707070707070707070707070";

    private static IEnumerable<object> ThingsHoldingSecrets()
    {
        yield return Auth.Cik(Rpc.Cik);
        yield return Auth.CikAsClient(Rpc.Cik, Rpc.Rid);
        yield return Auth.CikAsOwnerOf(Rpc.Cik, Rpc.Rid);
        yield return Auth.Token(Rpc.Cik);
        yield return Auth.TokenAsClient(Rpc.Cik, Rpc.Rid);
        yield return HttpHeader.Secret("X-Exosite-CIK", Rpc.Cik);
        var body = HttpBody.FromJson(
            Encoding.UTF8.GetBytes($$$"""{"auth":{"cik":"{{{Rpc.Cik}}}"}}""")
        );
        yield return body;
        yield return HttpBody.FromForm(Seq1(new QueryParam("cik", Rpc.Cik)));
        yield return HttpBody.FromBytes(Encoding.UTF8.GetBytes(Rpc.Cik), "text/plain");
        var request = HttpRequest
            .Create("POST", "/onep:v1/rpc/process")
            .WithHeader(HttpHeader.Secret("X-Exosite-CIK", Rpc.Cik))
            .WithBody(body);
        yield return request;
        var envelope = RpcBatch.Request(
            RpcEndpoint.Default,
            Auth.Cik(Rpc.Cik),
            Seq1((0L, Rpc.Valid(TimeSeries.Read(ResourceId.Self, ReadOptions.Latest))))
        );
        yield return envelope;
        yield return HttpEffect.Send(envelope, r => Right<ApiError, int>(r.Status));
        // A call whose arguments hold a credential (as revoke/activate do).
        yield return RpcServer.RawCall("revoke").Map(x => x);
        yield return RpcCall.Create<Unit>(
            "revoke",
            w =>
            {
                w.WriteStringValue("client");
                w.WriteStringValue(Rpc.Cik);
            },
            a => a.RequireOk().Map(_ => unit)
        );
        yield return new RpcAnswer(
            RpcCallId.Of(0),
            "info",
            Rpc.Element("\"ok\""),
            Some(Rpc.Element($$"""{"key":"{{Rpc.Cik}}"}""")),
            None
        );
        foreach (
            var auth in new[] { Auth.Cik(Rpc.Cik.ToUpperInvariant()), Auth.Token("x" + Token) }
        )
        {
            foreach (
                var error in Rpc.Errors(
                    RpcBatch.Send(RpcEndpoint.Default, auth, 0, Seq<RpcCall<Unit>>())
                )
            )
                yield return error;
        }
        yield return new ApiError.InvalidArguments(
            Rpc.Errors(Identifier.Validate("share.code", Rpc.Cik[..39], secret: true))
        );
        yield return new ApiError.Transport("reset", Some<Exception>(new IOException("x")), true);
        yield return new ApiError.RpcCall(RpcCallId.Of(1), "x", Rpc.Element("\"invalid\""), None);
        yield return new ApiError.HttpStatus(
            500,
            "Error",
            None,
            None,
            $$"""{"cik":"{{Rpc.Cik}}"}"""
        );
    }

    [Fact]
    public void No_text_of_anything_holding_a_secret_shows_it()
    {
        var things = ThingsHoldingSecrets().ToArray();
        Assert.True(things.Length > 20);
        foreach (var thing in things)
        {
            var text = thing.ToString() ?? "";
            Assert.False(
                text.Contains(Rpc.Cik, StringComparison.OrdinalIgnoreCase)
                    || text.Contains(Rpc.Cik[..39], StringComparison.OrdinalIgnoreCase)
                    || text.Contains(Token, StringComparison.OrdinalIgnoreCase),
                $"{thing.GetType().Name} shows a secret: {text}"
            );
            if (thing is ApiError error)
                Assert.DoesNotContain(Rpc.Cik, error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_secret_check_would_notice_a_leak()
    {
        // The same check on the JSON body itself must fail, or the test above proves nothing.
        var body = Rpc.BodyOf(
            RpcBatch.Request(
                RpcEndpoint.Default,
                Auth.Cik(Rpc.Cik),
                Seq1((0L, RpcServer.RawCall("x")))
            )
        );
        Assert.Contains(Rpc.Cik, body, StringComparison.Ordinal);
        Assert.Contains(
            Rpc.Cik,
            JsonSerializer.Serialize(new { Auth = Rpc.Cik }),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Interpreter_options_are_immutable_too()
    {
        Assert.Empty(MutableProperties(typeof(HttpInterpreterOptions)));
        var options = HttpInterpreterOptions.Default.WithTimeout(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(100), HttpInterpreterOptions.Default.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Timeout);
    }
}
