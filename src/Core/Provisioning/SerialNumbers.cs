using System.Text;
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

    /// <summary><c>POST …/model/&lt;model&gt;/</c> form <c>sn=&lt;sn&gt;[&amp;extra=&lt;extra&gt;]</c>: adds one. 205; 409 when it exists.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Add(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        Option<string> extra
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Name("serialNumber", serialNumber),
            extra.Match(
                e => ProvisioningChecks.Text("extra", e),
                () => Success<ApiError, string>("")
            )
        ).Apply(
            (a, m, sn, _) =>
                Mutation(
                    Req("POST", ModelPath(m), a),
                    Seq1(new QueryParam("sn", sn))
                        + extra.Map(e => new QueryParam("extra", e)).ToSeq()
                )
        );

    /// <summary><c>POST …/model/&lt;model&gt;/</c> form <c>sn[]=a&amp;sn[]=b…</c>: adds many. 205; 409.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> AddMany(
        ProvisioningAuth auth,
        string model,
        Seq<string> serialNumbers
    ) => Many(auth, model, serialNumbers, Empty);

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
    /// <c>POST …/model/&lt;model&gt;/</c> form <c>delete=true&amp;sn[]=…</c> (documented; pyonep sends
    /// <c>remove=true</c>): removes many. 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> RemoveMany(
        ProvisioningAuth auth,
        string model,
        Seq<string> serialNumbers
    ) => Many(auth, model, serialNumbers, Seq1(new QueryParam("delete", "true")));

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
        Seq<QueryParam> first
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Names("serialNumbers", serialNumbers)
        ).Apply(
            (a, m, sns) =>
                Mutation(
                    Req("POST", ModelPath(m), a),
                    first + sns.Map(sn => new QueryParam("sn[]", sn))
                )
        );

    private static Validation<ApiError, HttpEffect<T>> One<T>(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        Func<ProvisioningAuth, string, string, HttpEffect<T>> build
    ) => ProvisioningChecks.Item(auth, model, "serialNumber", serialNumber, build);
}
