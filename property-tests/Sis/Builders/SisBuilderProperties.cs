using System.Text.Json;
using Functional.Core.Sis;
using Functional.PropertyTests.Provisioning;
using static Functional.PropertyTests.Provisioning.Args;
using static Functional.PropertyTests.Sis.Builders.SisBuilderGen;
using SisApi = Functional.Core.Sis.Sis;

namespace Functional.PropertyTests.Sis.Builders;

/// <summary>
/// Every SIS builder (spec §2, §2.13): for valid, hostile arguments the request decodes back (method, path segments,
/// query string as the server's qs parser reads it, JSON body, headers) to exactly those arguments; for invalid
/// ones the builder fails, without throwing, naming each bad field at once.
/// </summary>
public class SisBuilderProperties
{
    private const int N = 200;

    private static Property Valid(Gen<ValidCase> cases) =>
        Prop.ForAll(Arb.From(cases), Wire.AssertValid);

    private static Property Invalid(Gen<InvalidCase> cases) =>
        Prop.ForAll(Arb.From(cases), Wire.AssertInvalid);

    private static string S(string s) => Wire.Show(s);

    private static string D(string builder, params string[] args) =>
        $"{builder}({string.Join(", ", args)})";

    private static Validation<ApiError, HttpRequest> R<T>(Validation<ApiError, HttpEffect<T>> v) =>
        Wire.RequestOf(v);

    private static SisSettings St(object?[] a) => (SisSettings)a[0]!;

    private static SisEndpoint Ep(object? o) => (SisEndpoint)o!;

    private static string AsStr(object? o) => (string)o!;

    private static readonly ArgGen Id = SegmentArg("id");

    private static string ArrayText(Seq<JsonElement> items) =>
        "[" + string.Join(",", items.Map(i => i.GetRawText())) + "]";

    private static Gen<Seq<JsonElement>> Items { get; } =
        NonEmpty(Object().Select(o => o.Element), 3);

