using System.Text;
using System.Text.Json;
using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>One row of a serial-number listing.</summary>
/// <param name="SerialNumber">The serial number.</param>
/// <param name="Status">The status (only when listed with <c>status=true</c>; absent until a client exists).</param>
/// <param name="Rid">The device client's RID (absent until enabled).</param>
/// <param name="Extra">The extra text given when it was added (empty for shared models).</param>
public sealed record SerialNumberRow(
    string SerialNumber,
    Option<string> Status,
    Option<string> Rid,
    string Extra
);

/// <summary>One line of a serial number's info: <c>&lt;status&gt;,&lt;rid&gt;,&lt;extra&gt;</c>.</summary>
/// <param name="Status">The status, e.g. <c>notactivated</c>, <c>activated</c>, <c>expired</c> (absent when blank).</param>
/// <param name="Rid">The device client's RID (absent when blank).</param>
/// <param name="Extra">The extra text.</param>
public sealed record SerialNumberInfo(Option<string> Status, Option<string> Rid, string Extra);

/// <summary>One activation-log entry: <c>&lt;timestamp&gt;,&lt;connection-info&gt;,&lt;log-entry&gt;</c>.</summary>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="ConnectionInfo">Where the device connected from.</param>
/// <param name="Entry">What happened.</param>
public sealed record ActivationLogEntry(long Timestamp, string ConnectionInfo, string Entry);

/// <summary>A serial number with its extra text, for adding many as CSV.</summary>
/// <param name="SerialNumber">The serial number.</param>
/// <param name="Extra">The extra text (may be empty).</param>
public sealed record SerialNumberEntry(string SerialNumber, string Extra);

/// <summary>Options of a serial-number listing.</summary>
/// <param name="Page">Offset and limit.</param>
/// <param name="WithStatus">Adds <c>status=true</c>: rows then carry the status.</param>
/// <param name="SharedBy">Adds <c>shared=&lt;vendor&gt;</c>: lists a model another vendor shared.</param>
public sealed record SerialNumberListOptions(
    ProvisioningPage Page,
    bool WithStatus,
    Option<string> SharedBy
)
{
    /// <summary>Server defaults, no status.</summary>
    public static SerialNumberListOptions Default { get; } =
        new(ProvisioningPage.Default, false, None);

    /// <summary>A copy with the given page.</summary>
    public SerialNumberListOptions WithPage(ProvisioningPage page) => this with { Page = page };

    /// <summary>A copy with <see cref="WithStatus"/> set.</summary>
    public SerialNumberListOptions WithStatusColumn(bool value) => this with { WithStatus = value };

    /// <summary>A copy listing a model shared by <paramref name="vendor"/>.</summary>
    public SerialNumberListOptions WithSharedBy(string vendor) =>
        this with
        {
            SharedBy = Some(vendor),
        };
}

/// <summary>
/// Builders for serial numbers (spec §3.2, §3.3): <c>/provision/manage/model/&lt;model&gt;/</c> and
/// <c>/provision/manage/model/&lt;model&gt;/&lt;sn&gt;</c>. These calls send <c>X-Exosite-Vendor</c> when the auth names a
/// shared vendor.
/// </summary>
public static class SerialNumbers
{
    private static string ModelPath(string model) => PathSegments.Join(Models.Root, model) + "/";

    private static string SnPath(string model, string sn) =>
        PathSegments.Join(Models.Root, model, sn);

    private static HttpRequest Req(string method, string path, ProvisioningAuth auth) =>
        ProvisioningChecks.Request(method, path, auth, allowSharedVendor: true);

