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

    // ---- (b2) duplicates, unknown ids, every chunk size -----------------------------------------

    /// <summary>What the server does with one call's answer.</summary>
    public enum Fate
    {
        /// <summary>One ok answer carrying the call's own value.</summary>
        Ok,

        /// <summary>One answer with status <c>invalid</c>.</summary>
        Invalid,

        /// <summary>No answer at all.</summary>
        Dropped,

        /// <summary>The same ok answer twice.</summary>
        TwiceSame,

        /// <summary>Two answers that disagree (ok with its value, then ok with another value or invalid).</summary>
        TwiceConflicting,

        /// <summary>Three answers.</summary>
        Thrice,
    }

    /// <summary>
    /// n read calls; each call's fate; which answers carry a string id; which stray answers (unknown ids) the
    /// server adds to every reply; a seed for the order of each reply.
    /// </summary>
    public sealed record BatchCase(
        long Start,
        Fate[] Fates,
        bool[] StringIds,
        int[] Strays,
        int Seed
    )
    {
        public int N => Fates.Length;

        public override string ToString() =>
            $"start={Start} fates=[{string.Join(",", Fates.Select((f, i) => $"{i}:{f}{(StringIds[i] ? "(s)" : "")}"))}] strays=[{string.Join(",", Strays)}] seed={Seed}";
    }

    private static Gen<BatchCase> BatchCaseGen { get; } =
        from n in Gen.Choose(0, 16)
        from start in Generators.StartId
        from fates in Gen.ArrayOf(
            Gen.Frequency(
                (6, Gen.Constant(Fate.Ok)),
                (1, Gen.Constant(Fate.Invalid)),
                (1, Gen.Constant(Fate.Dropped)),
                (1, Gen.Constant(Fate.TwiceSame)),
                (1, Gen.Constant(Fate.TwiceConflicting)),
                (1, Gen.Constant(Fate.Thrice))
            ),
            n
        )
        from stringIds in Gen.ArrayOf(Gen.Elements(false, false, true), n)
        from strays in Gen.Choose(0, 4).SelectMany(k => Gen.ArrayOf(Gen.Choose(0, 6), k))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new BatchCase(start, fates, stringIds, strays, seed);

    /// <summary>Shrinks by dropping calls (from the end or the front) and by making fates, ids and strays plainer.</summary>
    private static IEnumerable<BatchCase> ShrinkBatch(BatchCase c)
    {
        if (c.N > 0)
        {
            yield return c with
            {
                Fates = c.Fates[..^1],
                StringIds = c.StringIds[..^1],
            };
            yield return c with
            {
                Fates = c.Fates[1..],
                StringIds = c.StringIds[1..],
            };
        }
        if (c.Strays.Length > 0)
            yield return c with
            {
                Strays = c.Strays[..^1],
            };
        for (var i = 0; i < c.N; i++)
        {
            if (c.Fates[i] != Fate.Ok)
            {
                var fates = (Fate[])c.Fates.Clone();
                fates[i] = Fate.Ok;
                yield return c with
                {
                    Fates = fates,
                };
            }
            if (c.StringIds[i])
            {
                var ids = (bool[])c.StringIds.Clone();
                ids[i] = false;
                yield return c with
                {
                    StringIds = ids,
                };
            }
        }
        if (c.Start != 0)
            yield return c with
            {
                Start = 0,
            };
    }

    private static string IdText(long id, bool asString) =>
        asString
            ? "\"" + id.ToString(CultureInfo.InvariantCulture) + "\""
            : id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The answers the server sends for call <paramref name="i"/> (id <paramref name="id"/>).</summary>
    private static IEnumerable<string> AnswersFor(BatchCase c, long id, int i)
    {
        var idText = IdText(id, c.StringIds[i]);
        var ok = $$"""{"id":{{idText}},"status":"ok","result":[[{{i}},"v{{i}}"]]}""";
        switch (c.Fates[i])
        {
            case Fate.Ok:
                yield return ok;
                break;
            case Fate.Invalid:
                yield return $$"""{"id":{{idText}},"status":"invalid"}""";
                break;
            case Fate.Dropped:
                break;
            case Fate.TwiceSame:
                yield return ok;
                yield return ok;
                break;
            case Fate.TwiceConflicting:
                yield return ok;
                yield return i % 2 == 0
                    ? $$"""{"id":{{IdText(id, !c.StringIds[i])}},"status":"ok","result":[[{{i}},"other"]]}"""
                    : $$"""{"id":{{idText}},"status":"invalid"}""";
                break;
            case Fate.Thrice:
                yield return ok;
                yield return $$"""{"id":{{idText}},"status":"invalid"}""";
                yield return ok;
                break;
        }
    }

    /// <summary>
    /// Stray answers for ids the reply's request did not carry: before the batch, after it, a call of another chunk
    /// (which must not overwrite that call's own result), negative, and ids that are not integers.
    /// </summary>
    private static string Stray(BatchCase c, int kind, Seq<long> chunkIds)
    {
        var all = Enumerable.Range(0, c.N).Select(i => c.Start + i);
        var other = all.Where(id => !chunkIds.Contains(id))
            .Select(id => (long?)id)
            .FirstOrDefault();
        var id = kind switch
        {
            0 => c.Start > 0 ? (c.Start - 1).ToString(CultureInfo.InvariantCulture) : "-1",
            1 => (c.Start + c.N + 7).ToString(CultureInfo.InvariantCulture),
            2 => other is { } o ? o.ToString(CultureInfo.InvariantCulture) : "-2",
            3 => other is { } p ? "\"" + p.ToString(CultureInfo.InvariantCulture) + "\"" : "-3",
            4 => "\"99999999999999999999\"",
            5 => "1.5",
            _ => "null",
        };
        return $$"""{"id":{{id}},"status":"ok","result":[[-1,"stray"]]}""";
    }

    /// <summary>
    /// Runs the case with one chunk size: every reply holds the fates' answers of its own calls and the strays,
    /// shuffled. Returns the results and the number of requests.
    /// </summary>
    private static (Seq<RpcResult<Seq<Point>>> Results, int Requests) RunBatch(
        BatchCase c,
        Seq<RpcCall<Seq<Point>>> calls,
        int chunk
    )
    {
        var requests = 0;
        var results = HttpInterpreter
            .Run(
                Effect(
                    RpcEndpoint.Default.WithChunkSize(chunk),
                    Auth.Cik(new string('b', 40)),
                    c.Start,
                    calls
                ),
                request =>
                {
                    requests++;
                    using var doc = JsonDocument.Parse(BodyOf(request));
                    var ids = toSeq(
                        doc.RootElement.GetProperty("calls")
                            .EnumerateArray()
                            .Select(call => call.GetProperty("id").GetInt64())
                            .ToArray()
                    );
                    var answers = ids.Bind(id => toSeq(AnswersFor(c, id, (int)(id - c.Start))))
                        .Concat(toSeq(c.Strays).Map(k => Stray(c, k, ids)))
                        .ToList();
                    var random = new Random(unchecked(c.Seed + (int)ids.HeadOrNone().IfNone(0)));
                    var shuffled = answers.OrderBy(_ => random.Next()).ToList();
                    return HttpResponse.Text(200, "[" + string.Join(",", shuffled) + "]");
                }
            )
            .Match(r => r, e => throw new InvalidOperationException(e.ToString()));
        return (results, requests);
    }

    /// <summary>What call <paramref name="i"/> of the case must end with: its own value, its own error, or an error for its own id.</summary>
    private static void AssertOutcome(BatchCase c, int i, RpcResult<Seq<Point>> result)
    {
        var id = RpcCallId.Of(c.Start + i);
        Assert.Equal(id, result.CallId);
        Assert.Equal("read", result.Procedure);
        switch (c.Fates[i])
        {
            case Fate.Ok:
                Assert.Equal(
                    [new Point(i, PointValue.Of($"v{i}"))],
                    result.Outcome.Match(
                        p => p.ToArray(),
                        e => throw new InvalidOperationException($"call {i}: {e}")
                    )
                );
                break;
            case Fate.Invalid:
                var call = Assert.IsType<ApiError.RpcCall>(ErrorOf(result.Outcome));
                Assert.Equal(id, call.CallId);
                Assert.Equal("read", call.Procedure);
                Assert.Equal("invalid", call.Status.GetString());
                break;
            case Fate.Dropped:
                Assert.Equal(new ApiError.RpcNoAnswer(id, "read"), ErrorOf(result.Outcome));
                break;
            default:
                // Several answers for one id: which one is right is unknown (a write cannot be both done and
                // refused), so the call fails as a malformed answer that names it - never another call's answer,
                // never a silently chosen one. The other calls of the reply keep their own outcomes.
                var count = c.Fates[i] == Fate.Thrice ? 3 : 2;
                Assert.Equal(
                    new ApiError.MalformedResponse(
                        $"one answer for call {id} (read)",
                        $"the server sent {count}"
                    ),
                    ErrorOf(result.Outcome)
                );
                break;
        }
    }

    [Property(MaxTest = 200)]
    public Property Duplicate_and_unknown_ids_never_give_a_call_another_calls_answer_at_any_chunk_size() =>
        Prop.ForAll(
            Arb.From(BatchCaseGen, ShrinkBatch),
            c =>
            {
                var calls = toSeq(
                    Enumerable
                        .Range(0, c.N)
                        .Select(i =>
                            TimeSeries
                                .Read(ResourceId.Alias($"a{i}"), ReadOptions.Latest)
                                .Match(x => x, _ => throw new InvalidOperationException())
                        )
                        .ToArray()
                );
                // Every chunk size from 1 to beyond the batch (one request for everything).
                for (var chunk = 1; chunk <= c.N + 1; chunk++)
                {
                    var (results, requests) = RunBatch(c, calls, chunk);
                    Assert.Equal((c.N + chunk - 1) / chunk, requests);
                    // Call order is kept: result i is call i, whatever order the replies had.
                    Assert.Equal(
                        Enumerable.Range(0, c.N).Select(i => RpcCallId.Of(c.Start + i)),
                        results.Map(r => r.CallId).ToArray()
                    );
                    for (var i = 0; i < c.N; i++)
                        AssertOutcome(c, i, results[i]);
                }
            }
        );

    [Property(MaxTest = 300)]
    public Property Parse_of_one_reply_matches_every_answer_to_its_own_call_despite_duplicates_and_strays() =>
        Prop.ForAll(
            Arb.From(BatchCaseGen, ShrinkBatch),
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
                var ids = calls.Map(x => x.Item1);
                var answers = toSeq(
                        Enumerable
                            .Range(0, c.N)
                            .SelectMany(i => AnswersFor(c, c.Start + i, i))
                            .ToArray()
                    )
                    .Concat(toSeq(c.Strays).Map(k => Stray(c, k, ids)))
                    .ToList();
                var random = new Random(c.Seed);
                var body = "[" + string.Join(",", answers.OrderBy(_ => random.Next())) + "]";
                var results = RpcBatch
                    .Parse(HttpResponse.Text(200, body), calls)
                    .Match(r => r, e => throw new InvalidOperationException(e.ToString()));
                Assert.Equal(c.N, results.Count);
                for (var i = 0; i < c.N; i++)
                    AssertOutcome(c, i, results[i]);
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
