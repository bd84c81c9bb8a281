using System.Globalization;
using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>A content item's info: <c>&lt;content-type&gt;,&lt;byte-size&gt;,&lt;updated-ts&gt;,&lt;meta&gt;[,&lt;protected&gt;]</c>.</summary>
/// <param name="ContentType">The stored media type.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Updated">When it was last uploaded (Unix seconds).</param>
/// <param name="Meta">The meta text.</param>
/// <param name="Protected">Whether only authorised serial numbers may download it (absent in device-side answers).</param>
public sealed record ContentInfo(
    string ContentType,
    long Size,
    long Updated,
    string Meta,
    Option<bool> Protected
);

/// <summary>A downloaded blob.</summary>
/// <param name="Status">200 for the whole blob, 206 for a range.</param>
/// <param name="ContentType">The stored media type (empty when none was sent).</param>
/// <param name="ContentRange">The <c>Content-Range</c> header of a partial answer.</param>
/// <param name="Bytes">The bytes.</param>
public sealed record ContentBlob(
    int Status,
    string ContentType,
    Option<string> ContentRange,
    ReadOnlyMemory<byte> Bytes
)
{
    /// <summary>True for a 206 partial answer.</summary>
    public bool IsPartial => Status == 206;
}

/// <summary>A byte range of a download (<c>Range: bytes=…</c>), 0-based and inclusive.</summary>
public abstract record ByteRange
{
    private ByteRange() { }

    /// <summary><c>bytes=X-Y</c>.</summary>
    public static ByteRange Between(long first, long last) => new Span(first, last);

    /// <summary><c>bytes=X-</c>: from <paramref name="first"/> to the end.</summary>
    public static ByteRange From(long first) => new Open(first);

    /// <summary><c>bytes=-Y</c>: the last <paramref name="count"/> bytes.</summary>
    public static ByteRange Last(long count) => new Suffix(count);

    /// <summary>From <paramref name="FirstByte"/> to <paramref name="LastByte"/>, inclusive.</summary>
    /// <param name="FirstByte">First byte.</param>
    /// <param name="LastByte">Last byte.</param>
    public sealed record Span(long FirstByte, long LastByte) : ByteRange;

    /// <summary>From <paramref name="FirstByte"/> to the end.</summary>
    /// <param name="FirstByte">First byte.</param>
    public sealed record Open(long FirstByte) : ByteRange;

    /// <summary>The last <paramref name="Count"/> bytes.</summary>
    /// <param name="Count">How many.</param>
    public sealed record Suffix(long Count) : ByteRange;

    /// <summary>The <c>Range</c> header value.</summary>
    public string HeaderValue =>
        this switch
        {
            Span s => string.Create(
                CultureInfo.InvariantCulture,
                $"bytes={s.FirstByte}-{s.LastByte}"
            ),
            Open o => string.Create(CultureInfo.InvariantCulture, $"bytes={o.FirstByte}-"),
            Suffix x => string.Create(CultureInfo.InvariantCulture, $"bytes=-{x.Count}"),
            _ => "",
        };

    internal Validation<ApiError, ByteRange> Validate(string field) =>
        this switch
        {
            Span s when s.FirstByte < 0 || s.LastByte < s.FirstByte =>
                ProvisioningChecks.Problem<ByteRange>(field, "must have 0 <= first <= last"),
            Open o when o.FirstByte < 0 => ProvisioningChecks.Problem<ByteRange>(
                field,
                "must not start before 0"
            ),
            Suffix x when x.Count <= 0 => ProvisioningChecks.Problem<ByteRange>(
                field,
                "must ask for at least one byte"
            ),
            _ => Success<ApiError, ByteRange>(this),
        };

    internal static Validation<ApiError, Option<ByteRange>> Optional(
        string field,
        Option<ByteRange> range
    ) =>
        range.Match(
            r =>
                r is null
                    ? ProvisioningChecks.Problem<ByteRange>(field, "is required").Map(Some)
                    : r.Validate(field).Map(Some),
            () => Success<ApiError, Option<ByteRange>>(None)
        );
}

/// <summary>Builders for content (spec §3.4): <c>/provision/manage/content/&lt;model&gt;/…</c>.</summary>
public static class Content
{
    internal const string Root = ProvisioningChecks.Prefix + "/manage/content";

    private static string ModelPath(string model) => PathSegments.Join(Root, model) + "/";

    private static string ItemPath(string model, string id) => PathSegments.Join(Root, model, id);

