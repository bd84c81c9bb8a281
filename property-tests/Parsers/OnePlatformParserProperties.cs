using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Functional.PropertyTests.Parsers;

/// <summary>
/// The parse of every One Platform call, run through <see cref="RpcBatch.SendOne{T}(RpcEndpoint, Auth, long, RpcCall{T})"/>
/// and <see cref="HttpInterpreter.Run{A}"/> against an in-memory response: whatever the status and body, it gives a
/// value or an <see cref="ApiError"/> and never throws.
/// </summary>
public class OnePlatformParserProperties
{
    private const long CallId = 1;
    private const string Hex = "0123456789abcdef0123456789abcdef01234567";
    private static readonly Auth TheAuth = Auth.Cik(Hex);

    /// <summary>Every builder with the arguments of one test case.</summary>
    public sealed record Calls(RpcCall<object>[] Built, Builder[] Builders)
    {
        public override string ToString() => $"{Built.Length} calls";
    }

    private static Gen<Calls> AllCalls { get; } =
        Gen.CollectToArray(Builders.OnePlatform.Select(Builders.Arguments))
            .Select(args => new Calls(
                Builders
                    .OnePlatform.Select((b, i) => Builders.Valid(b, args[i], Builders.Call))
                    .ToArray(),
                Builders.OnePlatform
            ));

    private static Either<ApiError, object> Run(RpcCall<object> call, HttpResponse response) =>
        RpcBatch
            .SendOne(RpcEndpoint.Default, TheAuth, CallId, call)
            .Match(
                effect => HttpInterpreter.Run(effect, _ => response),
                e =>
                    throw new InvalidOperationException(
                        "SendOne refused a valid call: " + string.Join("; ", e)
                    )
            );

    /// <summary>Runs every call against the response; a throw names the builder and the response.</summary>
    private static bool NoneThrows(Calls calls, HostileResponse hostile)
    {
        var response = hostile.ToResponse();
        for (var i = 0; i < calls.Built.Length; i++)
        {
            try
            {
                Touch.Outcome(Run(calls.Built[i], response));
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"{calls.Builders[i]} ({calls.Built[i].Procedure}) threw on {hostile}: {ex}"
                );
            }
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public Property A_parsed_point_value_can_always_be_shown_and_compared() =>
        Prop.ForAll(
            Arb.From(Gen.Elements<byte>(0x80, 0xC3, 0xFF, 0xED)),
            b =>
            {
                var read = TimeSeries
                    .Read(ResourceId.Self, ReadOptions.Latest)
                    .Match(c => c, _ => throw new InvalidOperationException());
                var body = Encoding.UTF8.GetBytes(
                    "[{\"id\":1,\"status\":\"ok\",\"result\":[[1,[\"?\"]]]}]"
                );
                body[System.Array.IndexOf(body, (byte)'?')] = b;
                var points = RpcBatch
                    .SendOne(RpcEndpoint.Default, TheAuth, CallId, read)
                    .Match(
                        e => HttpInterpreter.Run(e, _ => new HttpResponse(200, "", Empty, body)),
                        _ => throw new InvalidOperationException()
                    );
                // The same bytes in a failure status: the error keeps a status JSON that cannot be read back.
                var status = Encoding.UTF8.GetBytes("[{\"id\":1,\"status\":\"o?\"}]");
                status[System.Array.IndexOf(status, (byte)'?')] = b;
                var error = RpcBatch
                    .SendOne(RpcEndpoint.Default, TheAuth, CallId, read)
                    .Match(
                        e => HttpInterpreter.Run(e, _ => new HttpResponse(200, "", Empty, status)),
                        _ => throw new InvalidOperationException()
                    );
                return points.Match(
                        ps =>
                            ps.ForAll(p =>
                                p.Value.ToString() is not null && p.Value.Equals(p.Value)
                            ),
                        _ => true
                    )
                    && error.Match(
                        _ => true,
                        e => e is not ApiError.RpcCall c || c.Status.GetRawText().Length > 0
                    );
            }
        );

    [Property(MaxTest = 200)]
    public Property A_parsed_point_can_always_be_shown() =>
        Prop.ForAll(
            Arb.From(Gen.Elements(253402300800L, -62135596801L, long.MinValue, long.MaxValue)),
            ts =>
            {
                var read = TimeSeries
                    .Read(ResourceId.Self, ReadOptions.Latest)
                    .Match(c => c, _ => throw new InvalidOperationException());
                var points = RpcBatch
                    .SendOne(RpcEndpoint.Default, TheAuth, CallId, read)
                    .Match(
                        e =>
                            HttpInterpreter.Run(
                                e,
                                _ =>
                                    HttpResponse.Text(
                                        200,
                                        $"[{{\"id\":1,\"status\":\"ok\",\"result\":[[{ts},1]]}}]"
                                    )
                            ),
                        _ => throw new InvalidOperationException()
                    );
                return points.Match(
                    ps => ps.ForAll(p => p.ToString().Length > 0 && p.Time.Year > 0),
                    _ => true
                );
            }
        );

    // ---- answer bodies ---------------------------------------------------------------------------

    private static readonly Gen<string> Point =
        from ts in Gen.Frequency((3, HostileInput.NumberLiteral), (1, HostileInput.Json))
        from v in HostileInput.Json
        select $"[{ts},{v}]";

    /// <summary>A result shaped like what some call expects (points, RID lists, info objects) but with hostile parts.</summary>
    private static readonly Gen<string> ShapedResult = Gen.OneOf(
        Gen.Choose(0, 4)
            .SelectMany(n => Gen.ArrayOf(Point, n))
            .Select(ps => "[" + string.Join(",", ps) + "]"),
        Point,
        from type in Gen.Elements("client", "dataport", "datarule", "dispatch", "x")
        from rids in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(HostileInput.StringLiteral, n))
        select $"{{\"{type}\":[{string.Join(",", rids)}]}}",
        Gen.Choose(0, 4)
            .SelectMany(n =>
                Gen.ArrayOf(
                    Gen.Choose(0, 3)
                        .SelectMany(m => Gen.ArrayOf(HostileInput.StringLiteral, m))
                        .Select(r => "[" + string.Join(",", r) + "]"),
                    n
                )
            )
            .Select(ls => "[" + string.Join(",", ls) + "]"),
        HostileInput.JsonObject,
        HostileInput.DeepJson
    );