    [Property(MaxTest = N)]
    public Property FetchPage_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from q in Queries
            select new ValidCase(
                D("FetchPage", ShowSettings(s), ShowEndpoint(e.Endpoint), q.Shown),
                () => R(SisApi.FetchPage(s, e.Endpoint, q.Query)),
                new Expected("GET", Path(s, e.Segments), q.Pairs, Body.None, Headers(s))
            )
        );

    [Property(MaxTest = N)]
    public Property FetchPage_invalid() =>
        Invalid(
            Args.Invalid(
                "FetchPage",
                a => R(SisApi.FetchPage(St(a), Ep(a[1]), (SisQuery)a[2]!)),
                SettingsArg,
                EndpointArg,
                QueryArg("query")
            )
        );

    [Property(MaxTest = N)]
    public Property Get_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from id in Segment
            from o in GetOptions
            select new ValidCase(
                D("Get", ShowSettings(s), ShowEndpoint(e.Endpoint), S(id), o.Options.ToString()),
                () => R(SisApi.Get(s, e.Endpoint, id, o.Options)),
                new Expected("GET", Path(s, e.Segments.Add(id)), o.Pairs, Body.None, Headers(s))
            )
        );

    [Property(MaxTest = N)]
    public Property Get_invalid() =>
        Invalid(
            Args.Invalid(
                "Get",
                a => R(SisApi.Get(St(a), Ep(a[1]), AsStr(a[2]), (SisGetOptions)a[3]!)),
                SettingsArg,
                EndpointArg,
                Id,
                GetOptionsArg
            )
        );

    [Property(MaxTest = N)]
    public Property Create_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from item in Object()
            select new ValidCase(
                D("Create", ShowSettings(s), ShowEndpoint(e.Endpoint), item.Json),
                () => R(SisApi.Create(s, e.Endpoint, item.Element)),
                new Expected(
                    "POST",
                    Path(s, e.Segments),
                    Empty,
                    new Body.Json(item.Json),
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Create_invalid() =>
        Invalid(
            Args.Invalid(
                "Create",
                a => R(SisApi.Create(St(a), Ep(a[1]), (JsonElement)a[2]!)),
                SettingsArg,
                EndpointArg,
                ObjectArg("item")
            )
        );

    [Property(MaxTest = N)]
    public Property CreateMany_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from items in Items
            from allOrNone in Gen.Elements(true, false)
            select new ValidCase(
                D(
                    "CreateMany",
                    ShowSettings(s),
                    ShowEndpoint(e.Endpoint),
                    ArrayText(items),
                    allOrNone.ToString()
                ),
                () => R(SisApi.CreateMany(s, e.Endpoint, items, allOrNone)),
                new Expected(
                    "POST",
                    Path(s, e.Segments),
                    allOrNone ? Seq1(new Pair("all_or_none", "true")) : Empty,
                    new Body.Json(ArrayText(items)),
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property CreateMany_invalid() =>
        Invalid(
            Args.Invalid(
                "CreateMany",
                a => R(SisApi.CreateMany(St(a), Ep(a[1]), (Seq<JsonElement>)a[2]!, (bool)a[3]!)),
                SettingsArg,
                EndpointArg,
                ObjectsArg("items"),
                ArgGen.Always(Gen.Elements(true, false), b => b.ToString())
            )
        );

    [Property(MaxTest = N)]
    public Property Update_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from id in Segment
            from content in Object()
            from o in UpdateOptions
            select new ValidCase(
                D(
                    "Update",
                    ShowSettings(s),
                    ShowEndpoint(e.Endpoint),
                    S(id),
                    content.Json,
                    o.Shown
                ),
                () => R(SisApi.Update(s, e.Endpoint, id, content.Element, o.Options)),
                new Expected(
                    "PUT",
                    Path(s, e.Segments.Add(id)),
                    o.Pairs,
                    new Body.Json(content.Json),
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Update_invalid() =>
        Invalid(
            Args.Invalid(
                "Update",
                a =>
                    R(
                        SisApi.Update(
                            St(a),
                            Ep(a[1]),
                            AsStr(a[2]),
                            (JsonElement)a[3]!,
                            (SisUpdateOptions)a[4]!
                        )
                    ),
                SettingsArg,
                EndpointArg,
                Id,
                ObjectArg("content"),
                UpdateOptionsArg
            )
        );

    [Property(MaxTest = N)]
    public Property UpdateBulk_items_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from items in Items
            select new ValidCase(
                D("UpdateBulk", ShowSettings(s), ShowEndpoint(e.Endpoint), ArrayText(items)),
                () => R(SisApi.UpdateBulk(s, e.Endpoint, items)),
                new Expected(
                    "PUT",
                    Path(s, e.Segments),
                    Empty,
                    new Body.Json(ArrayText(items)),
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property UpdateBulk_items_invalid() =>
        Invalid(
            Args.Invalid(
                "UpdateBulk",
                a => R(SisApi.UpdateBulk(St(a), Ep(a[1]), (Seq<JsonElement>)a[2]!)),
                SettingsArg,
                EndpointArg,
                ObjectsArg("items")
            )
        );

    [Property(MaxTest = N)]
    public Property UpdateBulk_query_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from partial in Object(min: 1)
            from f in Filter
            select new ValidCase(
                D("UpdateBulk", ShowSettings(s), ShowEndpoint(e.Endpoint), partial.Json, f.Shown),
                () => R(SisApi.UpdateBulk(s, e.Endpoint, partial.Element, f.Filter)),
                new Expected(
                    "PUT",
                    Path(s, e.Segments),
                    Seq1(new Pair("q", f.Json, IsJson: true)),
                    new Body.Json(partial.Json),
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property UpdateBulk_query_invalid() =>
        Invalid(
            Args.Invalid(
                "UpdateBulk",
                a => R(SisApi.UpdateBulk(St(a), Ep(a[1]), (JsonElement)a[2]!, (SisFilter)a[3]!)),
                SettingsArg,
                EndpointArg,
                ObjectArg("partial", nonEmpty: true),
                NonEmptyFilterArg("query")
            )
        );

    [Property(MaxTest = N)]
    public Property Delete_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from id in Segment
            select new ValidCase(
                D("Delete", ShowSettings(s), ShowEndpoint(e.Endpoint), S(id)),
                () => R(SisApi.Delete(s, e.Endpoint, id)),
                new Expected("DELETE", Path(s, e.Segments.Add(id)), Empty, Body.None, Headers(s))
            )
        );

    [Property(MaxTest = N)]
    public Property Delete_invalid() =>
        Invalid(
            Args.Invalid(
                "Delete",
                a => R(SisApi.Delete(St(a), Ep(a[1]), AsStr(a[2]))),
                SettingsArg,
                EndpointArg,
                Id
            )
        );

    [Property(MaxTest = N)]
    public Property DeleteBulk_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from f in Filter
            select new ValidCase(
                D("DeleteBulk", ShowSettings(s), ShowEndpoint(e.Endpoint), f.Shown),
                () => R(SisApi.DeleteBulk(s, e.Endpoint, f.Filter)),
                new Expected(
                    "DELETE",
                    Path(s, e.Segments),
                    Seq1(new Pair("q", f.Json, IsJson: true)),
                    Body.None,
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property DeleteBulk_invalid() =>
        Invalid(
            Args.Invalid(
                "DeleteBulk",
                a => R(SisApi.DeleteBulk(St(a), Ep(a[1]), (SisFilter)a[2]!)),
                SettingsArg,
                EndpointArg,
                NonEmptyFilterArg("query")
            )
        );

    [Property(MaxTest = N)]
    public Property Commits_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from id in Segment
            from q in Queries
            select new ValidCase(
                D("Commits", ShowSettings(s), ShowEndpoint(e.Endpoint), S(id), q.Shown),
                () => R(SisApi.Commits(s, e.Endpoint, id, q.Query)),
                new Expected(
                    "GET",
                    Path(s, e.Segments.Add(id).Add("commits")),
                    q.Pairs,
                    Body.None,
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Commits_invalid() =>
        Invalid(
            Args.Invalid(
                "Commits",
                a => R(SisApi.Commits(St(a), Ep(a[1]), AsStr(a[2]), (SisQuery)a[3]!)),
                SettingsArg,
                EndpointArg,
                Id,
                QueryArg("query")
            )
        );

    [Property(MaxTest = N)]
    public Property Commit_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from id in Segment
            from commit in Segment
            select new ValidCase(
                D("Commit", ShowSettings(s), ShowEndpoint(e.Endpoint), S(id), S(commit)),
                () => R(SisApi.Commit(s, e.Endpoint, id, commit)),
                new Expected(
                    "GET",
                    Path(s, e.Segments.Add(id).Add("commits").Add(commit)),
                    Empty,
                    Body.None,
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Commit_invalid() =>
        Invalid(
            Args.Invalid(
                "Commit",
                a => R(SisApi.Commit(St(a), Ep(a[1]), AsStr(a[2]), AsStr(a[3]))),
                SettingsArg,
                EndpointArg,
                Id,
                SegmentArg("commitId")
            )
        );

    [Property(MaxTest = N)]
    public Property Revision_valid() =>
        Valid(
            from s in Settings
            from e in Endpoint
            from id in Segment
            from at in Instants
            select new ValidCase(
                D(
                    "Revision",
                    ShowSettings(s),
                    ShowEndpoint(e.Endpoint),
                    S(id),
                    at.ToString("o", System.Globalization.CultureInfo.InvariantCulture)
                ),
                () => R(SisApi.Revision(s, e.Endpoint, id, at)),
                new Expected(
                    "GET",
                    Path(s, e.Segments.Add(id).Add("revision").Add(EpochMillis(at))),
                    Empty,
                    Body.None,
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Revision_invalid() =>
        Invalid(
            Args.Invalid(
                "Revision",
                a => R(SisApi.Revision(St(a), Ep(a[1]), AsStr(a[2]), (DateTimeOffset)a[3]!)),
                SettingsArg,
                EndpointArg,
                Id,
                ArgGen.Always(
                    Instants,
                    t => t.ToString("o", System.Globalization.CultureInfo.InvariantCulture)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property TriggerHooks_valid() =>
        Valid(
            from s in Settings
            from schema in Segment
            from id in Segment
            select new ValidCase(
                D("TriggerHooks", ShowSettings(s), S(schema), S(id)),
                () => R(SisApi.TriggerHooks(s, schema, id)),
                new Expected(
                    "POST",
                    Path(s, Seq("hooks", "trigger", schema, id)),
                    Empty,
                    Body.None,
                    Headers(s)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property TriggerHooks_invalid() =>
        Invalid(
            Args.Invalid(
                "TriggerHooks",
                a => R(SisApi.TriggerHooks(St(a), AsStr(a[1]), AsStr(a[2]))),
                SettingsArg,
                SegmentArg("schema"),
                Id
            )
        );

    [Property(MaxTest = N)]
    public Property Info_valid() =>
        Valid(
            from s in Settings
            select new ValidCase(
                D("Info", ShowSettings(s)),
                () => R(SisApi.Info(s)),
                new Expected("GET", Path(s, Seq1("info")), Empty, Body.None, Headers(s))
            )
        );

    [Property(MaxTest = N)]
    public Property Info_invalid() =>
        Invalid(Args.Invalid("Info", a => R(SisApi.Info(St(a))), SettingsArg));

    private static Gen<string> User { get; } = Name.Where(u => !u.Contains(':'));

    [Property(MaxTest = N)]
    public Property Authenticate_valid() =>
        Valid(
            from s in Settings
            from user in User
            from password in Text
            select new ValidCase(
                D("Authenticate", ShowSettings(s), S(user), S(password)),
                () => R(SisApi.Authenticate(s, user, password)),
                new Expected(
                    "POST",
                    Path(s, Seq("users", "auth_token")),
                    Empty,
                    Body.None,
                    // The settings' token is not sent; the credentials go as a secret Basic header.
                    Headers(s.WithoutAuthToken())
                        .Add(new Header("Authorization", Basic(user, password), true))
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Authenticate_invalid() =>
        Invalid(
            Args.Invalid(
                "Authenticate",
                a => R(SisApi.Authenticate(St(a), AsStr(a[1]), AsStr(a[2]))),
                SettingsArg,
                Str(
                    "user",
                    User,
                    Gen.OneOf(
                        Gen.Elements<string?>(null, "", "a:b", ":", "user:"),
                        LoneSurrogate.Select(x => (string?)x)
                    )
                ),
                Str(
                    "password",
                    Text,
                    Gen.OneOf(Gen.Constant<string?>(null), LoneSurrogate.Select(x => (string?)x))
                )
            )
        );

    /// <summary>The Basic header decodes back to exactly the user and password (split at the first ':').</summary>
    [Property(MaxTest = N)]
    public Property Authenticate_basic_header_decodes_to_the_credentials() =>
        Prop.ForAll(
            Arb.From(from user in User from password in Text select (user, password)),
            c =>
            {
                var request = R(SisApi.Authenticate(SisSettings.Default, c.user, c.password))
                    .Match(r => r, e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));
                var header = request
                    .Headers.Find(h => h.Name == "Authorization")
                    .Map(h => h.Value)
                    .IfNone("");
                Assert.StartsWith("Basic ", header, StringComparison.Ordinal);
                var text = new System.Text.UTF8Encoding(false, true).GetString(
                    Convert.FromBase64String(header[6..])
                );
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                Assert.Equal(c.user, text[..colon]);
                Assert.Equal(c.password, text[(colon + 1)..]);
            }
        );
}
