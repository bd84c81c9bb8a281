using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Core.Provisioning;
using static Functional.PropertyTests.Provisioning.Args;

namespace Functional.PropertyTests.Provisioning;

/// <summary>Generators of Provisioning arguments (valid and invalid) and of the expectations built from them.</summary>
public static class ProvisioningGen
{
    // ---- expectations (spelled out here, not taken from Core) ----------------------------------------

    /// <summary>Path segments.</summary>
    public static Seq<string> P(params string[] segments) => toSeq(segments);

    /// <summary>Pairs.</summary>
    public static Seq<Pair> Q(params (string Name, string Value)[] pairs) =>
        toSeq(pairs.Select(p => new Pair(p.Name, p.Value)));

    /// <summary>A form body.</summary>
    public static Body Form(params (string Name, string Value)[] pairs) => new Body.Form(Q(pairs));

    /// <summary>A form body.</summary>
    public static Body Form(Seq<Pair> pairs) => new Body.Form(pairs);

    /// <summary>The headers of a management call: the key (X-Exosite-CIK or X-Exosite-Token, secret), and X-Exosite-Vendor when sent.</summary>
    public static Seq<Header> AuthHeaders(
        ProvisioningAuth auth,
        bool vendorHeader = false,
        bool forceToken = false
    )
    {
        var name =
            !forceToken && auth.Kind == ProvisioningKeyKind.Cik
                ? "X-Exosite-CIK"
                : "X-Exosite-Token";
        var key = Seq1(new Header(name, auth.Key, true));
        return vendorHeader
            ? auth.SharedVendor.Match(
                v => key.Add(new Header("X-Exosite-Vendor", v, false)),
                () => key
            )
            : key;
    }

    /// <summary>The query pairs of a page: offset and limit when given.</summary>
    public static Seq<Pair> PagePairs(ProvisioningPage page) =>
        page.Offset.Map(o => new Pair("offset", Dec(o))).ToSeq()
        + page.Limit.Map(l => new Pair("limit", Dec(l))).ToSeq();

    /// <summary>The Range header value, e.g. <c>bytes=0-9</c>.</summary>
    public static string RangeHeader(ByteRange r) =>
        r switch
        {
            ByteRange.Span s => $"bytes={Dec(s.FirstByte)}-{Dec(s.LastByte)}",
            ByteRange.Open o => $"bytes={Dec(o.FirstByte)}-",
            ByteRange.Suffix x => $"bytes=-{Dec(x.Count)}",
            _ => throw new InvalidOperationException("unknown range"),
        };

    /// <summary>The template's form field.</summary>
    public static Pair TemplatePair(ModelTemplate t) =>
        t switch
        {
            ModelTemplate.Rid r => new Pair("rid", r.Value),
            ModelTemplate.ShareCode c => new Pair("code", c.Code),
            _ => throw new InvalidOperationException("unknown template"),
        };

    /// <summary><c>options[]=noaliases|nocomments|nohistorical</c> for each thing not copied.</summary>
    public static Seq<Pair> OptionPairs(ModelOptions o) =>
        toSeq(
            new[]
            {
                (o.Aliases, "noaliases"),
                (o.Comments, "nocomments"),
                (o.Historical, "nohistorical"),
            }
                .Where(x => !x.Item1)
                .Select(x => new Pair("options[]", x.Item2))
        );

    /// <summary>The JSON body of a ranges call.</summary>
    public static string RangesJson(Seq<SerialNumberRange> ranges)
    {
        var list = new JsonArray();
        foreach (var r in ranges)
        {
            list.Add(
                new JsonObject
                {
                    ["format"] = r.Format switch
                    {
                        SerialNumberFormat.Base10 => "base10",
                        SerialNumberFormat.Base16 => "base16",
                        SerialNumberFormat.MacColon => "mac:48",
                        SerialNumberFormat.MacDash => "mac-48",
                        _ => "mac.48",
                    },
                    ["length"] = r.Length.MatchUnsafe(
                        n => (JsonNode?)JsonValue.Create(n),
                        () => null
                    ),
                    ["casing"] = r.Casing.MatchUnsafe(
                        c =>
                            (JsonNode?)
                                JsonValue.Create(c == SerialNumberCasing.Upper ? "upper" : "lower"),
                        () => null
                    ),
                    ["first"] = r.First,
                    ["last"] = r.Last,
                }
            );
        }
        return new JsonObject { ["ranges"] = list }.ToJsonString();
    }