    private static readonly Gen<string> Id = Gen.Frequency(
        (6, Gen.Constant("1")),
        (
            1,
            Gen.Elements(
                "\"1\"",
                "1.0",
                "1e0",
                "\"+1\"",
                "\"01\"",
                "0",
                "2",
                "null",
                "\"\\ud800\"",
                "18446744073709551617"
            )
        )
    );

    private static readonly Gen<string> Element =
        from id in Id
        from status in Gen.Frequency(
            (4, Gen.Constant("\"ok\"")),
            (
                2,
                Gen.Elements(
                    "\"invalid\"",
                    "\"restricted\"",
                    "\"expire\"",
                    "\"noauth\"",
                    "\"locked\"",
                    "\"error\""
                )
            ),
            (
                1,
                Gen.Elements(
                    "[[1,\"invalid\"]]",
                    "[[1600000000,\"invalid\"],[\"x\",5]]",
                    "[]",
                    "[[]]",
                    "[[1e400,\"\\ud800\"]]"
                )
            ),
            (1, HostileInput.Json)
        )
        from result in Gen.Frequency(
            (1, Gen.Constant("")),
            (3, ShapedResult.Select(r => ",\"result\":" + r)),
            (2, HostileInput.Json.Select(r => ",\"result\":" + r))
        )
        from error in Gen.Frequency(
            (3, Gen.Constant("")),
            (1, HostileInput.Json.Select(e => ",\"error\":" + e)),
            (
                1,
                from code in HostileInput.NumberLiteral
                from message in HostileInput.Json
                from context in HostileInput.Json
                select $",\"error\":{{\"code\":{code},\"message\":{message},\"context\":{context}}}"
            )
        )
        select $"{{\"id\":{id},\"status\":{status}{result}{error}}}";

    /// <summary>Bodies that are, or nearly are, One Platform answers, and bodies that are nothing like them.</summary>
    private static readonly Gen<byte[]> AnswerBody = HostileInput.Body(
        Gen.Frequency(
            (
                6,
                Gen.Choose(0, 3)
                    .SelectMany(n => Gen.ArrayOf(Element, n))
                    .Select(es => "[" + string.Join(",", es) + "]")
            ),
            (2, HostileInput.Json.Select(e => "{\"error\":" + e + "}")),
            (1, HostileInput.Json),
            (1, HostileInput.DeepJson),
            (1, HostileInput.NotJson)
        )
    );

    [Property(MaxTest = 1000)]
    public Property Every_call_parse_gives_a_value_or_an_error_for_any_answer() =>
        Prop.ForAll(
            Arb.From(AllCalls),
            Arb.From(HostileInput.Response(HostileInput.Status, AnswerBody)),
            NoneThrows
        );

    [Property(MaxTest = 500)]
    public Property Every_call_parse_gives_a_value_or_an_error_for_any_bytes() =>
        Prop.ForAll(
            Arb.From(AllCalls),
            Arb.From(HostileInput.Response(HostileInput.Status, HostileInput.AnyBytes)),
            NoneThrows
        );

    // ---- shape: a valid answer gives a value, a failure keeps its status --------------------------

    /// <summary>A valid result for each procedure (none: the call has no result).</summary>
    public static readonly IReadOnlyDictionary<string, string?> ValidResults = new Dictionary<
        string,
        string?
    >
    {
        ["read"] = "[[1600000000,1],[1600000001,2.5],[1600000002,\"x\"]]",
        ["write"] = null,
        ["writegroup"] = null,
        ["record"] = null,
        ["recordbatch"] = null,
        ["flush"] = null,
        ["wait"] = "[1600000000,42]",
        ["create"] = $"\"{Hex}\"",
        ["move"] = null,
        ["update"] = null,
        ["info"] = "{}",
        ["listing"] = $"{{\"dataport\":[\"{Hex}\"]}}",
        ["drop"] = null,
        ["usage"] = "12",
        ["map"] = null,
        ["unmap"] = null,
        ["lookup"] = $"\"{Hex}\"",
        ["share"] = $"\"{Hex}\"",
        ["revoke"] = null,
        ["activate"] = null,
        ["deactivate"] = null,
        ["grant"] = $"\"{Hex}\"",
        ["tag"] = null,
        ["comment"] = null,
    };

