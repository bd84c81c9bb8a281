using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Functional.Core.Sis;

namespace Functional.PropertyTests.Facade;

/// <summary>A generated error, the secrets planted in it, and how it was built (for a readable counterexample).</summary>
/// <param name="Error">The error.</param>
/// <param name="Secrets">Every secret planted somewhere in it.</param>
public sealed record ErrorCase(ApiError Error, string[] Secrets)
{
    public override string ToString() =>
        $"{Error.GetType().Name} {{ {Describe(Error)} }} secrets=[{string.Join(", ", Secrets)}]";

    private static string Describe(ApiError e) =>
        e switch
        {
            ApiError.HttpStatus s =>
                $"Status={s.Status}, Reason={s.Reason}, Code={s.Code}, ServerMessage={s.ServerMessage}, Body={s.Body}",
            ApiError.Sis s =>
                $"Error={s.Detail.Error}, Code={s.Detail.Code}, HttpStatus={s.Detail.HttpStatus}, Body={s.Detail.Body}",
            ApiError.RpcNotSent n =>
                $"CallId={n.CallId}, Procedure={n.Procedure}, Cause={n.Cause.GetType().Name} {{ {Describe(n.Cause)} }}",
            ApiError.RpcCall c =>
                $"CallId={c.CallId}, Procedure={c.Procedure}, Status={c.Status.GetRawText()}, Detail={c.Detail}",
            ApiError.Transport t =>
                $"Description={t.Description}, Exception={t.Exception.Map(x => x.GetType().Name + ": " + x.Message)}, Maybe={t.RequestMayHaveBeenProcessed}",
            _ => e.Message,
        };
}

/// <summary>
/// Every case of the closed <see cref="ApiError"/> family, found by reflection, filled with random data through
/// its constructor (so a new case is generated without a change here, or fails the coverage test naming the
/// parameter type it needs). Secrets (40-hex CIKs, tokens, passwords, Basic auth headers) are planted in the
/// fields that hold what the server sent back: always in response bodies, and — when <c>echoes</c> is on — in
/// every text the server controls (its error text, message, reason, status...), as a server that echoes a
/// credential would.
/// </summary>
public static class ApiErrorCases
{
    /// <summary>The concrete cases of <see cref="ApiError"/>.</summary>
    public static Type[] Cases { get; } =
        typeof(ApiError)
            .GetNestedTypes(BindingFlags.Public)
            .Where(t => t.IsSubclassOf(typeof(ApiError)) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Cases the client makes itself (never from a server's answer): no echoed text in them.</summary>
    private static readonly string[] ClientMade =
    [
        nameof(ApiError.InvalidArgument),
        nameof(ApiError.InvalidArguments),
        nameof(ApiError.Transport),
        nameof(ApiError.Timeout),
        nameof(ApiError.Cancelled),
    ];

    private static readonly char[] HexDigits = "0123456789abcdef".ToCharArray();
    private const string PasswordChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&()_+-=[]{};'<>?";
    private const string TokenChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static Gen<string> Chars(string alphabet, int min, int max) =>
        Gen.Choose(min, max)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n))
            .Select(cs => new string(cs));