    // ---- showing ------------------------------------------------------------------------------------------

    /// <summary>Auth with its key shown (test data only).</summary>
    public static string ShowAuth(ProvisioningAuth? a) =>
        a is null
            ? "null"
            : $"{a.Kind}({Wire.Show(a.Key)}{a.SharedVendor.Match(v => ", vendor " + Wire.Show(v), () => "")})";

    /// <summary>A page.</summary>
    public static string ShowPage(ProvisioningPage? p) =>
        p is null
            ? "null"
            : $"Page({p.Offset.Match(o => Dec(o), () => "-")}, {p.Limit.Match(l => Dec(l), () => "-")})";

    /// <summary>A call description.</summary>
    public static string D(string builder, params string[] args) =>
        $"{builder}({string.Join(", ", args)})";

    // ---- valid values ----------------------------------------------------------------------------------

    /// <summary>Vendor-token or CIK auth, sometimes naming a shared vendor.</summary>
    public static Gen<ProvisioningAuth> AnyAuth { get; } =
        from cik in Gen.Elements(true, false)
        from key in cik ? Hex40 : HeaderSafe
        from vendor in Maybe(HeaderSafe)
        select new ProvisioningAuth(
            cik ? ProvisioningKeyKind.Cik : ProvisioningKeyKind.VendorToken,
            key,
            vendor
        );

    /// <summary>A valid page.</summary>
    public static Gen<ProvisioningPage> Page { get; } =
        from o in Maybe(NonNegative)
        from l in Maybe(Gen.Frequency((3, Gen.Choose(1, 1000)), (1, Gen.Elements(1, 1000))))
        select new ProvisioningPage(o, l);

    /// <summary>A valid template.</summary>
    public static Gen<ModelTemplate> Template { get; } =
        Gen.OneOf(Hex40.Select(ModelTemplate.FromRid), Hex40.Select(ModelTemplate.FromShareCode));

    /// <summary>Any model options.</summary>
    public static Gen<ModelOptions> Options { get; } =
        from a in Gen.Elements(true, false)
        from c in Gen.Elements(true, false)
        from h in Gen.Elements(true, false)
        select new ModelOptions(a, c, h);

    /// <summary>Either argument form.</summary>
    public static Gen<ArgumentForm> FormKind { get; } =
        Gen.Elements(ArgumentForm.Documented, ArgumentForm.Pyonep);

    /// <summary>A valid byte range.</summary>
    public static Gen<ByteRange> ByteRanges { get; } =
        Gen.OneOf(
            from f in NonNegativeLong
            from extra in NonNegativeLong
            select ByteRange.Between(f, f > long.MaxValue - extra ? long.MaxValue : f + extra),
            NonNegativeLong.Select(ByteRange.From),
            NonNegativeLong.Where(n => n > 0).Select(ByteRange.Last)
        );

    private static readonly SerialNumberFormat[] Formats =
    [
        SerialNumberFormat.Base10,
        SerialNumberFormat.Base16,
        SerialNumberFormat.MacColon,
        SerialNumberFormat.MacDash,
        SerialNumberFormat.MacDot,
    ];

    private const long MaxMac = (1L << 48) - 1;

    /// <summary>A valid serial-number range.</summary>
    public static Gen<SerialNumberRange> SnRange { get; } =
        from format in Gen.Elements(Formats)
        from length in Maybe(Gen.Choose(1, 64))
        from casing in Maybe(Gen.Elements(SerialNumberCasing.Upper, SerialNumberCasing.Lower))
        let max = format is SerialNumberFormat.Base10 or SerialNumberFormat.Base16
            ? long.MaxValue
            : MaxMac
        from a in Gen.Frequency(
            (3, NonNegativeLong.Select(n => n % (max == long.MaxValue ? long.MaxValue : max + 1))),
            (1, Gen.Elements(0L, max))
        )
        from b in Gen.Frequency(
            (3, NonNegativeLong.Select(n => n % (max == long.MaxValue ? long.MaxValue : max + 1))),
            (1, Gen.Elements(0L, max))
        )
        select new SerialNumberRange(format, length, casing, Math.Min(a, b), Math.Max(a, b));

