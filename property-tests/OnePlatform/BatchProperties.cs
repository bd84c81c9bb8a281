using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.PropertyTests.OnePlatform;

/// <summary>Properties of the One Platform batch: envelope, id correlation, and a parser that never throws.</summary>
public class BatchProperties
{
    private static string BodyOf(HttpRequest request) =>
        request.Body is HttpBody.Json json
            ? Encoding.UTF8.GetString(json.Utf8.Span)
            : throw new InvalidOperationException("not a JSON body");

    private static HttpEffect<Seq<RpcResult<T>>> Effect<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long startId,
        Seq<RpcCall<T>> calls
    ) =>
        RpcBatch
            .Send(endpoint, auth, startId, calls)
            .Match(
                e => e,
                errors => throw new InvalidOperationException(string.Join("; ", errors))
            );

    private static ApiError ErrorOf<T>(Either<ApiError, T> outcome) =>
        outcome.Match(
            v => throw new InvalidOperationException($"expected an error, got {v}"),
            e => e
        );

    private static string OkFor(JsonElement call) =>
        $$"""{"id":{{call.GetProperty("id").GetInt64()}},"status":"ok","result":[]}""";

    // ---- (a) the envelope ----------------------------------------------------------------------

    private static Gen<(CallSpec[] Calls, long Start, int Chunk, Auth Auth)> EnvelopeCase { get; } =
        from calls in Generators.Call.ListOf().Select(l => l.ToArray())
        from start in Generators.StartId
        from chunk in Gen.Frequency(
            (1, Gen.Choose(1, 3)),
            (2, Gen.Constant(RpcEndpoint.DefaultChunkSize))
        )
        from auth in Generators.Auth
        select (calls, start, chunk, auth);

    [Property(MaxTest = 300)]
    public Property Envelope_parses_back_to_exactly_the_calls_with_consecutive_ids() =>
        Prop.ForAll(
            Arb.From(EnvelopeCase),
            c =>
            {
                var sent = new List<HttpRequest>();
                var results = HttpInterpreter.Run(
                    Effect(
                        RpcEndpoint.Default.WithChunkSize(c.Chunk),
                        c.Auth,
                        c.Start,
                        toSeq(c.Calls.Select(s => s.Call))
                    ),
                    request =>
                    {
                        sent.Add(request);
                        using var doc = JsonDocument.Parse(BodyOf(request));
                        var answers = doc
                            .RootElement.GetProperty("calls")
                            .EnumerateArray()
                            .Select(OkFor);
                        return HttpResponse.Text(200, "[" + string.Join(",", answers) + "]");
                    }
                );

                // One request per chunk, every chunk full but the last.
                var expectedRequests = (c.Calls.Length + c.Chunk - 1) / c.Chunk;
                Assert.Equal(expectedRequests, sent.Count);
                var ids = new List<long>();
                for (var r = 0; r < sent.Count; r++)
                {
                    Assert.Equal("POST", sent[r].Method);
                    Assert.Equal(RpcEndpoint.DefaultPath, sent[r].Path);
                    using var doc = JsonDocument.Parse(BodyOf(sent[r]));
                    var root = doc.RootElement;
                    Assert.Equal(
                        ["auth", "calls"],
                        root.EnumerateObject().Select(p => p.Name).ToArray()
                    );
                    Assert.Equal(
                        AuthJson(c.Auth),
                        JsonNode.Parse(root.GetProperty("auth").GetRawText())!.ToJsonString()
                    );
                    var calls = root.GetProperty("calls").EnumerateArray().ToArray();
                    Assert.Equal(
                        r < sent.Count - 1 ? c.Chunk : c.Calls.Length - (r * c.Chunk),
                        calls.Length
                    );
                    foreach (var call in calls)
                    {
                        Assert.Equal(
                            ["id", "procedure", "arguments"],
                            call.EnumerateObject().Select(p => p.Name).ToArray()
                        );
                        var id = call.GetProperty("id").GetInt64();
                        var spec = c.Calls[(int)(id - c.Start)];
                        Assert.Equal(spec.Procedure, call.GetProperty("procedure").GetString());
                        var arguments = JsonNode.Parse(call.GetProperty("arguments").GetRawText());
                        Assert.True(
                            JsonNode.DeepEquals(spec.ExpectedArguments, arguments),
                            $"{spec}: sent {arguments!.ToJsonString()}"
                        );
                        ids.Add(id);
                    }
                }
                Assert.Equal(Enumerable.Range(0, c.Calls.Length).Select(i => c.Start + i), ids);

                // Every call succeeded, in call order.
                var outcome = results.Match(
                    r => r,
                    e => throw new InvalidOperationException(e.ToString())
                );
                Assert.Equal(
                    Enumerable.Range(0, c.Calls.Length).Select(i => RpcCallId.Of(c.Start + i)),
                    outcome.Map(r => r.CallId).ToArray()
                );
                Assert.All(outcome, r => Assert.True(r.IsOk));
            }
        );

    /// <summary>The auth object as the spec writes it (§2.2), built without Core's writer.</summary>
    private static string AuthJson(Auth auth) =>
        auth switch
        {
            Auth.ByCik c => new JsonObject { ["cik"] = c.Key }.ToJsonString(),
            Auth.ByCikAsClient c => new JsonObject
            {
                ["cik"] = c.Key,
                ["client_id"] = c.ClientRid,
            }.ToJsonString(),
            Auth.ByCikAsOwner c => new JsonObject
            {
                ["cik"] = c.Key,
                ["resource_id"] = c.ResourceRid,
            }.ToJsonString(),
            Auth.ByToken t => t.ClientRid.Match(
                r => new JsonObject { ["token"] = t.Value, ["client_id"] = r }.ToJsonString(),
                () => new JsonObject { ["token"] = t.Value }.ToJsonString()
            ),
            _ => throw new InvalidOperationException("unknown auth"),
        };

    // ---- (b) correlation -----------------------------------------------------------------------

    /// <summary>n calls; the answers in any order, some dropped, some with string ids, junk mixed in.</summary>
    private static Gen<(
        int N,
        long Start,
        int[] Order,
        bool[] Dropped,
        bool[] StringId,
        int Junk
    )> AnswerCase { get; } =
        from n in Gen.Choose(0, 40)
        from start in Generators.StartId
        from order in Gen.Shuffle(Enumerable.Range(0, n + 3).ToArray())
        from dropped in Gen.ArrayOf(
            Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))),
            n
        )
        from stringId in Gen.ArrayOf(Gen.Elements(false, false, true), n)
        from junk in Gen.Choose(0, 3)
        select (n, start, order, dropped, stringId, junk);

    private static string AnswerFor(long id, int i, bool asString) =>
        $$"""{"id":{{(asString ? "\"" + id.ToString(CultureInfo.InvariantCulture) + "\"" : id.ToString(CultureInfo.InvariantCulture))}},"status":"ok","result":[[{{i}},"v{{i}}"]]}""";

    [Property(MaxTest = 300)]
    public Property Each_call_gets_its_own_answer_whatever_the_order_and_dropped_ones_have_none() =>
        Prop.ForAll(
            Arb.From(AnswerCase),
            c =>
            {
                var calls = toSeq(
                    Enumerable
                        .Range(0, c.N)
                        .Select(i =>
                            (
                                c.Start + i,
                                TimeSeries
                                    .Read(ResourceId.Alias($"a{i}"), ReadOptions.Latest)
                                    .Match(x => x, _ => throw new InvalidOperationException())
                            )
                        )
                        .ToArray()
                );
                // Positions n, n+1, n+2 of the shuffled order are junk slots: unknown ids, no id, not an object.
                string[] junk =
                [
                    """{"id":-5,"status":"ok","result":[[0,"junk"]]}""",
                    """{"status":"ok"}""",
                    "17",
                ];
                var elements = c
                    .Order.Where(k => k >= c.N ? k - c.N < c.Junk : !c.Dropped[k])
                    .Select(k =>
                        k >= c.N ? junk[k - c.N] : AnswerFor(c.Start + k, k, c.StringId[k])
                    );
                var body = "[" + string.Join(",", elements) + "]";

                var results = RpcBatch
                    .Parse(HttpResponse.Text(200, body), calls)
                    .Match(r => r, e => throw new InvalidOperationException(e.ToString()));

                Assert.Equal(c.N, results.Count);
                for (var i = 0; i < c.N; i++)
                {
                    var id = RpcCallId.Of(c.Start + i);
                    Assert.Equal(id, results[i].CallId);
                    Assert.Equal("read", results[i].Procedure);
                    if (c.Dropped[i])
                        Assert.Equal(
                            new ApiError.RpcNoAnswer(id, "read"),
                            ErrorOf(results[i].Outcome)
                        );
                    else
                        Assert.Equal(
                            [new Point(i, PointValue.Of($"v{i}"))],
                            results[i]
                                .Outcome.Match(
                                    p => p.ToArray(),
                                    e => throw new InvalidOperationException(e.ToString())
                                )
                        );
                }
            }
        );

    [Property(MaxTest = 200)]
    public Property Chunked_batches_correlate_answers_sent_in_reverse_with_some_dropped() =>
        Prop.ForAll(
            Arb.From(
                from n in Gen.Choose(0, 60)
                from chunk in Gen.Choose(1, 30)
                from start in Generators.StartId
                from dropped in Gen.ArrayOf(Gen.Elements(false, false, false, true), n)
                select (n, chunk, start, dropped)
            ),
            c =>
            {
                var calls = toSeq(
                    Enumerable
                        .Range(0, c.n)
                        .Select(i =>
                            TimeSeries
                                .Read(ResourceId.Alias($"a{i}"), ReadOptions.Latest)
                                .Match(x => x, _ => throw new InvalidOperationException())
                        )
                        .ToArray()
                );
                var requests = 0;
                var results = HttpInterpreter
                    .Run(
                        Effect(
                            RpcEndpoint.Default.WithChunkSize(c.chunk),
                            Auth.Cik(new string('a', 40)),
                            c.start,
                            calls
                        ),
                        request =>
                        {
                            requests++;
                            using var doc = JsonDocument.Parse(BodyOf(request));
                            var answers = doc
                                .RootElement.GetProperty("calls")
                                .EnumerateArray()
                                .Select(call => call.GetProperty("id").GetInt64())
                                .Reverse()
                                .Where(id => !c.dropped[(int)(id - c.start)])
                                .Select(id =>
                                    AnswerFor(id, (int)(id - c.start), asString: id % 2 == 0)
                                );
                            return HttpResponse.Text(200, "[" + string.Join(",", answers) + "]");
                        }
                    )
                    .Match(r => r, e => throw new InvalidOperationException(e.ToString()));
                Assert.Equal((c.n + c.chunk - 1) / c.chunk, requests);
                Assert.Equal(c.n, results.Count);
                for (var i = 0; i < c.n; i++)
                {
                    Assert.Equal(RpcCallId.Of(c.start + i), results[i].CallId);
                    var outcome = results[i].Outcome;
                    if (c.dropped[i])
                        Assert.IsType<ApiError.RpcNoAnswer>(ErrorOf(outcome));
                    else
                        Assert.Equal(
                            $"v{i}",
                            outcome.Match(
                                p => p.Single().Value.AsText().IfNone(""),
                                e => e.ToString()
                            )
                        );
                }
            }
        );

    // ---- (c) the parser never throws ----------------------------------------------------------

    private static readonly Seq<(long Id, RpcCall<Seq<Point>> Call)> ThreeReads = toSeq(
        Enumerable
            .Range(0, 3)
            .Select(i =>
                (
                    (long)i,
                    TimeSeries
                        .Read(ResourceId.Self, ReadOptions.Latest)
                        .Match(x => x, _ => throw new InvalidOperationException())
                )
            )
            .ToArray()
    );

    /// <summary>Parses and then touches every part of the outcome that could still throw (messages, text).</summary>
    private static bool ParsesWithoutThrowing(byte[] body, int status)
    {
        var parsed = RpcBatch.Parse(new HttpResponse(status, "Reason", Empty, body), ThreeReads);
        var text = parsed.Match(
            results =>
                string.Concat(
                    results.Map(r =>
                        r.Outcome.Match(
                            points => string.Concat(points.Map(p => p.ToString())),
                            e =>
                                e.Message
                                + e
                                + (e is ApiError.RpcCall call ? call.StatusText.IfNone("") : "")
                        )
                    )
                ),
            e => e.Message + e
        );
        return parsed.IsLeft || parsed.Match(r => r.Count == 3, _ => false) && text is not null;
    }

    [Property(MaxTest = 500)]
    public Property Parse_never_throws_on_arbitrary_bytes() =>
        Prop.ForAll(
            Arb.From(Generators.AnyBytes),
            Arb.From(Generators.Status),
            ParsesWithoutThrowing
        );

    [Property(MaxTest = 1000)]
    public Property Parse_never_throws_on_hostile_json() =>
        Prop.ForAll(
            Arb.From(Generators.JsonishBody),
            Arb.From(Generators.Status),
            ParsesWithoutThrowing
        );

    [Property(MaxTest = 200)]
    public Property A_general_error_object_always_fails_the_whole_batch() =>
        Prop.ForAll(
            Arb.From(Generators.JsonValueText),
            Arb.From(Generators.Status),
            (error, status) =>
                RpcBatch
                    .Parse(HttpResponse.Text(status, "{\"error\":" + error + "}"), ThreeReads)
                    .Match(_ => false, e => e is ApiError.RpcGeneral)
        );
}
