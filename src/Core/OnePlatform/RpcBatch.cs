using System.Globalization;
using System.Text.Json;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Sends One Platform calls: any number of calls under one <see cref="Auth"/> go out as
/// <c>{"auth": …, "calls": [{"id", "procedure", "arguments"}, …]}</c>, split into requests of at most
/// <see cref="RpcEndpoint.ChunkSize"/> calls, sent one after the other. Ids are consecutive from the start id
/// the caller gives. Answers are matched by id, not position, and every call keeps its own outcome.
/// </summary>
public static class RpcBatch
{
    /// <summary>
    /// Describes sending <paramref name="calls"/> as one batch. The effect fails as a whole when the batch went
    /// in one request that failed (a general <c>{"error": …}</c> such as 401 for a bad CIK, a transport error, a
    /// malformed answer), or when the first of several requests failed in a way that applied nothing (a general
    /// error, a request that was never sent). Otherwise it succeeds with every call's outcome: calls of earlier
    /// chunks have their results, calls of the failed chunk carry its error (their outcome may be unknown — e.g.
    /// the answer was lost), and later calls are <see cref="ApiError.RpcNotSent"/>, so the caller knows exactly
    /// which calls may have been applied.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Seq<RpcResult<T>>>> Send<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long startId,
        Seq<RpcCall<T>> calls
    ) =>
        (
            Settings(endpoint, auth, startId, calls.Count),
            calls.Exists(c => c is null)
                ? Fail<ApiError, Seq<RpcCall<T>>>(
                    new ApiError.InvalidArgument("calls", "must not contain null")
                )
                : Success<ApiError, Seq<RpcCall<T>>>(calls)
        ).Apply((s, cs) => Chunks(s.Endpoint, s.Auth, Number(startId, cs)));

    /// <summary>
    /// Describes sending builder results as one batch: every problem is reported at once — the endpoint's,
    /// the auth's and each invalid call's, named by its index (<c>calls[2].resource</c>).
    /// </summary>
    public static Validation<ApiError, HttpEffect<Seq<RpcResult<T>>>> Send<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long startId,
        Seq<Validation<ApiError, RpcCall<T>>> calls
    ) =>
        Validate(endpoint, auth, startId, calls)
            .Map(cs => Chunks(endpoint, auth, Number(startId, cs)));

    /// <summary>
    /// The checks <see cref="Send{T}(RpcEndpoint, Auth, long, Seq{Validation{ApiError, RpcCall{T}}})"/> makes,
    /// without building the request: every problem of the endpoint, the auth, the start id and each call (named
    /// <c>calls[i].field</c>) at once. Lets a caller check before it reserves ids for the calls.
    /// </summary>
    public static Validation<ApiError, Seq<RpcCall<T>>> Validate<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long startId,
        Seq<Validation<ApiError, RpcCall<T>>> calls
    )
    {
        var settings = Settings(endpoint, auth, startId, calls.Count);
        if (settings.IsSuccess)
        {
            // Every call valid (the usual case): their values, without naming or collecting anything.
            var valid = new RpcCall<T>[calls.Count];
            var i = 0;
            foreach (var call in calls)
            {
                if (call.IsFail)
                    break;
                valid[i++] = call.Match(Succ: static c => c, Fail: static _ => null!);
            }
            if (i == valid.Length)
                return Success<ApiError, Seq<RpcCall<T>>>(toSeq(valid));
        }
        return (
            settings,
            toSeq(
                    calls
                        .Select(
                            (v, i) =>
                                v.MapFail(e =>
                                    Prefix($"calls[{i.ToString(CultureInfo.InvariantCulture)}]", e)
                                )
                        )
                        .ToArray()
                )
                .Sequence()
        ).Apply((_, cs) => cs);
    }

    /// <summary>
    /// Describes one call: its own failure status becomes the effect's failure (<see cref="ApiError.RpcCall"/>).
    /// </summary>
    public static Validation<ApiError, HttpEffect<T>> SendOne<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long id,
        RpcCall<T> call
    ) =>
        SendOne(
            endpoint,
            auth,
            id,
            call is null
                ? Fail<ApiError, RpcCall<T>>(new ApiError.InvalidArgument("call", "is required"))
                : Success<ApiError, RpcCall<T>>(call)
        );

    /// <summary>Describes one call from a builder result; the settings' and the call's problems are reported together.</summary>
    public static Validation<ApiError, HttpEffect<T>> SendOne<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long id,
        Validation<ApiError, RpcCall<T>> call
    ) =>
        ValidateOne(endpoint, auth, id, call)
            .Map(c =>
                Chunks(endpoint, auth, Seq1((id, c)))
                    .Bind(results =>
                        results.Head.Outcome.Match(Right: HttpEffect.Pure, Left: HttpEffect.Fail<T>)
                    )
            );

    /// <summary>
    /// The checks <see cref="SendOne{T}(RpcEndpoint, Auth, long, Validation{ApiError, RpcCall{T}})"/> makes,
    /// without building the request; lets a caller check before it reserves an id.
    /// </summary>
    public static Validation<ApiError, RpcCall<T>> ValidateOne<T>(
        RpcEndpoint endpoint,
        Auth auth,
        long id,
        Validation<ApiError, RpcCall<T>> call
    ) => (Settings(endpoint, auth, id, 1), call).Apply((_, c) => c);

    private static Validation<ApiError, (RpcEndpoint Endpoint, Auth Auth)> Settings(
        RpcEndpoint endpoint,
        Auth auth,
        long startId,
        int count
    ) =>
        (
            endpoint is null
                ? Fail<ApiError, RpcEndpoint>(
                    new ApiError.InvalidArgument("endpoint", "is required")
                )
                : endpoint.Validate(),
            auth is null
                ? Fail<ApiError, Auth>(new ApiError.InvalidArgument("auth", "is required"))
                : auth.Validate(),
            ValidateStartId(startId, count)
        ).Apply((e, a, _) => (e, a));

    /// <summary>The HTTP request carrying <paramref name="calls"/> with the given ids (one chunk, no splitting).</summary>
    public static HttpRequest Request<T>(
        RpcEndpoint endpoint,
        Auth auth,
        Seq<(long Id, RpcCall<T> Call)> calls
    )
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(auth);
        var body = Json.Write(
            (auth, calls),
            static (w, s) =>
            {
                w.WriteStartObject();
                w.WritePropertyName("auth"u8);
                s.auth.WriteTo(w);
                w.WritePropertyName("calls"u8);
                w.WriteStartArray();
                // Indexing, not foreach: a Seq's enumerator is an allocated iterator.
                for (var i = 0; i < s.calls.Count; i++)
                {
                    var (id, call) = s.calls[i];
                    w.WriteStartObject();
                    w.WriteNumber("id"u8, id);
                    w.WriteString("procedure"u8, call.Procedure);
                    w.WritePropertyName("arguments"u8);
                    w.WriteRawValue(call.Arguments.Span, skipInputValidation: true);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
        );
        var readOnly = true;
        var wait = false;
        string? only = null; // the procedure, while every call so far has the same one
        var mixed = false;
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i].Call;
            readOnly &= call.IsReadOnly;
            wait |= call.Procedure == "wait";
            if (only is null && !mixed)
                only = call.Procedure;
            else if (!mixed && call.Procedure != only)
                mixed = true;
        }
        var operation = mixed
            ? string.Join(",", calls.Map(c => c.Call.Procedure).Distinct())
            : only ?? "";
        return new HttpRequest(
            "POST",
            endpoint.Path,
            Empty,
            endpoint.UserAgent.Case is string ua ? Seq1(new HttpHeader("User-Agent", ua)) : Empty,
            HttpBody.FromJson(body),
            // wait is a long poll: the server holds the answer up to its timeout (≤ 300 s), so allow for that.
            wait ? Some(TimeSpan.FromSeconds(330)) : None,
            readOnly ? RetrySafety.Safe : RetrySafety.Unsafe
        )
        {
            Label = new RequestLabel("onep", operation, calls.Count),
        };
    }

    /// <summary>
    /// Parses a response to <paramref name="calls"/>: whatever the HTTP status, the body decides. A JSON
    /// array gives each call its outcome by id; a JSON object with <c>error</c> is a general error for the
    /// whole request; anything else is malformed (or, with a 5xx status, an HTTP error).
    /// </summary>
    public static Either<ApiError, Seq<RpcResult<T>>> Parse<T>(
        HttpResponse response,
        Seq<(long Id, RpcCall<T> Call)> calls
    )
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = response.Body;
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            // Invalid UTF-8 inside a JSON string would make every later read of that value throw: decode it as
            // U+FFFD once, here, as the SIS parser does.
            body = System.Text.Encoding.UTF8.GetBytes(
                System.Text.Encoding.UTF8.GetString(body.Span)
            );
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return NotJson<T>(response);
        }
        using (doc)
        {
            var root = doc.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Array:
                    return Correlate(root, calls);
                case JsonValueKind.Object when root.TryGetProperty("error"u8, out var error):
                    return GeneralError(error);
                default:
                    return response.Status >= 500
                        ? StatusError(response)
                        : new ApiError.MalformedResponse(
                            "a JSON array of answers or a general error object",
                            $"the body is {Json.Describe(root)} (HTTP {response.Status})"
                        );
            }
        }
    }

    private static Either<ApiError, Seq<RpcResult<T>>> NotJson<T>(HttpResponse response) =>
        response.Status >= 500
            ? StatusError(response)
            : new ApiError.MalformedResponse(
                "a JSON body",
                response.Body.IsEmpty
                    ? $"the body is empty (HTTP {response.Status})"
                    : $"the body is not JSON (HTTP {response.Status}, {response.Body.Length} bytes)"
            );

    private static ApiError StatusError(HttpResponse response) =>
        new ApiError.HttpStatus(
            response.Status,
            response.Reason,
            None,
            None,
            Truncate(response.BodyText, 2000)
        );

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static ApiError GeneralError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
            return new ApiError.RpcGeneral(
                0,
                Json.StringOf(error).IfNone(() => Json.Describe(error)),
                None
            );
        var detail = ParseDetail(error);
        return new ApiError.RpcGeneral(detail.Code, detail.Message, detail.Context);
    }

    /// <summary>Reads an <c>error</c> object leniently: missing or odd members become 0 / "" / None.</summary>
    internal static RpcErrorDetail ParseDetail(JsonElement error)
    {
        long code = 0;
        if (error.TryGetProperty("code"u8, out var c))
        {
            if (c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n))
                code = n;
            else if (
                Json.StringOf(c).Case is string text
                && long.TryParse(text, CultureInfo.InvariantCulture, out var s)
            )
                code = s;
        }
        var message = error.TryGetProperty("message"u8, out var m) ? TextOf(m) : "";
        Option<string> context =
            error.TryGetProperty("context"u8, out var x) && x.ValueKind != JsonValueKind.Null
                ? Some(TextOf(x))
                : None;
        return new RpcErrorDetail(code, message, context);
    }

    /// <summary>A string's value, or any other value's JSON text; never throws on undecodable text.</summary>
    private static string TextOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.String
            ? Json.StringOf(e).IfNone("(text that is not valid Unicode)")
            : Json.RawTextOf(e);

    private static Either<ApiError, Seq<RpcResult<T>>> Correlate<T>(
        JsonElement answers,
        Seq<(long Id, RpcCall<T> Call)> calls
    )
    {
        if (ByPosition(answers, calls) is { } inOrder)
            return inOrder;
        // Group the answers by id; answers for ids we did not send are ignored.
        var byId = new Dictionary<long, List<JsonElement>>(calls.Count);
        foreach (var (id, _) in calls)
            byId[id] = [];
        foreach (var element in answers.EnumerateArray())
        {
            if (
                element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("id"u8, out var idElement)
            )
                continue;
            if (IdOf(idElement) is { } id && byId.TryGetValue(id, out var list))
                list.Add(element);
        }
        var results = new RpcResult<T>[calls.Count];
        var i = 0;
        foreach (var (id, call) in calls)
        {
            var callId = RpcCallId.Of(id);
            var found = byId[id];
            var outcome = found.Count switch
            {
                0 => Left<ApiError, T>(new ApiError.RpcNoAnswer(callId, call.Procedure)),
                1 => call.Parse(AnswerOf(callId, call.Procedure, found[0])),
                _ => Left<ApiError, T>(
                    new ApiError.MalformedResponse(
                        $"one answer for call {callId} ({call.Procedure})",
                        $"the server sent {found.Count}"
                    )
                ),
            };
            results[i++] = new RpcResult<T>(callId, call.Procedure, outcome);
        }
        return toSeq(results);
    }

    /// <summary>
    /// When the answers are exactly one per call, in call order (the k-th answer has the k-th call's id) and the call
    /// ids increase (so they are distinct), matching by position gives what matching by id would: the results, in one
    /// pass. Null otherwise (the caller then matches by id).
    /// </summary>
    private static Seq<RpcResult<T>>? ByPosition<T>(
        JsonElement answers,
        Seq<(long Id, RpcCall<T> Call)> calls
    )
    {
        if (answers.GetArrayLength() != calls.Count)
            return null;
        var results = new RpcResult<T>[calls.Count];
        var previous = 0L;
        using var elements = answers.EnumerateArray();
        for (var i = 0; i < results.Length; i++)
        {
            var (id, call) = calls[i];
            if (!elements.MoveNext() || (i > 0 && id <= previous))
                return null;
            previous = id;
            var element = elements.Current;
            if (
                element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("id"u8, out var idElement)
                || IdOf(idElement) != id
            )
                return null;
            var callId = RpcCallId.Of(id);
            results[i] = new RpcResult<T>(
                callId,
                call.Procedure,
                call.Parse(AnswerOf(callId, call.Procedure, element))
            );
        }
        return toSeq(results);
    }

    /// <summary>Numeric ids match; a string id matches the call whose number it spells.</summary>
    private static long? IdOf(JsonElement id) =>
        id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var n) => n,
            JsonValueKind.String
                when Json.StringOf(id).Case is string text
                    && long.TryParse(
                        text,
                        NumberStyles.AllowLeadingSign,
                        CultureInfo.InvariantCulture,
                        out var n
                    ) => n,
            _ => null,
        };

    private static RpcAnswer AnswerOf(RpcCallId id, string procedure, JsonElement element)
    {
        Option<RpcErrorDetail> detail =
            element.TryGetProperty("error"u8, out var e) && e.ValueKind == JsonValueKind.Object
                ? Some(ParseDetail(e))
                : None;
        // An element with only "error" and no status is a failure; keep the status as JSON null.
        var status = element.TryGetProperty("status"u8, out var s) ? s : Json.Null;
        Option<JsonElement> result = element.TryGetProperty("result"u8, out var r) ? Some(r) : None;
        return new RpcAnswer(id, procedure, status, result, detail);
    }

    private static Validation<ApiError, long> ValidateStartId(long startId, int count) =>
        startId >= 0 && startId <= long.MaxValue - count
            ? Success<ApiError, long>(startId)
            : Fail<ApiError, long>(
                new ApiError.InvalidArgument(
                    "startId",
                    $"must be between 0 and {long.MaxValue - count} for {count} calls"
                )
            );

    private static Seq<(long Id, RpcCall<T> Call)> Number<T>(long startId, Seq<RpcCall<T>> calls) =>
        toSeq(calls.Select((c, i) => (startId + i, c)).ToArray());

    private static HttpEffect<Seq<RpcResult<T>>> Chunks<T>(
        RpcEndpoint endpoint,
        Auth auth,
        Seq<(long Id, RpcCall<T> Call)> calls
    )
    {
        if (calls.IsEmpty)
            return HttpEffect.Pure(Seq<RpcResult<T>>());
        var chunks =
            calls.Count <= endpoint.ChunkSize
                ? Seq1(calls)
                : toSeq(calls.Chunk(endpoint.ChunkSize).Select(toSeq).ToArray());
        return SendFrom(endpoint, auth, chunks, Seq<RpcResult<T>>(), first: true);
    }

    private static HttpEffect<Seq<RpcResult<T>>> SendFrom<T>(
        RpcEndpoint endpoint,
        Auth auth,
        Seq<Seq<(long Id, RpcCall<T> Call)>> chunks,
        Seq<RpcResult<T>> done,
        bool first
    )
    {
        if (chunks.IsEmpty)
            return HttpEffect.Pure(done);
        var chunk = chunks.Head;
        var rest = chunks.Tail;
        return new HttpEffect<Seq<RpcResult<T>>>.Send(
            Request(endpoint, auth, chunk),
            response =>
            {
                var parsed = response.Bind(r => Parse(r, chunk));
                return parsed.Match(
                    Right: results =>
                        SendFrom(
                            endpoint,
                            auth,
                            rest,
                            done.IsEmpty ? results : done + results,
                            first: false
                        ),
                    Left: error =>
                        first && (rest.IsEmpty || AppliedNothing(error))
                            ? HttpEffect.Fail<Seq<RpcResult<T>>>(error)
                            : HttpEffect.Pure(
                                done
                                    + chunk.Map(c => new RpcResult<T>(
                                        RpcCallId.Of(c.Id),
                                        c.Call.Procedure,
                                        Left<ApiError, T>(error)
                                    ))
                                    + rest.Bind(x => x)
                                        .Map(c => new RpcResult<T>(
                                            RpcCallId.Of(c.Id),
                                            c.Call.Procedure,
                                            Left<ApiError, T>(
                                                new ApiError.RpcNotSent(
                                                    RpcCallId.Of(c.Id),
                                                    c.Call.Procedure,
                                                    error
                                                )
                                            )
                                        ))
                            )
                );
            }
        );
    }

    /// <summary>Whether a failed request certainly changed nothing on the server.</summary>
    private static bool AppliedNothing(ApiError error) =>
        error
            is ApiError.RpcGeneral
                or ApiError.Transport { RequestMayHaveBeenProcessed: false }
                or ApiError.InvalidArgument
                or ApiError.InvalidArguments;

    private static ApiError Prefix(string prefix, ApiError error) =>
        error switch
        {
            ApiError.InvalidArgument a => a with { Field = $"{prefix}.{a.Field}" },
            ApiError.InvalidArguments many => many with
            {
                Errors = many.Errors.Map(e => Prefix(prefix, e)),
            },
            _ => error,
        };
}