    [Property(MaxTest = 200)]
    public Property An_ok_answer_with_a_valid_result_gives_a_value_whatever_the_status() =>
        Prop.ForAll(
            Arb.From(AllCalls),
            Arb.From(HostileInput.Status),
            (calls, status) =>
            {
                foreach (var (call, builder) in calls.Built.Zip(calls.Builders))
                {
                    Assert.True(
                        ValidResults.TryGetValue(call.Procedure, out var result),
                        $"no valid result known for {call.Procedure} ({builder}): add one to ValidResults"
                    );
                    var body =
                        $"[{{\"id\":{CallId},\"status\":\"ok\"{(result is null ? "" : ",\"result\":" + result)}}}]";
                    var outcome = Run(call, HttpResponse.Text(status, body));
                    Assert.True(
                        outcome.IsRight,
                        $"{builder}: {body} gave {outcome.Match(_ => "", e => e.ToString())}"
                    );
                }
                return true;
            }
        );

    private static readonly Gen<string> FailureStatus = Gen.OneOf(
        Gen.Elements(
            "invalid",
            "restricted",
            "noauth",
            "locked",
            "error",
            "fail",
            "",
            "OK",
            "\u00e9\u4e2d"
        ),
        Gen.Choose(1, 12)
            .SelectMany(n => Gen.ArrayOf(Gen.Choose('a', 'z').Select(c => (char)c), n))
            .Select(cs => new string(cs))
            .Where(s => s is not ("ok" or "expire"))
    );

    [Property(MaxTest = 200)]
    public Property A_failure_status_is_kept_exactly_on_the_call_error() =>
        Prop.ForAll(
            Arb.From(AllCalls),
            Arb.From(FailureStatus),
            Arb.From(HostileInput.Status),
            (calls, failure, status) =>
            {
                var body =
                    $"[{{\"id\":{CallId},\"status\":{JsonSerializer.Serialize(failure)},\"result\":[]}}]";
                foreach (var (call, builder) in calls.Built.Zip(calls.Builders))
                {
                    var error = Run(call, HttpResponse.Text(status, body))
                        .Match(
                            v =>
                                throw new InvalidOperationException(
                                    $"{builder}: {body} gave the value {v}"
                                ),
                            e => e
                        );
                    var rpc = Assert.IsType<ApiError.RpcCall>(error);
                    Assert.Equal(RpcCallId.Of(CallId), rpc.CallId);
                    Assert.Equal(call.Procedure, rpc.Procedure);
                    Assert.Equal(Some(failure), rpc.StatusText);
                }
                return true;
            }
        );

    [Property(MaxTest = 200)]
    public Property A_5xx_answer_that_is_not_json_is_an_http_error_keeping_status_reason_and_body() =>
        Prop.ForAll(
            Arb.From(AllCalls),
            Arb.From(Gen.Choose(500, 599)),
            Arb.From(HostileInput.NotJson.Where(s => s.Trim().Length > 0 && !s.StartsWith('"'))),
            (calls, status, body) =>
            {
                foreach (var (call, builder) in calls.Built.Zip(calls.Builders))
                {
                    var error = Run(
                            call,
                            new HttpResponse(status, "Gateway", Empty, Encoding.UTF8.GetBytes(body))
                        )
                        .Match(
                            v =>
                                throw new InvalidOperationException(
                                    $"{builder} gave the value {v}"
                                ),
                            e => e
                        );
                    var http = Assert.IsType<ApiError.HttpStatus>(error);
                    Assert.Equal(status, http.Status);
                    Assert.Equal("Gateway", http.Reason);
                    Assert.Equal(body, http.Body);
                }
                return true;
            }
        );

    [Fact]
    public void Every_builder_is_found_and_built_from_the_table()
    {
        var names = Builders.OnePlatform.Select(b => b.ToString()).ToArray();
        // A few that must be there: if reflection stops finding builders, the properties above test nothing.
        Assert.Contains(names, n => n.StartsWith("TimeSeries.Read(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Resources.Info(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("SharesAndKeys.Grant(", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Annotations.Comment(", StringComparison.Ordinal));
        Assert.True(
            names.Length >= 35,
            $"only {names.Length.ToString(CultureInfo.InvariantCulture)} builders found"
        );
        foreach (var b in Builders.OnePlatform)
        {
            var args = Builders
                .FirstArguments(b)
                .Match(a => a, e => throw new InvalidOperationException(e));
            Builders
                .Call(b, args)
                .Match(
                    c =>
                        Assert.True(
                            ValidResults.ContainsKey(c.Procedure),
                            $"{b}: add {c.Procedure} to ValidResults"
                        ),
                    e =>
                        Assert.Fail(
                            $"{b} refuses the table's first arguments: {string.Join("; ", e)}"
                        )
                );
        }
    }
}
