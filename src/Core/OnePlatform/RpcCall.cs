using System.Text;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>Which argument shape a procedure is sent with.</summary>
public enum ArgumentForm
{
    /// <summary>The form the current API documentation describes (the default).</summary>
    Documented,

    /// <summary>The deprecated form pyonep 0.13.8 sends (e.g. <c>create [type, desc]</c>, <c>write [R, v, {}]</c>).</summary>
    Pyonep,
}

/// <summary>
/// A description of one One Platform call: the procedure, its JSON arguments and how to read its answer.
/// Made by the builders in <see cref="TimeSeries"/>, <see cref="Resources"/>, <see cref="Aliases"/>,
/// <see cref="SharesAndKeys"/> and <see cref="Annotations"/>; sent, alone or batched, by <see cref="RpcBatch"/>.
/// </summary>
/// <typeparam name="T">The typed result.</typeparam>
public sealed class RpcCall<T>
{
    private readonly Func<RpcAnswer, Either<ApiError, T>> parse;

    internal RpcCall(
        string procedure,
        ReadOnlyMemory<byte> arguments,
        Func<RpcAnswer, Either<ApiError, T>> parse,
        bool readOnly
    )
    {
        Procedure = procedure;
        Arguments = arguments;
        this.parse = parse;
        IsReadOnly = readOnly;
    }

    /// <summary>The wire procedure name, e.g. <c>read</c>.</summary>
    public string Procedure { get; }

    /// <summary>The <c>arguments</c> array, as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Arguments { get; }

    /// <summary>The <c>arguments</c> array as JSON text.</summary>
    public string ArgumentsJson => Encoding.UTF8.GetString(Arguments.Span);

    /// <summary>True when the call only reads (safe to resend if its answer is lost).</summary>
    public bool IsReadOnly { get; }

    /// <summary>Reads this call's answer into the typed result. Never throws.</summary>
    public Either<ApiError, T> Parse(RpcAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return parse(answer);
        }
        catch (Exception ex)
            when (ex
                    is InvalidOperationException
                        or FormatException
                        or JsonException
                        or KeyNotFoundException
            )
        {
            return new ApiError.MalformedResponse($"a valid result for {Procedure}", ex.Message);
        }
    }

    /// <summary>A call with the same request whose result is transformed by <paramref name="f"/>.</summary>
    public RpcCall<U> Map<U>(Func<T, U> f) =>
        new(Procedure, Arguments, a => parse(a).Map(f), IsReadOnly);

    /// <summary>A call with the same request whose result is <c>object</c> (for batches of mixed calls).</summary>
    public RpcCall<object> Boxed() =>
        new(Procedure, Arguments, a => parse(a).Map(v => (object)v!), IsReadOnly);

    /// <summary>
    /// The procedure and the size of its arguments, not the arguments themselves: they may hold a credential
    /// (the code given to <c>revoke</c> or <c>activate</c>, a share code). Use <see cref="ArgumentsJson"/> to see them.
    /// </summary>
    public override string ToString() =>
        $"{Procedure} ({Arguments.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes of arguments)";
}

/// <summary>Constructors of <see cref="RpcCall{T}"/> for the procedure builders.</summary>
internal static class RpcCall
{
    public static RpcCall<T> Create<T>(
        string procedure,
        Action<Utf8JsonWriter> writeArguments,
        Func<RpcAnswer, Either<ApiError, T>> parse,
        bool readOnly = false
    ) => new(procedure, Json.WriteArray(writeArguments), parse, readOnly);

    /// <summary>
    /// Like <see cref="Create{T}(string, Action{Utf8JsonWriter}, Func{RpcAnswer, Either{ApiError, T}}, bool)"/>, but
    /// the arguments are written from <paramref name="state"/> by a (static) writer, so a builder needs no closure.
    /// </summary>
    public static RpcCall<T> Create<TState, T>(
        string procedure,
        TState state,
        Action<Utf8JsonWriter, TState> writeArguments,
        Func<RpcAnswer, Either<ApiError, T>> parse,
        bool readOnly = false
    ) =>
        new(
            procedure,
            Json.Write(
                (state, writeArguments),
                static (w, s) =>
                {
                    w.WriteStartArray();
                    s.writeArguments(w, s.state);
                    w.WriteEndArray();
                }
            ),
            parse,
            readOnly
        );

    /// <summary>A call whose success has no result: gives <see cref="Unit"/>.</summary>
    public static RpcCall<Unit> NoResult(string procedure, Action<Utf8JsonWriter> writeArguments) =>
        Create(procedure, writeArguments, OkToUnit);

    /// <summary>A call whose success has no result, its arguments written from <paramref name="state"/>.</summary>
    public static RpcCall<Unit> NoResult<TState>(
        string procedure,
        TState state,
        Action<Utf8JsonWriter, TState> writeArguments
    ) => Create(procedure, state, writeArguments, OkToUnit);

    private static Either<ApiError, Unit> OkToUnit(RpcAnswer answer) =>
        answer.IsOk ? Right<ApiError, Unit>(unit) : Left<ApiError, Unit>(answer.ToError());
}