    /// <summary>
    /// <c>GET …/model/&lt;model&gt;/?offset=&amp;limit=[&amp;shared=][&amp;status=true]</c>: rows
    /// <c>&lt;sn&gt;,&lt;rid&gt;,&lt;extra&gt;</c> (with status: <c>&lt;sn&gt;,&lt;status&gt;,&lt;rid&gt;,&lt;extra&gt;</c>).
    /// </summary>
    public static Validation<ApiError, HttpEffect<Seq<SerialNumberRow>>> List(
        ProvisioningAuth auth,
        string model,
        SerialNumberListOptions options
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            options is null
                ? ProvisioningChecks.Problem<SerialNumberListOptions>("options", "is required")
                : (
                    ProvisioningPage.Require("options.page", options.Page),
                    options.SharedBy.Match(
                        v => ProvisioningChecks.Name("options.sharedBy", v),
                        () => Success<ApiError, string>("")
                    )
                ).Apply((_, _) => options)
        ).Apply(
            (a, m, o) =>
            {
                var request = o.Page.AddTo(Req("GET", ModelPath(m), a));
                request = o.SharedBy.Match(v => request.WithQuery("shared", v), () => request);
                request = o.WithStatus ? request.WithQuery("status", "true") : request;
                return ProvisioningChecks.Send(
                    request,
                    r => ProvisioningResponses.Rows(r).Bind(rows => ParseList(rows, o.WithStatus))
                );
            }
        );

    /// <summary>Parses listing rows; a comma inside an unquoted extra stays in the extra.</summary>
    public static Either<ApiError, Seq<SerialNumberRow>> ParseList(
        Seq<Seq<string>> rows,
        bool withStatus
    )
    {
        var fixedFields = withStatus ? 3 : 2;
        return ProvisioningResponses.Each(
            rows,
            (row, i) =>
            {
                if (row.Count < fixedFields)
                    return ProvisioningResponses.Malformed<SerialNumberRow>(
                        withStatus ? "<sn>,<status>,<rid>,<extra> rows" : "<sn>,<rid>,<extra> rows",
                        $"row {i} has {row.Count} field(s)"
                    );
                var extra = string.Join(",", row.Skip(fixedFields));
                return withStatus
                    ? new SerialNumberRow(
                        row[0],
                        ProvisioningResponses.Blank(row[1]),
                        ProvisioningResponses.Blank(row[2]),
                        extra
                    )
                    : new SerialNumberRow(row[0], None, ProvisioningResponses.Blank(row[1]), extra);
            }
        );
    }