    /// <summary><c>GET …/content/&lt;model&gt;/</c>: the content ids.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> List(
        ProvisioningAuth auth,
        string model
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Segment("model", model)).Apply(
            (a, m) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", ModelPath(m), a),
                    ProvisioningResponses.Lines
                )
        );

    /// <summary><c>GET …/content/&lt;model&gt;/?sn=&lt;sn&gt;</c>: the ids that serial number may download.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> ListForSerialNumber(
        ProvisioningAuth auth,
        string model,
        string serialNumber
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Name("serialNumber", serialNumber)
        ).Apply(
            (a, m, sn) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", ModelPath(m), a).WithQuery("sn", sn),
                    ProvisioningResponses.Lines
                )
        );

    /// <summary>
    /// <c>POST …/content/&lt;model&gt;/</c> form <c>id=&amp;meta=[&amp;protected=true]</c>: creates a content item
    /// (not protected: every serial number may download it). 205; 409 when it exists.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Create(
        ProvisioningAuth auth,
        string model,
        string id,
        string meta,
        bool isProtected = false
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            ProvisioningChecks.Text("meta", meta)
        ).Apply(
            (a, m, i, me) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", ModelPath(m), a)
                        .WithBody(
                            ProvisioningChecks.Form(
                                Seq(new QueryParam("id", i), new QueryParam("meta", me))
                                    + (
                                        isProtected
                                            ? Seq1(new QueryParam("protected", "true"))
                                            : Empty
                                    )
                            )
                        ),
                    ProvisioningResponses.Done
                )
        );

    /// <summary><c>POST …/content/&lt;model&gt;/&lt;id&gt;</c> with the raw blob and its <c>Content-Type</c> (kept for downloads). 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Upload(
        ProvisioningAuth auth,
        string model,
        string id,
        ReadOnlyMemory<byte> data,
        string contentType
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            MediaType("contentType", contentType)
        ).Apply(
            (a, m, i, t) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", ItemPath(m, i), a)
                        .WithBody(HttpBody.FromBytes(data, t)),
                    ProvisioningResponses.Done
                )
        );

    /// <summary><c>GET …/content/&lt;model&gt;/&lt;id&gt;</c>: type, size, timestamp, meta, protected; 404 after deletion.</summary>
    public static Validation<ApiError, HttpEffect<ContentInfo>> Info(
        ProvisioningAuth auth,
        string model,
        string id
    ) =>
        ProvisioningChecks.Item(
            auth,
            model,
            "id",
            id,
            (a, m, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", ItemPath(m, i), a),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows => ParseInfo(rows, withProtected: true))
                )
        );

    /// <summary>
    /// <c>GET …/content/&lt;model&gt;/&lt;id&gt;?download=true</c> (optionally <c>Range</c>): the blob; 206 with
    /// <c>Content-Range</c> for a range.
    /// </summary>
    public static Validation<ApiError, HttpEffect<ContentBlob>> Download(
        ProvisioningAuth auth,
        string model,
        string id,
        Option<ByteRange> range
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            ByteRange.Optional("range", range)
        ).Apply(
            (a, m, i, rg) =>
                ProvisioningChecks.Send(
                    WithRange(
                        ProvisioningChecks
                            .Request("GET", ItemPath(m, i), a)
                            .WithQuery("download", "true"),
                        rg
                    ),
                    ParseBlob
                )
        );

    /// <summary><c>GET …/content/&lt;model&gt;/&lt;id&gt;?show=groups[&amp;offset&amp;limit]</c>: group ids; 204 none.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> Groups(
        ProvisioningAuth auth,
        string model,
        string id,
        ProvisioningPage page
    ) => ProvisioningChecks.GroupsOf(auth, model, "id", id, page, ItemPath);

    /// <summary><c>DELETE …/content/&lt;model&gt;/&lt;id&gt;</c>. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Delete(
        ProvisioningAuth auth,
        string model,
        string id
    ) =>
        ProvisioningChecks.Item(
            auth,
            model,
            "id",
            id,
            (a, m, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("DELETE", ItemPath(m, i), a),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// Parses a content-info answer (one row). With <paramref name="withProtected"/> the last field is the protected
    /// flag; an unquoted meta holding commas keeps them.
    /// </summary>
    public static Either<ApiError, ContentInfo> ParseInfo(Seq<Seq<string>> rows, bool withProtected)
    {
        var expected = withProtected
            ? "<content-type>,<size>,<timestamp>,<meta>,<protected>"
            : "<content-type>,<size>,<timestamp>,<meta>";
        if (rows.Count != 1)
            return ProvisioningResponses.Malformed<ContentInfo>(
                expected,
                $"found {rows.Count} row(s)"
            );
        var row = rows.Head;
        var minimum = withProtected ? 5 : 4;
        if (row.Count < minimum)
            return ProvisioningResponses.Malformed<ContentInfo>(
                expected,
                $"the row has {row.Count} field(s)"
            );
        var metaFields = row.Skip(3).Take(row.Count - minimum + 1);
        return from size in ProvisioningResponses.Integer(row[1], "a byte size")
            from ts in ProvisioningResponses.Integer(row[2], "a timestamp")
            from prot in withProtected
                ? ProvisioningResponses.Boolean(row.Last, "true or false for protected").Map(Some)
                : Right<ApiError, Option<bool>>(None)
            select new ContentInfo(row[0], size, ts, string.Join(",", metaFields), prot);
    }

    /// <summary>A blob answer (200 or 206): its bytes, content type and content range.</summary>
    public static Either<ApiError, ContentBlob> ParseBlob(HttpResponse response) =>
        ProvisioningResponses
            .Check(response)
            .Map(r => new ContentBlob(
                r.Status,
                r.Header("Content-Type").IfNone(""),
                r.Header("Content-Range"),
                r.Body
            ));

    internal static HttpRequest WithRange(HttpRequest request, Option<ByteRange> range) =>
        range.Match(r => request.WithHeader(new HttpHeader("Range", r.HeaderValue)), () => request);

    private static Validation<ApiError, string> MediaType(string field, string? value) =>
        ProvisioningChecks
            .HeaderValue(field, value, secret: false)
            .Bind(v =>
                v.Contains('/', StringComparison.Ordinal)
                    ? Success<ApiError, string>(v)
                    : ProvisioningChecks.Problem<string>(
                        field,
                        "must be a media type like text/plain"
                    )
            );
}