    /// <summary>A serial number with extra text.</summary>
    public static Gen<SerialNumberEntry> Entry { get; } =
        from sn in Name
        from extra in Text
        select new SerialNumberEntry(sn, extra);

    /// <summary>A group member for CSV.</summary>
    public static Gen<GroupMember> Member { get; } =
        from t in Name
        from id in Name
        from e in Text
        from m in Text
        select new GroupMember(t, id, e, m);

    /// <summary>A member reference for CSV.</summary>
    public static Gen<GroupMemberRef> MemberRef { get; } =
        from t in Name
        from id in Name
        select new GroupMemberRef(t, id);

    /// <summary>A valid content type: a media type with '/', header-safe.</summary>
    public static Gen<string> MediaType { get; } =
        Gen.OneOf(
            Gen.Elements(
                "application/octet-stream",
                "text/plain; charset=utf-8",
                "image/png",
                "a/b"
            ),
            from a in HeaderSafe
            from b in HeaderSafe
            select a + "/" + b
        );

    // ---- argument generators with their invalid values ---------------------------------------------------

    private static Gen<string?> BadHeader(bool secret) =>
        Gen.OneOf(
            Gen.Elements<string?>(null, "", "a\r\nb", "\n", "x\u0000", "\u007F", "\u0085"),
            secret ? Gen.Constant<string?>("\t") : LoneSurrogate.Select(s => (string?)s)
        );

    /// <summary>The auth argument: null, a bad key, a bad shared vendor, an unknown kind.</summary>
    public static ArgGen AuthArg(string field = "auth") =>
        ArgGen.Of<ProvisioningAuth>(
            AnyAuth,
            Gen.OneOf(
                Gen.Constant(((ProvisioningAuth)null!, Seq1(field))),
                from cik in Gen.Elements(true, false)
                from key in cik ? BadIdentifier : BadHeader(secret: true)
                from vendor in Gen.Frequency(
                    (2, Maybe(HeaderSafe).Select(v => (v, false))),
                    (1, BadHeader(false).Where(v => v is not null).Select(v => (Some(v!), true)))
                )
                select (
                    new ProvisioningAuth(
                        cik ? ProvisioningKeyKind.Cik : ProvisioningKeyKind.VendorToken,
                        key!,
                        vendor.Item1
                    ),
                    vendor.Item2
                        ? Seq($"{field}.key", $"{field}.sharedVendor")
                        : Seq1($"{field}.key")
                ),
                from key in HeaderSafe
                from vendor in BadHeader(false).Where(v => v is not null)
                select (
                    ProvisioningAuth.Token(key).WithSharedVendor(vendor!),
                    Seq1($"{field}.sharedVendor")
                ),
                from key in Hex40
                from kind in Gen.Elements(2, 7, -1)
                select (
                    new ProvisioningAuth((ProvisioningKeyKind)kind, key, None),
                    Seq1($"{field}.kind")
                )
            ),
            ShowAuth
        );

    /// <summary>A page argument: null, a negative offset, a limit outside 1..1000.</summary>
    public static ArgGen PageArg(string field = "page") =>
        ArgGen.Of<ProvisioningPage>(
            Page,
            Gen.OneOf(
                Gen.Constant(((ProvisioningPage)null!, Seq1(field))),
                from badOffset in Gen.Elements(true, false)
                from badLimit in Gen.Elements(true, false)
                where badOffset || badLimit
                from o in badOffset
                    ? Gen.Elements(-1, int.MinValue, -100).Select(Some)
                    : Maybe(NonNegative)
                from l in badLimit
                    ? Gen.Elements(0, -1, 1001, int.MaxValue, int.MinValue).Select(Some)
                    : Maybe(Gen.Choose(1, 1000))
                select (
                    new ProvisioningPage(o, l),
                    (badOffset ? Seq1($"{field}.offset") : Seq<string>())
                        + (badLimit ? Seq1($"{field}.limit") : Seq<string>())
                )
            ),
            ShowPage
        );

    /// <summary>An argument form: the two known ones, or an undefined value.</summary>
    public static ArgGen FormArg { get; } =
        ArgGen.Of<ArgumentForm>(
            FormKind,
            Gen.Elements(2, 9, -1).Select(i => ((ArgumentForm)i, Seq1("form"))),
            f => f.ToString()
        );