    /// <summary>A secret as the client holds it: a CIK, a token, a password, or a whole Basic auth header value.</summary>
    public static Gen<string> Secret { get; } =
        Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(HexDigits), 40).Select(cs => new string(cs)),
            Chars(TokenChars, 16, 64),
            Chars(PasswordChars, 8, 24),
            from user in Chars(TokenChars, 1, 10)
            from password in Chars(PasswordChars, 8, 20)
            select "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password))
        );

    /// <summary>Plain text that is not a secret (short words, punctuation, unicode).</summary>
    private static Gen<string> Plain { get; } =
        Gen.Choose(0, 4)
            .SelectMany(n =>
                Gen.ArrayOf(
                    Gen.Elements(
                        "not",
                        "found",
                        "bad",
                        "x",
                        "é",
                        "中",
                        ":",
                        " ",
                        "\"",
                        "{",
                        "}",
                        "401",
                        "ok",
                        "\n"
                    ),
                    n
                )
            )
            .Select(string.Concat);

    /// <summary>A text holding <paramref name="secret"/> as the server echoed it (maybe in another case).</summary>
    private static Gen<string> Holding(string secret) =>
        from before in Plain
        from variant in Gen.Elements(secret, secret.ToUpperInvariant(), secret.ToLowerInvariant())
        from after in Plain
        select before + variant + after;

    /// <summary>Builds one error of the given case; every planted secret is added to <paramref name="planted"/>.</summary>
    private sealed class Filler(bool echoes, List<string> planted)
    {
        public Gen<object?> Value(ParameterInfo p, Type caseType, bool echo, int depth)
        {
            var t = p.ParameterType;
            var isBody = p.Name == "Body";
            if (t == typeof(string))
                return Text(isBody || echo).Select(s => (object?)s);
            if (t == typeof(Option<string>))
                return Gen.OneOf(Gen.Constant(Option<string>.None), Text(echo).Select(Some))
                    .Select(o => (object?)o);
            if (t == typeof(int))
                return Gen.OneOf(
                        Gen.Elements(0, 400, 401, 403, 404, 409, 500, 503),
                        Gen.Choose(100, 599)
                    )
                    .Select(i => (object?)i);
            if (t == typeof(long))
                return Gen.Elements(-1L, 0L, 400L, 401L, 500L, 501L, long.MaxValue)
                    .Select(l => (object?)l);
            if (t == typeof(bool))
                return Gen.Elements(false, true).Select(b => (object?)b);
            if (t == typeof(TimeSpan))
                return Gen.Choose(0, 400_000).Select(ms => (object?)TimeSpan.FromMilliseconds(ms));
            if (t == typeof(RpcCallId))
                return Gen.OneOf(
                        Gen.Choose(0, 1000).Select(i => RpcCallId.Of(i)),
                        Text(echo).Select(RpcCallId.Of)
                    )
                    .Select(i => (object?)i);
            if (t == typeof(JsonElement))
                return Text(echo)
                    .SelectMany(s =>
                        Gen.Elements(
                            JsonSerializer.Serialize(s),
                            $"[[1,{JsonSerializer.Serialize(s)}]]",
                            "{\"x\":" + JsonSerializer.Serialize(s) + "}",
                            "null"
                        )
                    )
                    .Select(json => (object?)Element(json));
            if (t == typeof(Option<RpcErrorDetail>))
                return Gen.OneOf(
                        Gen.Constant(Option<RpcErrorDetail>.None),
                        from code in Gen.Elements(0L, 401L, 501L)
                        from message in Text(echo)
                        from context in Gen.OneOf(
                            Gen.Constant(Option<string>.None),
                            Text(echo).Select(Some)
                        )
                        select Some(new RpcErrorDetail(code, message, context))
                    )
                    .Select(o => (object?)o);
            if (t == typeof(SisError))
                return (
                    from error in Text(echo)
                    from code in Gen.OneOf(
                        Gen.Constant(Option<int>.None),
                        Gen.Elements(1000, 1001, 1004, 0).Select(Some)
                    )
                    from status in Gen.Elements(0, 400, 401, 404, 500)
                    from body in Text(true)
                    select new SisError(error, code, status, body)
                ).Select(o => (object?)o);
            if (t == typeof(Option<Exception>))
                return Gen.OneOf(
                        Gen.Constant(Option<Exception>.None),
                        Gen.Constant(
                            Some<Exception>(
                                new HttpRequestException(
                                    HttpRequestError.ConnectionError,
                                    "connection refused"
                                )
                            )
                        ),
                        Gen.Constant(Some<Exception>(new IOException("connection reset by peer"))),
                        Gen.Constant(
                            Some<Exception>(new SocketException((int)SocketError.ConnectionRefused))
                        ),
                        Gen.Constant(Some<Exception>(new TaskCanceledException("timed out")))
                    )
                    .Select(o => (object?)o);
            if (t == typeof(ApiError))
                return Error(depth + 1, echo).Select(e => (object?)e);
            if (t == typeof(Seq<ApiError>))
                return Gen.Choose(1, 3)
                    .SelectMany(n =>
                        Gen.ArrayOf(Of(typeof(ApiError.InvalidArgument), depth + 1, false), n)
                    )
                    .Select(es => (object?)toSeq(es));
            throw new InvalidOperationException(
                $"{caseType.Name}({p.Name}): no generator for {p.ParameterType.Name}; add one to ApiErrorCases"
            );
        }

        private Gen<string> Text(bool secretAllowed) =>
            secretAllowed
                ? Gen.Frequency(
                    (1, Plain),
                    (
                        3,
                        Secret.SelectMany(s =>
                            Holding(s)
                                .Select(text =>
                                {
                                    lock (planted)
                                        planted.Add(s);
                                    return text;
                                })
                        )
                    )
                )
                : Plain;

        private Gen<ApiError> Error(int depth, bool echo) =>
            Gen.Elements(
                    depth > 2
                        ? Cases
                            .Where(c =>
                                c.GetConstructors()[0]
                                    .GetParameters()
                                    .All(p => p.ParameterType != typeof(ApiError))
                            )
                            .ToArray()
                        : Cases
                )
                .SelectMany(c => Of(c, depth, echo));

        public Gen<ApiError> Of(Type caseType, int depth, bool parentEcho)
        {
            var echo = parentEcho && echoes && !ClientMade.Contains(caseType.Name);
            var ctor = caseType
                .GetConstructors()
                .OrderByDescending(c => c.GetParameters().Length)
                .First();
            var ps = ctor.GetParameters();
            return Gen.CollectToArray(ps.Select(p => Value(p, caseType, echo, depth)))
                .Select(args => (ApiError)ctor.Invoke(args));
        }
    }

    private static JsonElement Element(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// An error of <paramref name="caseType"/> with random data and planted secrets: in bodies always, and in every
    /// server-controlled text when <paramref name="echoes"/> is true.
    /// </summary>
    public static Gen<ErrorCase> Of(Type caseType, bool echoes) =>
        Gen.Fresh(() => new List<string>())
            .SelectMany(planted =>
                new Filler(echoes, planted)
                    .Of(caseType, 0, parentEcho: true)
                    .Select(e => new ErrorCase(e, planted.Distinct().ToArray()))
            );

    /// <summary>An error of any case.</summary>
    public static Gen<ErrorCase> Any(bool echoes) =>
        Gen.Elements(Cases).SelectMany(c => Of(c, echoes));
}
