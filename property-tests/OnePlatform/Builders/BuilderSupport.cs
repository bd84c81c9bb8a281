using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>
/// One generated builder argument: its value and either the JSON it must be sent as (valid) or the fields a builder
/// must name when rejecting it (invalid, <see cref="Bad"/> not empty).
/// </summary>
/// <typeparam name="T">The argument's type.</typeparam>
/// <param name="Value">The value given to the builder.</param>
/// <param name="Json">The JSON the value must be sent as (null is JSON null); meaningless when invalid.</param>
/// <param name="Shown">A short readable form for counterexamples.</param>
/// <param name="Bad">The fields the builder must name (empty: the argument is valid).</param>
public sealed record Arg<T>(T Value, JsonNode? Json, string Shown, string[] Bad)
{
    /// <summary>True when the argument is valid.</summary>
    public bool IsValid => Bad.Length == 0;

    /// <summary>A fresh copy of the expected JSON (a node can have only one parent).</summary>
    public JsonNode? J => Json?.DeepClone();

    /// <inheritdoc />
    public override string ToString() => Shown;
}

/// <summary>Constructors of <see cref="Arg{T}"/>.</summary>
public static class Arg
{
    public static Arg<T> Ok<T>(T value, JsonNode? json, string shown) =>
        new(value, json, shown, []);

    public static Arg<T> Bad<T>(T value, string shown, params string[] fields) =>
        new(value, null, shown, fields);

    /// <summary>Valid or invalid with equal odds.</summary>
    public static Gen<Arg<T>> Mixed<T>(Gen<Arg<T>> valid, Gen<Arg<T>> invalid) =>
        Gen.Frequency((1, valid), (1, invalid));

    /// <summary>Every bad field of the given arguments.</summary>
    public static string[] BadOf(params IEnumerable<string>[] bads) =>
        bads.SelectMany(b => b).ToArray();
}

/// <summary>A call a builder must accept, with the argument array it must send.</summary>
/// <param name="Shown">The inputs, for counterexamples.</param>
/// <param name="Procedure">The wire procedure.</param>
/// <param name="ReadOnly">Whether the call only reads.</param>
/// <param name="Build">Calls the builder.</param>
/// <param name="Expected">The arguments array, built from the typed inputs by the test.</param>
public sealed record ValidCase(
    string Shown,
    string Procedure,
    bool ReadOnly,
    Func<Validation<ApiError, RpcCall<Unit>>> Build,
    JsonArray Expected
)
{
    public override string ToString() => $"{Procedure} {Shown} => {Cut(Expected.ToJsonString())}";

    internal static string Cut(string s) =>
        s.Length <= 600 ? s : s[..600] + $"... ({s.Length} chars)";
}

/// <summary>A call a builder must reject, naming exactly <see cref="Bad"/>.</summary>
/// <param name="Shown">The inputs, for counterexamples.</param>
/// <param name="Build">Calls the builder.</param>
/// <param name="Bad">The fields the errors must name.</param>
public sealed record InvalidCase(
    string Shown,
    Func<Validation<ApiError, RpcCall<Unit>>> Build,
    string[] Bad
)
{
    public override string ToString() =>
        $"{Shown} (bad: {string.Join(", ", Bad.Distinct().Order(StringComparer.Ordinal))})";
}

/// <summary>Builds cases and checks them.</summary>
public static class BuilderCheck
{
    /// <summary>Forgets the result type (procedure and arguments are kept).</summary>
    public static Validation<ApiError, RpcCall<Unit>> Untyped<T>(
        Validation<ApiError, RpcCall<T>> v
    ) => v.Map(c => c.Map(_ => unit));

    public static ValidCase Valid<T>(
        string procedure,
        bool readOnly,
        Func<Validation<ApiError, RpcCall<T>>> build,
        JsonArray expected,
        params object?[] shown
    ) =>
        new(
            string.Join(" ", shown.Select(s => s?.ToString() ?? "null")),
            procedure,
            readOnly,
            () => Untyped(build()),
            expected
        );