    /// <summary>
    /// <c>POST …/model/&lt;model&gt;/</c> form <c>sn=&lt;sn&gt;[&amp;extra=&lt;extra&gt;]</c>: adds one. 205; 409 when it
    /// exists. With <see cref="ArgumentForm.Pyonep"/> the form starts with pyonep's <c>add=true</c>.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Add(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        Option<string> extra,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Name("serialNumber", serialNumber),
            extra.Match(
                e => ProvisioningChecks.Text("extra", e),
                () => Success<ApiError, string>("")
            ),
            CheckForm(form)
        ).Apply(
            (a, m, sn, _, f) =>
                Mutation(
                    Req("POST", ModelPath(m), a),
                    AddFlag(f)
                        + Seq1(new QueryParam("sn", sn))
                        + extra.Map(e => new QueryParam("extra", e)).ToSeq()
                )
        );

    /// <summary>
    /// <c>POST …/model/&lt;model&gt;/</c> form <c>sn[]=a&amp;sn[]=b…</c>: adds many. 205; 409. With
    /// <see cref="ArgumentForm.Pyonep"/> the form starts with pyonep's <c>add=true</c>.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> AddMany(
        ProvisioningAuth auth,
        string model,
        Seq<string> serialNumbers,
        ArgumentForm form = ArgumentForm.Documented
    ) => Many(auth, model, serialNumbers, form, AddFlag);

    /// <summary><c>POST …/model/&lt;model&gt;/</c> with a <c>text/csv</c> body of <c>&lt;sn&gt;,&lt;extra&gt;</c> lines. 205; 409.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> AddCsv(
        ProvisioningAuth auth,
        string model,
        Seq<SerialNumberEntry> entries
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            entries.IsEmpty
                ? ProvisioningChecks.Problem<Seq<SerialNumberEntry>>("entries", "must not be empty")
                : entries
                    .Map(
                        (i, e) =>
                            e is null
                                ? ProvisioningChecks.Problem<SerialNumberEntry>(
                                    $"entries[{i}]",
                                    "is required"
                                )
                                : (
                                    ProvisioningChecks.Name(
                                        $"entries[{i}].serialNumber",
                                        e.SerialNumber
                                    ),
                                    ProvisioningChecks.Text($"entries[{i}].extra", e.Extra)
                                ).Apply((_, _) => e)
                    )
                    .Sequence()
                    .Map(toSeq)
        ).Apply(
            (a, m, es) =>
                ProvisioningChecks.Send(
                    Req("POST", ModelPath(m), a)
                        .WithBody(Csv(es.Map(e => Seq(e.SerialNumber, e.Extra)))),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>POST …/model/&lt;model&gt;/</c> form <c>delete=true&amp;sn[]=…</c>: removes many. 205. With
    /// <see cref="ArgumentForm.Pyonep"/> the form starts with pyonep's <c>remove=true</c> instead.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> RemoveMany(
        ProvisioningAuth auth,
        string model,
        Seq<string> serialNumbers,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        Many(
            auth,
            model,
            serialNumbers,
            form,
            f => Seq1(new QueryParam(f == ArgumentForm.Pyonep ? "remove" : "delete", "true"))
        );

    /// <summary><c>DELETE …/model/&lt;model&gt;/</c> with a <c>text/csv</c> body of <c>&lt;sn&gt;</c> lines: removes many. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> RemoveCsv(
        ProvisioningAuth auth,
        string model,
        Seq<string> serialNumbers
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Names("serialNumbers", serialNumbers)
        ).Apply(
            (a, m, sns) =>
                ProvisioningChecks.Send(
                    Req("DELETE", ModelPath(m), a).WithBody(Csv(sns.Map(sn => Seq1(sn)))),
                    ProvisioningResponses.Done
                )
        );

    /// <summary><c>GET …/model/&lt;model&gt;/&lt;sn&gt;</c>: <c>&lt;status&gt;,&lt;rid&gt;,&lt;extra&gt;</c> lines; 204 (no lines) when unused.</summary>
    public static Validation<ApiError, HttpEffect<Seq<SerialNumberInfo>>> Info(
        ProvisioningAuth auth,
        string model,
        string serialNumber
    ) =>
        One(
            auth,
            model,
            serialNumber,
            (a, m, sn) =>
                ProvisioningChecks.Send(
                    Req("GET", SnPath(m, sn), a),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows =>
                                ProvisioningResponses.Each(
                                    rows,
                                    (row, i) =>
                                        row.Count >= 2
                                            ? Right<ApiError, SerialNumberInfo>(
                                                new SerialNumberInfo(
                                                    ProvisioningResponses.Blank(row[0]),
                                                    ProvisioningResponses.Blank(row[1]),
                                                    string.Join(",", row.Skip(2))
                                                )
                                            )
                                            : ProvisioningResponses.Malformed<SerialNumberInfo>(
                                                "<status>,<rid>,<extra> rows",
                                                $"row {i} has {row.Count} field(s)"
                                            )
                                )
                            )
                )
        );

    /// <summary><c>GET …/model/&lt;model&gt;/&lt;sn&gt;?show=groups[&amp;offset&amp;limit]</c>: the group ids; 204 none.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> Groups(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        ProvisioningPage page
    ) =>
        ProvisioningChecks.GroupsOf(
            auth,
            model,
            "serialNumber",
            serialNumber,
            page,
            SnPath,
            allowSharedVendor: true
        );

    /// <summary><c>GET …/model/&lt;model&gt;/&lt;sn&gt;?show=log</c>: the activation log; 204 (empty) when none.</summary>
    public static Validation<ApiError, HttpEffect<Seq<ActivationLogEntry>>> ActivationLog(
        ProvisioningAuth auth,
        string model,
        string serialNumber
    ) =>
        One(
            auth,
            model,
            serialNumber,
            (a, m, sn) =>
                ProvisioningChecks.Send(
                    Req("GET", SnPath(m, sn), a).WithQuery("show", "log"),
                    r => ProvisioningResponses.Rows(r).Bind(ParseLog)
                )
        );

    /// <summary>Parses activation-log rows <c>&lt;timestamp&gt;,&lt;connection-info&gt;,&lt;log-entry&gt;</c>.</summary>
    public static Either<ApiError, Seq<ActivationLogEntry>> ParseLog(Seq<Seq<string>> rows) =>
        ProvisioningResponses.Each(
            rows,
            (row, i) =>
                row.Count < 3
                    ? ProvisioningResponses.Malformed<ActivationLogEntry>(
                        "<timestamp>,<connection-info>,<log-entry> rows",
                        $"row {i} has {row.Count} field(s)"
                    )
                    : ProvisioningResponses
                        .Integer(row[0], $"a timestamp in row {i}")
                        .Map(ts => new ActivationLogEntry(
                            ts,
                            row[1],
                            string.Join(",", row.Skip(2))
                        ))
        );

    /// <summary>
    /// <c>POST …/model/&lt;model&gt;/&lt;sn&gt;</c> form <c>enable=true&amp;owner=&lt;rid&gt;</c>: creates the device client
    /// under <paramref name="ownerRid"/>. 200 with the new client's RID; 409 when the owner lacks resources.
    /// </summary>
    public static Validation<ApiError, HttpEffect<string>> Enable(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        string ownerRid
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("serialNumber", serialNumber),
            Identifier.Validate("ownerRid", ownerRid)
        ).Apply(
            (a, m, sn, owner) =>
                ProvisioningChecks.Send(
                    Req("POST", SnPath(m, sn), a)
                        .WithBody(ProvisioningChecks.Form(("enable", "true"), ("owner", owner))),
                    r =>
                        ProvisioningResponses
                            .Text(r, "the new client's RID")
                            .Bind(rid =>
                                Identifier.IsValid(rid)
                                    ? Right<ApiError, string>(rid)
                                    : ProvisioningResponses.Malformed<string>(
                                        "the new client's RID (40 hex)",
                                        $"found \"{ProvisioningResponses.Shorten(rid)}\""
                                    )
                            )
                )
        );

    /// <summary>
    /// <c>POST …/model/&lt;model&gt;/&lt;sn&gt;</c> form <c>enable=true&amp;oldsn=&lt;oldsn&gt;</c>: moves the client of
    /// <paramref name="oldSerialNumber"/> to this serial number (it must be activated again). 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Remap(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        string oldSerialNumber
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("serialNumber", serialNumber),
            ProvisioningChecks.Name("oldSerialNumber", oldSerialNumber)
        ).Apply(
            (a, m, sn, old) =>
                Mutation(
                    Req("POST", SnPath(m, sn), a),
                    Seq(new QueryParam("enable", "true"), new QueryParam("oldsn", old))
                )
        );

    /// <summary><c>POST …/model/&lt;model&gt;/&lt;sn&gt;</c> form <c>enable=true</c>: regenerates the CIK (the old one stops working). 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Regenerate(
        ProvisioningAuth auth,
        string model,
        string serialNumber
    ) =>
        One(
            auth,
            model,
            serialNumber,
            (a, m, sn) =>
                Mutation(Req("POST", SnPath(m, sn), a), Seq1(new QueryParam("enable", "true")))
        );

    /// <summary><c>POST …/model/&lt;model&gt;/&lt;sn&gt;</c> form <c>disable=true</c>: disables the CIK (status <c>expired</c>). 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Disable(
        ProvisioningAuth auth,
        string model,
        string serialNumber
    ) =>
        One(
            auth,
            model,
            serialNumber,
            (a, m, sn) =>
                Mutation(Req("POST", SnPath(m, sn), a), Seq1(new QueryParam("disable", "true")))
        );

    /// <summary><c>DELETE …/model/&lt;model&gt;/&lt;sn&gt;</c>: removes the serial number. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Delete(
        ProvisioningAuth auth,
        string model,
        string serialNumber
    ) =>
        One(
            auth,
            model,
            serialNumber,
            (a, m, sn) =>
                ProvisioningChecks.Send(Req("DELETE", SnPath(m, sn), a), ProvisioningResponses.Done)
        );

    /// <summary>The media type of range bodies (<c>application/javascript</c> JSON, as exoline sends it).</summary>
    public const string RangesContentType = "application/javascript; charset=utf-8";

    /// <summary>
    /// <c>GET …/model/&lt;model&gt;/?show=ranges</c>: the model's serial-number ranges, from the
    /// <c>application/javascript</c> JSON answer <c>{"ranges":[…]}</c> (204 or an empty body: none).
    /// </summary>
    public static Validation<ApiError, HttpEffect<Seq<SerialNumberRange>>> Ranges(
        ProvisioningAuth auth,
        string model
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Segment("model", model)).Apply(
            (a, m) =>
                ProvisioningChecks.Send(
                    Req("GET", ModelPath(m), a).WithQuery("show", "ranges"),
                    r =>
                        ProvisioningResponses
                            .Check(r)
                            .Bind(ok =>
                                ok.Status == 204
                                    ? Right<ApiError, Seq<SerialNumberRange>>(Empty)
                                    : ParseRanges(ok.BodyText)
                            )
                )
        );

    /// <summary>
    /// <c>POST …/model/&lt;model&gt;/</c> with the <c>application/javascript</c> body <c>{"ranges":[…]}</c>: adds
    /// ranges. 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> AddRanges(
        ProvisioningAuth auth,
        string model,
        Seq<SerialNumberRange> ranges
    ) => RangeChange("POST", auth, model, ranges);

    /// <summary>
    /// <c>DELETE …/model/&lt;model&gt;/</c> with the <c>application/javascript</c> body <c>{"ranges":[…]}</c>: removes
    /// ranges. 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> RemoveRanges(
        ProvisioningAuth auth,
        string model,
        Seq<SerialNumberRange> ranges
    ) => RangeChange("DELETE", auth, model, ranges);

    /// <summary>
    /// Parses a ranges answer: <c>{"ranges":[{"format":…,"length":…,"casing":…,"first":…,"last":…},…]}</c> (a bare
    /// array of ranges is accepted too; an empty body means none). Unknown fields are ignored; a null or missing
    /// length or casing is None. Anything else is <see cref="ApiError.MalformedResponse"/>; never throws.
    /// </summary>
    public static Either<ApiError, Seq<SerialNumberRange>> ParseRanges(string body)
    {
        const string Expected = "a JSON object {\"ranges\":[…]}";
        if (body is null || body.Trim().Length == 0)
            return Right<ApiError, Seq<SerialNumberRange>>(Empty);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ProvisioningResponses.Malformed<Seq<SerialNumberRange>>(
                Expected,
                "the body is not JSON"
            );
        }
        using (doc)
        {
            var root = doc.RootElement;
            JsonElement list;
            if (root.ValueKind == JsonValueKind.Array)
                list = root;
            else if (
                root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("ranges", out var inner)
                && inner.ValueKind == JsonValueKind.Array
            )
                list = inner;
            else
                return ProvisioningResponses.Malformed<Seq<SerialNumberRange>>(
                    Expected,
                    $"found {Json.Describe(root)}"
                        + (root.ValueKind == JsonValueKind.Object ? " without a ranges array" : "")
                );
            var result = new List<SerialNumberRange>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var parsed = ParseRange(item, index++);
                if (parsed.IsLeft)
                    return parsed.Map(_ => Seq<SerialNumberRange>());
                parsed.IfRight(result.Add);
            }
            return toSeq(result.ToArray());
        }
    }

    private static Either<ApiError, SerialNumberRange> ParseRange(JsonElement item, int i)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return ProvisioningResponses.Malformed<SerialNumberRange>(
                "a range object",
                $"ranges[{i}] is {Json.Describe(item)}"
            );
        Either<ApiError, T> Bad<T>(string field, string expected, string found) =>
            ProvisioningResponses.Malformed<T>($"ranges[{i}].{field} to be {expected}", found);
        Option<JsonElement> Field(string name) =>
            item.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
                ? Some(v)
                : None;
        string Found(JsonElement v) =>
            "found "
            + Json.StringOf(v)
                .Map(s => $"\"{ProvisioningResponses.Shorten(s)}\"")
                .IfNone(() => Json.Describe(v));
        Either<ApiError, long> Integer(string name) =>
            Field(name)
                .Match(
                    v =>
                        v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0
                            ? Right<ApiError, long>(n)
                            : Bad<long>(name, "a non-negative integer", Found(v)),
                    () => Bad<long>(name, "a non-negative integer", "it is missing")
                );
        var format = Field("format")
            .Match(
                v =>
                    Json.StringOf(v)
                        .Bind(SerialNumberFormats.ParseFormat)
                        .Match(
                            Right<ApiError, SerialNumberFormat>,
                            () =>
                                Bad<SerialNumberFormat>(
                                    "format",
                                    "base10, base16, mac:48, mac-48 or mac.48",
                                    Found(v)
                                )
                        ),
                () => Bad<SerialNumberFormat>("format", "a format name", "it is missing")
            );
        var length = Field("length")
            .Match(
                v =>
                    v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0
                        ? Right<ApiError, Option<int>>(Some(n))
                        : Bad<Option<int>>("length", "a non-negative integer or null", Found(v)),
                () => Right<ApiError, Option<int>>(None)
            );
        var casing = Field("casing")
            .Match(
                v =>
                    Json.StringOf(v)
                        .Bind(SerialNumberFormats.ParseCasing)
                        .Match(
                            c => Right<ApiError, Option<SerialNumberCasing>>(Some(c)),
                            () =>
                                Bad<Option<SerialNumberCasing>>(
                                    "casing",
                                    "upper, lower or null",
                                    Found(v)
                                )
                        ),
                () => Right<ApiError, Option<SerialNumberCasing>>(None)
            );
        return from f in format
            from l in length
            from c in casing
            from first in Integer("first")
            from last in Integer("last")
            select new SerialNumberRange(f, l, c, first, last);
    }

    private static Validation<ApiError, HttpEffect<Unit>> RangeChange(
        string method,
        ProvisioningAuth auth,
        string model,
        Seq<SerialNumberRange> ranges
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ranges.IsEmpty
                ? ProvisioningChecks.Problem<Seq<SerialNumberRange>>("ranges", "must not be empty")
                : ranges
                    .Map(
                        (i, r) =>
                            r is null
                                ? ProvisioningChecks.Problem<SerialNumberRange>(
                                    $"ranges[{i}]",
                                    "is required"
                                )
                                : r.Validate($"ranges[{i}]")
                    )
                    .Sequence()
                    .Map(toSeq)
        ).Apply(
            (a, m, rs) =>
                ProvisioningChecks.Send(
                    Req(method, ModelPath(m), a)
                        .WithBody(HttpBody.FromBytes(WriteRanges(rs), RangesContentType)),
                    ProvisioningResponses.Done
                )
        );

    private static byte[] WriteRanges(Seq<SerialNumberRange> ranges) =>
        Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("ranges");
            foreach (var r in ranges)
                r.WriteTo(w);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    internal static HttpBody Csv(Seq<Seq<string>> rows) =>
        HttpBody.FromBytes(
            Encoding.UTF8.GetBytes(ProvisioningResponses.WriteCsv(rows)),
            "text/csv; charset=utf-8"
        );

    private static HttpEffect<Unit> Mutation(HttpRequest request, Seq<QueryParam> form) =>
        ProvisioningChecks.Send(
            request.WithBody(ProvisioningChecks.Form(form)),
            ProvisioningResponses.Done
        );

    private static Validation<ApiError, HttpEffect<Unit>> Many(
        ProvisioningAuth auth,
        string model,
        Seq<string> serialNumbers,
        ArgumentForm form,
        Func<ArgumentForm, Seq<QueryParam>> first
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Names("serialNumbers", serialNumbers),
            CheckForm(form)
        ).Apply(
            (a, m, sns, f) =>
                Mutation(
                    Req("POST", ModelPath(m), a),
                    first(f) + sns.Map(sn => new QueryParam("sn[]", sn))
                )
        );

    /// <summary>pyonep's <c>add=true</c> flag (nothing in the documented form).</summary>
    private static Seq<QueryParam> AddFlag(ArgumentForm form) =>
        form == ArgumentForm.Pyonep ? Seq1(new QueryParam("add", "true")) : Empty;

    internal static Validation<ApiError, ArgumentForm> CheckForm(ArgumentForm form) =>
        form is ArgumentForm.Documented or ArgumentForm.Pyonep
            ? Success<ApiError, ArgumentForm>(form)
            : ProvisioningChecks.Problem<ArgumentForm>("form", "is not a known argument form");

    private static Validation<ApiError, HttpEffect<T>> One<T>(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        Func<ProvisioningAuth, string, string, HttpEffect<T>> build
    ) => ProvisioningChecks.Item(auth, model, "serialNumber", serialNumber, build);
}