    /// <summary>An optional byte range.</summary>
    public static ArgGen RangeArg { get; } =
        ArgGen.Of<Option<ByteRange>>(
            Maybe(ByteRanges),
            Gen.OneOf(
                    from f in Gen.Elements(-1L, long.MinValue, 0L, 5L)
                    from l in Gen.Elements(-2L, 4L, long.MinValue)
                    where f < 0 || l < f
                    select ByteRange.Between(f, l),
                    Gen.Elements(-1L, long.MinValue).Select(ByteRange.From),
                    Gen.Elements(0L, -1L, long.MinValue).Select(ByteRange.Last)
                )
                .Select(r => (Some(r), Seq1("range"))),
            o => o.Match(r => RangeHeader(r), () => "no range")
        );

    /// <summary>A model template.</summary>
    public static ArgGen TemplateArg { get; } =
        ArgGen.Of<ModelTemplate>(
            Template,
            Gen.OneOf(
                Gen.Constant(((ModelTemplate)null!, Seq1("template"))),
                BadIdentifier.Select(b => (ModelTemplate.FromRid(b!), Seq1("template.rid"))),
                BadIdentifier.Select(b => (ModelTemplate.FromShareCode(b!), Seq1("template.code")))
            ),
            t =>
                t switch
                {
                    null => "null",
                    ModelTemplate.Rid r => $"Rid({Wire.Show(r.Value)})",
                    ModelTemplate.ShareCode c => $"Code({Wire.Show(c.Code)})",
                    _ => "?",
                }
        );

    /// <summary>Model options (only null is bad).</summary>
    public static ArgGen OptionsArg { get; } =
        ArgGen.Of<ModelOptions>(
            Options,
            Gen.Constant(((ModelOptions)null!, Seq1("options"))),
            o => o?.ToString() ?? "null"
        );

    /// <summary>A content type.</summary>
    public static ArgGen MediaTypeArg { get; } =
        Str(
            "contentType",
            MediaType,
            Gen.Elements<string?>(null, "", "text", "text/plain\r\nX: y", "a/\u0000", "\uD800/x")
        );