    public static InvalidCase Invalid<T>(
        Func<Validation<ApiError, RpcCall<T>>> build,
        string[] bad,
        params object?[] shown
    ) =>
        new(
            string.Join(" ", shown.Select(s => s?.ToString() ?? "null")),
            () => Untyped(build()),
            bad
        );

    /// <summary>An array of the given nodes (each copied).</summary>
    public static JsonArray JArr(params JsonNode?[] items) =>
        new(items.Select(i => i?.DeepClone()).ToArray());

    /// <summary>The builder succeeds; procedure, read-only flag and decoded arguments are exactly as expected.</summary>
    public static void Succeeds(ValidCase c)
    {
        var call = c.Build()
            .Match(
                x => x,
                errors =>
                    throw new Xunit.Sdk.XunitException(
                        $"{c}: rejected with {string.Join("; ", errors.Map(e => e.Message))}"
                    )
            );
        Assert.Equal(c.Procedure, call.Procedure);
        Assert.Equal(c.ReadOnly, call.IsReadOnly);
        var sent = Decode(call.Arguments);
        Assert.True(
            JsonNode.DeepEquals(c.Expected, sent),
            $"{c}{Environment.NewLine}sent {ValidCase.Cut(call.ArgumentsJson)}"
        );
    }

    /// <summary>The builder fails without throwing, every error is an invalid argument, and the fields named are exactly the bad ones.</summary>
    public static void FailsNaming(InvalidCase c)
    {
        Assert.NotEmpty(c.Bad);
        Validation<ApiError, RpcCall<Unit>> result;
        try
        {
            result = c.Build();
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{c}: threw {ex.GetType().Name}: {ex.Message}");
        }
        var errors = result.Match(
            call =>
                throw new Xunit.Sdk.XunitException(
                    $"{c}: accepted, sending {call.Procedure} {ValidCase.Cut(call.ArgumentsJson)}"
                ),
            es => es.Bind(Flatten).ToArray()
        );
        Assert.All(errors, e => Assert.IsType<ApiError.InvalidArgument>(e));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Message)));
        var named = errors
            .Select(e => ((ApiError.InvalidArgument)e).Field)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        var expected = c.Bad.Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(
            expected.SequenceEqual(named),
            $"{c}{Environment.NewLine}named   [{string.Join(", ", named)}]{Environment.NewLine}expected [{string.Join(", ", expected)}]"
        );
    }

    private static Seq<ApiError> Flatten(ApiError e) =>
        e is ApiError.InvalidArguments many ? many.Errors.Bind(Flatten) : Seq1(e);

    /// <summary>
    /// Decodes the UTF-8 arguments strictly (standard JSON, no duplicate keys, top level an array) into nodes that
    /// compare by value with <see cref="JsonNode.DeepEquals"/>.
    /// </summary>
    public static JsonArray Decode(ReadOnlyMemory<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        return (JsonArray)Node(doc.RootElement)!;
    }

    private static JsonNode? Node(JsonElement e) =>
        e.ValueKind switch
        {
            JsonValueKind.Array => new JsonArray(e.EnumerateArray().Select(Node).ToArray()),
            JsonValueKind.Object => ObjectNode(e),
            JsonValueKind.String => JsonValue.Create(e.GetString()),
            JsonValueKind.Number => JsonValue.Create(e.Clone()),
            JsonValueKind.True => JsonValue.Create(true),
            JsonValueKind.False => JsonValue.Create(false),
            _ => null,
        };

    private static JsonObject ObjectNode(JsonElement e)
    {
        var o = new JsonObject();
        foreach (var p in e.EnumerateObject())
        {
            Assert.False(o.ContainsKey(p.Name), $"duplicate key \"{p.Name}\" in {e.GetRawText()}");
            o[p.Name] = Node(p.Value);
        }
        return o;
    }
}