    /// <summary>The ranges of a range call: empty list, bad items with every bad sub-field named.</summary>
    public static ArgGen RangesArg { get; } =
        ArgGen.Of<Seq<SerialNumberRange>>(
            NonEmpty(SnRange, 3),
            Gen.OneOf(
                Gen.Constant((Seq<SerialNumberRange>(), Seq1("ranges"))),
                from items in Gen.Choose(1, 3)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            Gen.Frequency(
                                (1, SnRange.Select(r => (r, Seq<string>()))),
                                (2, BadRange)
                            ),
                            n
                        )
                    )
                    .Where(a => a.Any(x => !x.Item2.IsEmpty))
                select (
                    toSeq(items.Select(x => x.Item1)),
                    toSeq(items.SelectMany((x, i) => x.Item2.Map(f => $"ranges[{i}].{f}")))
                )
            ),
            rs => "[" + string.Join(", ", rs.Map(r => r.ToString())) + "]"
        );

    /// <summary>A range with some defects and the sub-fields they break (computed from the spec's rules).</summary>
    public static Gen<(SerialNumberRange, Seq<string>)> BadRange { get; } =
        (
            from format in Gen.Frequency(
                (4, Gen.Elements(Formats)),
                (1, Gen.Elements((SerialNumberFormat)9, (SerialNumberFormat)(-1)))
            )
            from length in Gen.Frequency(
                (3, Maybe(Gen.Choose(1, 64))),
                (1, Gen.Elements(0, -1, 65, int.MaxValue, int.MinValue).Select(Some))
            )
            from casing in Gen.Frequency(
                (3, Maybe(Gen.Elements(SerialNumberCasing.Upper, SerialNumberCasing.Lower))),
                (1, Gen.Constant(Some((SerialNumberCasing)5)))
            )
            from first in Gen.Elements(
                -1L,
                long.MinValue,
                0L,
                7L,
                MaxMac,
                MaxMac + 1,
                long.MaxValue
            )
            from last in Gen.Elements(-1L, long.MinValue, 0L, 7L, MaxMac, MaxMac + 1, long.MaxValue)
            select (
                new SerialNumberRange(format, length, casing, first, last),
                RangeProblems(format, length, casing, first, last)
            )
        ).Where(x => !x.Item2.IsEmpty);

    private static Seq<string> RangeProblems(
        SerialNumberFormat format,
        Option<int> length,
        Option<SerialNumberCasing> casing,
        long first,
        long last
    )
    {
        var fields = new List<string>();
        var known = Formats.Contains(format);
        if (!known)
            fields.Add("format");
        if (length.Exists(n => n is < 1 or > 64))
            fields.Add("length");
        if (casing.Exists(c => c is not (SerialNumberCasing.Upper or SerialNumberCasing.Lower)))
            fields.Add("casing");
        var mac = known && format is not (SerialNumberFormat.Base10 or SerialNumberFormat.Base16);
        if (first < 0 || (mac && first > MaxMac))
            fields.Add("first");
        if (last < 0 || (mac && last > MaxMac) || first > last)
            fields.Add("last");
        return toSeq(fields.Distinct());
    }

    /// <summary>Serial-number entries for CSV: empty list or bad items.</summary>
    public static ArgGen EntriesArg { get; } =
        ArgGen.Of<Seq<SerialNumberEntry>>(
            NonEmpty(Entry),
            Gen.OneOf(
                Gen.Constant((Seq<SerialNumberEntry>(), Seq1("entries"))),
                ItemsWithDefects<SerialNumberEntry>(
                    "entries",
                    Entry,
                    Gen.OneOf(
                        Gen.Constant(((SerialNumberEntry)null!, Seq1(""))),
                        from sn in Gen.Elements<string?>(null, "", "\uD800")
                        from extra in Text
                        select (new SerialNumberEntry(sn!, extra), Seq1(".serialNumber")),
                        from sn in Name
                        from extra in Gen.Elements<string?>(null, "\uDC00")
                        select (new SerialNumberEntry(sn, extra!), Seq1(".extra")),
                        from sn in Gen.Elements<string?>("", null)
                        from extra in Gen.Elements<string?>(null, "x\uD800")
                        select (new SerialNumberEntry(sn!, extra!), Seq(".serialNumber", ".extra"))
                    )
                )
            ),
            es =>
                "["
                + string.Join(
                    ", ",
                    es.Map(e =>
                        e is null ? "null" : $"{Wire.Show(e.SerialNumber)},{Wire.Show(e.Extra)}"
                    )
                )
                + "]"
        );

    /// <summary>Group members for CSV.</summary>
    public static ArgGen MembersArg { get; } =
        ArgGen.Of<Seq<GroupMember>>(
            NonEmpty(Member),
            Gen.OneOf(
                Gen.Constant((Seq<GroupMember>(), Seq1("members"))),
                ItemsWithDefects<GroupMember>(
                    "members",
                    Member,
                    Gen.OneOf(
                        Gen.Constant(((GroupMember)null!, Seq1(""))),
                        from bt in Gen.Elements(true, false)
                        from bi in Gen.Elements(true, false)
                        from be in Gen.Elements(true, false)
                        from bm in Gen.Elements(true, false)
                        where bt || bi || be || bm
                        from t in bt
                            ? Gen.Elements<string?>(null, "", "\uD800")
                            : Name.Select(s => (string?)s)
                        from i in bi
                            ? Gen.Elements<string?>(null, "", "\uDFFF")
                            : Name.Select(s => (string?)s)
                        from e in be
                            ? Gen.Elements<string?>(null, "\uD800")
                            : Text.Select(s => (string?)s)
                        from m in bm
                            ? Gen.Elements<string?>(null, "a\uDC00")
                            : Text.Select(s => (string?)s)
                        select (
                            new GroupMember(t!, i!, e!, m!),
                            toSeq(
                                new[]
                                {
                                    (bt, ".type"),
                                    (bi, ".memberId"),
                                    (be, ".expire"),
                                    (bm, ".meta"),
                                }
                                    .Where(x => x.Item1)
                                    .Select(x => x.Item2)
                            )
                        )
                    )
                )
            ),
            ms =>
                "["
                + string.Join(
                    ", ",
                    ms.Map(m =>
                        m is null
                            ? "null"
                            : $"{Wire.Show(m.Type)},{Wire.Show(m.MemberId)},{Wire.Show(m.Expire)},{Wire.Show(m.Meta)}"
                    )
                )
                + "]"
        );

    /// <summary>Group member references for CSV.</summary>
    public static ArgGen MemberRefsArg { get; } =
        ArgGen.Of<Seq<GroupMemberRef>>(
            NonEmpty(MemberRef),
            Gen.OneOf(
                Gen.Constant((Seq<GroupMemberRef>(), Seq1("members"))),
                ItemsWithDefects<GroupMemberRef>(
                    "members",
                    MemberRef,
                    Gen.OneOf(
                        Gen.Constant(((GroupMemberRef)null!, Seq1(""))),
                        from bt in Gen.Elements(true, false)
                        from bi in Gen.Elements(true, false)
                        where bt || bi
                        from t in bt
                            ? Gen.Elements<string?>(null, "", "\uD800")
                            : Name.Select(s => (string?)s)
                        from i in bi
                            ? Gen.Elements<string?>(null, "", "\uDFFF")
                            : Name.Select(s => (string?)s)
                        select (
                            new GroupMemberRef(t!, i!),
                            (bt ? Seq1(".type") : Seq<string>())
                                + (bi ? Seq1(".memberId") : Seq<string>())
                        )
                    )
                )
            ),
            ms =>
                "["
                + string.Join(
                    ", ",
                    ms.Map(m => m is null ? "null" : $"{Wire.Show(m.Type)},{Wire.Show(m.MemberId)}")
                )
                + "]"
        );

    /// <summary>A non-empty list where some items are bad; each bad item's fields are <c>field[i]</c> + suffix.</summary>
    private static Gen<(Seq<T>, Seq<string>)> ItemsWithDefects<T>(
        string field,
        Gen<T> good,
        Gen<(T Value, Seq<string> Suffixes)> bad
    ) =>
        from items in Gen.Choose(1, 4)
            .SelectMany(n =>
                Gen.ArrayOf(Gen.Frequency((2, good.Select(g => (g, Seq<string>()))), (1, bad)), n)
            )
            .Where(a => a.Any(x => !x.Item2.IsEmpty))
        select (
            toSeq(items.Select(x => x.Item1)),
            toSeq(items.SelectMany((x, i) => x.Item2.Map(s => $"{field}[{i}]{s}")))
        );

    /// <summary>Serial-number list options: null, bad page, bad shared vendor.</summary>
    public static Gen<SerialNumberListOptions> ListOptions { get; } =
        from p in Page
        from s in Gen.Elements(true, false)
        from v in Maybe(Name)
        select new SerialNumberListOptions(p, s, v);

    /// <summary>Shows list options.</summary>
    public static string ShowListOptions(SerialNumberListOptions? o) =>
        o is null
            ? "null"
            : $"Options({ShowPage(o.Page)}, status={o.WithStatus}, shared={Wire.Show(o.SharedBy)})";

    /// <summary>Serial-number list options: null, bad page, bad shared vendor.</summary>
    public static ArgGen ListOptionsArg { get; } =
        ArgGen.Of<SerialNumberListOptions>(
            ListOptions,
            Gen.OneOf(
                Gen.Constant(((SerialNumberListOptions)null!, Seq1("options"))),
                from page in PageArg("options.page").Bad
                from badVendor in Gen.Elements(true, false)
                from v in badVendor ? Gen.Elements("", "\uD800x").Select(Some) : Maybe(Name)
                select (
                    new SerialNumberListOptions((ProvisioningPage)page.Value!, true, v),
                    page.Bad + (badVendor ? Seq1("options.sharedBy") : Seq<string>())
                ),
                Gen.Elements("", "\uDFFF")
                    .Select(v =>
                        (
                            new SerialNumberListOptions(ProvisioningPage.Default, false, Some(v)),
                            Seq1("options.sharedBy")
                        )
                    )
            ),
            ShowListOptions
        );

    /// <summary>The request of a Provisioning builder; also checks that its raw-response variant sends the same request.</summary>
    public static Validation<ApiError, HttpRequest> Prov<T>(
        Validation<ApiError, HttpEffect<T>> built
    )
    {
        var raw = Wire.RequestOf(ProvisioningResponses.Raw(built));
        var request = Wire.RequestOf(built);
        Assert.Equal(request.IsSuccess, raw.IsSuccess);
        request.IfSuccess(r => raw.IfSuccess(rr => Assert.Equal(r, rr)));
        return request;
    }
}
