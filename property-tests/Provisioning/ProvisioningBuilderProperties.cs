using Functional.Core.Provisioning;
using static Functional.PropertyTests.Provisioning.Args;
using static Functional.PropertyTests.Provisioning.ProvisioningGen;
using ModelsApi = Functional.Core.Provisioning.Models;

namespace Functional.PropertyTests.Provisioning;

/// <summary>
/// Every Provisioning builder (spec §3): for valid, hostile arguments the request decodes back (method, path
/// segments, query, form/CSV/JSON/raw body, headers) to exactly those arguments; for invalid ones the builder fails,
/// without throwing, naming each bad field at once.
/// </summary>
public class ProvisioningBuilderProperties
{
    private const int N = 200;

    private static Property Valid(Gen<ValidCase> cases) =>
        Prop.ForAll(Arb.From(cases), Wire.AssertValid);

    private static Property Invalid(Gen<InvalidCase> cases) =>
        Prop.ForAll(Arb.From(cases), Wire.AssertInvalid);

    private static string S(string s) => Wire.Show(s);

    private static readonly string[] ShareRoot = ["provision", "manage", "share"];
    private static readonly string[] ModelRoot = ["provision", "manage", "model"];
    private static readonly string[] ContentRoot = ["provision", "manage", "content"];
    private static readonly string[] GroupRoot = ["provision", "manage", "group"];
    private static readonly string[] TokenRoot = ["provision", "admin", "auth"];

    private static Seq<string> Under(string[] root, params string[] rest) =>
        toSeq(root.Concat(rest));

    private static Expected E(
        string method,
        Seq<string> path,
        Seq<Pair> query,
        Body body,
        Seq<Header> headers
    ) => new(method, path, query, body, headers);

    private static readonly ArgGen AuthA = AuthArg();
    private static readonly ArgGen Model = SegmentArg("model");

    private static ProvisioningAuth A(object?[] a) => (ProvisioningAuth)a[0]!;

    private static string Str(object? o) => (string)o!;

    // ==== Vendors (§3.6) ===================================================================================

    [Property(MaxTest = N)]
    public Property Vendors_ListShares_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            select new ValidCase(
                D("ListShares", ShowAuth(a), S(m)),
                () => Prov(Vendors.ListShares(a, m)),
                E("GET", Under(ShareRoot, m, ""), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_ListShares_invalid() =>
        Invalid(
            Args.Invalid("ListShares", a => Prov(Vendors.ListShares(A(a), Str(a[1]))), AuthA, Model)
        );

    [Property(MaxTest = N)]
    public Property Vendors_Share_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from v in Name
            select new ValidCase(
                D("Share", ShowAuth(a), S(m), S(v)),
                () => Prov(Vendors.Share(a, m, v)),
                E("POST", Under(ShareRoot, m, ""), Empty, Form(("vendor", v)), AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Share_invalid() =>
        Invalid(
            Args.Invalid(
                "Share",
                a => Prov(Vendors.Share(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                NameArg("vendor")
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_IsShared_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from v in Segment
            select new ValidCase(
                D("IsShared", ShowAuth(a), S(m), S(v)),
                () => Prov(Vendors.IsShared(a, m, v)),
                E("GET", Under(ShareRoot, m, v), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_IsShared_invalid() =>
        Invalid(
            Args.Invalid(
                "IsShared",
                a => Prov(Vendors.IsShared(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                SegmentArg("vendor")
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Unshare_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from v in Segment
            select new ValidCase(
                D("Unshare", ShowAuth(a), S(m), S(v)),
                () => Prov(Vendors.Unshare(a, m, v)),
                E("DELETE", Under(ShareRoot, m, v), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Unshare_invalid() =>
        Invalid(
            Args.Invalid(
                "Unshare",
                a => Prov(Vendors.Unshare(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                SegmentArg("vendor")
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Show_valid() =>
        Valid(
            from a in AnyAuth
            from f in FormKind
            select new ValidCase(
                D("Show", ShowAuth(a), f.ToString()),
                () => Prov(Vendors.Show(a, f)),
                E(
                    "GET",
                    P("provision", "register"),
                    Empty,
                    Body.None,
                    AuthHeaders(a, forceToken: f == ArgumentForm.Pyonep)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Show_invalid() =>
        Invalid(
            Args.Invalid("Show", a => Prov(Vendors.Show(A(a), (ArgumentForm)a[1]!)), AuthA, FormArg)
        );

    [Property(MaxTest = N)]
    public Property Vendors_Register_valid() =>
        Valid(
            from a in AnyAuth
            from v in Name
            select new ValidCase(
                D("Register", ShowAuth(a), S(v)),
                () => Prov(Vendors.Register(a, v)),
                E("POST", P("provision", "register"), Empty, Form(("vendor", v)), AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Register_invalid() =>
        Invalid(
            Args.Invalid(
                "Register",
                a => Prov(Vendors.Register(A(a), Str(a[1]))),
                AuthA,
                NameArg("vendor")
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Unregister_valid() =>
        Valid(
            from a in AnyAuth
            from v in Name
            from f in FormKind
            select new ValidCase(
                D("Unregister", ShowAuth(a), S(v), f.ToString()),
                () => Prov(Vendors.Unregister(a, v, f)),
                E(
                    "POST",
                    P("provision", "register"),
                    Empty,
                    Form(("delete", "true"), ("vendor", v)),
                    AuthHeaders(a, forceToken: f == ArgumentForm.Pyonep)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_Unregister_invalid() =>
        Invalid(
            Args.Invalid(
                "Unregister",
                a => Prov(Vendors.Unregister(A(a), Str(a[1]), (ArgumentForm)a[2]!)),
                AuthA,
                NameArg("vendor"),
                FormArg
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_ListTokens_valid() =>
        Valid(
            from a in AnyAuth
            select new ValidCase(
                D("ListTokens", ShowAuth(a)),
                () => Prov(Vendors.ListTokens(a)),
                E("GET", Under(TokenRoot, ""), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_ListTokens_invalid() =>
        Invalid(Args.Invalid("ListTokens", a => Prov(Vendors.ListTokens(A(a))), AuthA));

    [Property(MaxTest = N)]
    public Property Vendors_CreateToken_valid() =>
        Valid(
            from a in AnyAuth
            from id in Name
            select new ValidCase(
                D("CreateToken", ShowAuth(a), S(id)),
                () => Prov(Vendors.CreateToken(a, id)),
                E("POST", Under(TokenRoot, ""), Empty, Form(("id", id)), AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_CreateToken_invalid() =>
        Invalid(
            Args.Invalid(
                "CreateToken",
                a => Prov(Vendors.CreateToken(A(a), Str(a[1]))),
                AuthA,
                NameArg("id")
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_GetToken_valid() =>
        Valid(
            from a in AnyAuth
            from id in Segment
            select new ValidCase(
                D("GetToken", ShowAuth(a), S(id)),
                () => Prov(Vendors.GetToken(a, id)),
                E("GET", Under(TokenRoot, id), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_GetToken_invalid() =>
        Invalid(
            Args.Invalid(
                "GetToken",
                a => Prov(Vendors.GetToken(A(a), Str(a[1]))),
                AuthA,
                SegmentArg("id")
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_DeleteToken_valid() =>
        Valid(
            from a in AnyAuth
            from id in Segment
            select new ValidCase(
                D("DeleteToken", ShowAuth(a), S(id)),
                () => Prov(Vendors.DeleteToken(a, id)),
                E("DELETE", Under(TokenRoot, id), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Vendors_DeleteToken_invalid() =>
        Invalid(
            Args.Invalid(
                "DeleteToken",
                a => Prov(Vendors.DeleteToken(A(a), Str(a[1]))),
                AuthA,
                SegmentArg("id")
            )
        );

    // ==== Models (§3.1) ====================================================================================

    [Property(MaxTest = N)]
    public Property Models_List_valid() =>
        Valid(
            from a in AnyAuth
            select new ValidCase(
                D("Models.List", ShowAuth(a)),
                () => Prov(ModelsApi.List(a)),
                E("GET", Under(ModelRoot, ""), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Models_List_invalid() =>
        Invalid(Args.Invalid("Models.List", a => Prov(ModelsApi.List(A(a))), AuthA));

    [Property(MaxTest = N)]
    public Property Models_ListShared_valid() =>
        Valid(
            from a in AnyAuth
            select new ValidCase(
                D("Models.ListShared", ShowAuth(a)),
                () => Prov(ModelsApi.ListShared(a)),
                E("GET", Under(ModelRoot, ""), Q(("show", "shared")), Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Models_ListShared_invalid() =>
        Invalid(Args.Invalid("Models.ListShared", a => Prov(ModelsApi.ListShared(A(a))), AuthA));

    [Property(MaxTest = N)]
    public Property Models_Create_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from t in Template
            from o in Options
            select new ValidCase(
                D("Models.Create", ShowAuth(a), S(m), t.ToString(), o.ToString()),
                () => Prov(ModelsApi.Create(a, m, t, o)),
                E(
                    "POST",
                    Under(ModelRoot, ""),
                    Empty,
                    Form(Seq(new Pair("model", m), TemplatePair(t)) + OptionPairs(o)),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Models_Create_invalid() =>
        Invalid(
            Args.Invalid(
                "Models.Create",
                a =>
                    Prov(
                        ModelsApi.Create(A(a), Str(a[1]), (ModelTemplate)a[2]!, (ModelOptions)a[3]!)
                    ),
                AuthA,
                Model,
                TemplateArg,
                OptionsArg
            )
        );

    [Property(MaxTest = N)]
    public Property Models_Info_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            select new ValidCase(
                D("Models.Info", ShowAuth(a), S(m)),
                () => Prov(ModelsApi.Info(a, m)),
                E("GET", Under(ModelRoot, m), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Models_Info_invalid() =>
        Invalid(
            Args.Invalid("Models.Info", a => Prov(ModelsApi.Info(A(a), Str(a[1]))), AuthA, Model)
        );

    [Property(MaxTest = N)]
    public Property Models_Update_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from t in Template
            from o in Options
            select new ValidCase(
                D("Models.Update", ShowAuth(a), S(m), t.ToString(), o.ToString()),
                () => Prov(ModelsApi.Update(a, m, t, o)),
                E(
                    "PUT",
                    Under(ModelRoot, m),
                    Empty,
                    Form(Seq1(TemplatePair(t)) + OptionPairs(o)),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Models_Update_invalid() =>
        Invalid(
            Args.Invalid(
                "Models.Update",
                a =>
                    Prov(
                        ModelsApi.Update(A(a), Str(a[1]), (ModelTemplate)a[2]!, (ModelOptions)a[3]!)
                    ),
                AuthA,
                Model,
                TemplateArg,
                OptionsArg
            )
        );

    [Property(MaxTest = N)]
    public Property Models_Delete_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from f in FormKind
            select new ValidCase(
                D("Models.Delete", ShowAuth(a), S(m), f.ToString()),
                () => Prov(ModelsApi.Delete(a, m, f)),
                E(
                    "DELETE",
                    Under(ModelRoot, m),
                    Empty,
                    f == ArgumentForm.Pyonep
                        ? Form(("delete", "true"), ("model", m), ("confirm", "true"))
                        : Body.None,
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Models_Delete_invalid() =>
        Invalid(
            Args.Invalid(
                "Models.Delete",
                a => Prov(ModelsApi.Delete(A(a), Str(a[1]), (ArgumentForm)a[2]!)),
                AuthA,
                Model,
                FormArg
            )
        );

    // ==== Serial numbers (§3.2, §3.3): X-Exosite-Vendor goes on these calls ================================

    private static Seq<Header> SnHeaders(ProvisioningAuth a) => AuthHeaders(a, vendorHeader: true);

    private static readonly ArgGen Sn = SegmentArg("serialNumber");

    [Property(MaxTest = N)]
    public Property SerialNumbers_List_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from o in ListOptions
            select new ValidCase(
                D("Sn.List", ShowAuth(a), S(m), ShowListOptions(o)),
                () => Prov(SerialNumbers.List(a, m, o)),
                E(
                    "GET",
                    Under(ModelRoot, m, ""),
                    PagePairs(o.Page)
                        + o.SharedBy.Map(v => new Pair("shared", v)).ToSeq()
                        + (o.WithStatus ? Q(("status", "true")) : Empty),
                    Body.None,
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_List_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.List",
                a => Prov(SerialNumbers.List(A(a), Str(a[1]), (SerialNumberListOptions)a[2]!)),
                AuthA,
                Model,
                ListOptionsArg
            )
        );

    private static readonly Gen<Option<string>> Extra = Maybe(Text);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Add_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sn in Name
            from extra in Extra
            from f in FormKind
            select new ValidCase(
                D("Sn.Add", ShowAuth(a), S(m), S(sn), Wire.Show(extra), f.ToString()),
                () => Prov(SerialNumbers.Add(a, m, sn, extra, f)),
                E(
                    "POST",
                    Under(ModelRoot, m, ""),
                    Empty,
                    Form(
                        (f == ArgumentForm.Pyonep ? Q(("add", "true")) : Empty)
                            + Q(("sn", sn))
                            + extra.Map(e => new Pair("extra", e)).ToSeq()
                    ),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Add_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.Add",
                a =>
                    Prov(
                        SerialNumbers.Add(
                            A(a),
                            Str(a[1]),
                            Str(a[2]),
                            (Option<string>)a[3]!,
                            (ArgumentForm)a[4]!
                        )
                    ),
                AuthA,
                Model,
                NameArg("serialNumber"),
                OptionArg("extra", Text, LoneSurrogate.Select(s => (string?)s)),
                FormArg
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_AddMany_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sns in NonEmpty(Name)
            from f in FormKind
            select new ValidCase(
                D("Sn.AddMany", ShowAuth(a), S(m), Wire.Show(sns), f.ToString()),
                () => Prov(SerialNumbers.AddMany(a, m, sns, f)),
                E(
                    "POST",
                    Under(ModelRoot, m, ""),
                    Empty,
                    Form(
                        (f == ArgumentForm.Pyonep ? Q(("add", "true")) : Empty)
                            + sns.Map(sn => new Pair("sn[]", sn))
                    ),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_AddMany_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.AddMany",
                a =>
                    Prov(
                        SerialNumbers.AddMany(
                            A(a),
                            Str(a[1]),
                            (Seq<string>)a[2]!,
                            (ArgumentForm)a[3]!
                        )
                    ),
                AuthA,
                Model,
                NamesArg("serialNumbers"),
                FormArg
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_AddCsv_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from es in NonEmpty(Entry)
            select new ValidCase(
                D(
                    "Sn.AddCsv",
                    ShowAuth(a),
                    S(m),
                    Wire.Show(es.Map(e => e.SerialNumber + "|" + e.Extra))
                ),
                () => Prov(SerialNumbers.AddCsv(a, m, es)),
                E(
                    "POST",
                    Under(ModelRoot, m, ""),
                    Empty,
                    new Body.Csv(es.Map(e => Seq(e.SerialNumber, e.Extra))),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_AddCsv_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.AddCsv",
                a => Prov(SerialNumbers.AddCsv(A(a), Str(a[1]), (Seq<SerialNumberEntry>)a[2]!)),
                AuthA,
                Model,
                EntriesArg
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_RemoveMany_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sns in NonEmpty(Name)
            from f in FormKind
            select new ValidCase(
                D("Sn.RemoveMany", ShowAuth(a), S(m), Wire.Show(sns), f.ToString()),
                () => Prov(SerialNumbers.RemoveMany(a, m, sns, f)),
                E(
                    "POST",
                    Under(ModelRoot, m, ""),
                    Empty,
                    Form(
                        Q((f == ArgumentForm.Pyonep ? "remove" : "delete", "true"))
                            + sns.Map(sn => new Pair("sn[]", sn))
                    ),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_RemoveMany_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.RemoveMany",
                a =>
                    Prov(
                        SerialNumbers.RemoveMany(
                            A(a),
                            Str(a[1]),
                            (Seq<string>)a[2]!,
                            (ArgumentForm)a[3]!
                        )
                    ),
                AuthA,
                Model,
                NamesArg("serialNumbers"),
                FormArg
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_RemoveCsv_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sns in NonEmpty(Name)
            select new ValidCase(
                D("Sn.RemoveCsv", ShowAuth(a), S(m), Wire.Show(sns)),
                () => Prov(SerialNumbers.RemoveCsv(a, m, sns)),
                E(
                    "DELETE",
                    Under(ModelRoot, m, ""),
                    Empty,
                    new Body.Csv(sns.Map(sn => Seq1(sn))),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_RemoveCsv_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.RemoveCsv",
                a => Prov(SerialNumbers.RemoveCsv(A(a), Str(a[1]), (Seq<string>)a[2]!)),
                AuthA,
                Model,
                NamesArg("serialNumbers")
            )
        );

    /// <summary>The per-serial-number calls without extra arguments: name, method, query, form, builder.</summary>
    private static readonly (
        string Name,
        string Method,
        Seq<Pair> Query,
        Seq<Pair>? Form,
        Func<ProvisioningAuth, string, string, Validation<ApiError, HttpRequest>> Build
    )[] SnCalls =
    [
        ("Sn.Info", "GET", Empty, null, (a, m, sn) => Prov(SerialNumbers.Info(a, m, sn))),
        (
            "Sn.ActivationLog",
            "GET",
            Q(("show", "log")),
            null,
            (a, m, sn) => Prov(SerialNumbers.ActivationLog(a, m, sn))
        ),
        (
            "Sn.Regenerate",
            "POST",
            Empty,
            Q(("enable", "true")),
            (a, m, sn) => Prov(SerialNumbers.Regenerate(a, m, sn))
        ),
        (
            "Sn.Disable",
            "POST",
            Empty,
            Q(("disable", "true")),
            (a, m, sn) => Prov(SerialNumbers.Disable(a, m, sn))
        ),
        ("Sn.Delete", "DELETE", Empty, null, (a, m, sn) => Prov(SerialNumbers.Delete(a, m, sn))),
    ];

    private static Property SnCallValid(int i) =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sn in Segment
            select new ValidCase(
                D(SnCalls[i].Name, ShowAuth(a), S(m), S(sn)),
                () => SnCalls[i].Build(a, m, sn),
                E(
                    SnCalls[i].Method,
                    Under(ModelRoot, m, sn),
                    SnCalls[i].Query,
                    SnCalls[i].Form is { } f ? Form(f) : Body.None,
                    SnHeaders(a)
                )
            )
        );

    private static Property SnCallInvalid(int i) =>
        Invalid(
            Args.Invalid(
                SnCalls[i].Name,
                a => SnCalls[i].Build(A(a), Str(a[1]), Str(a[2])),
                AuthA,
                Model,
                Sn
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Info_valid() => SnCallValid(0);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Info_invalid() => SnCallInvalid(0);

    [Property(MaxTest = N)]
    public Property SerialNumbers_ActivationLog_valid() => SnCallValid(1);

    [Property(MaxTest = N)]
    public Property SerialNumbers_ActivationLog_invalid() => SnCallInvalid(1);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Regenerate_valid() => SnCallValid(2);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Regenerate_invalid() => SnCallInvalid(2);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Disable_valid() => SnCallValid(3);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Disable_invalid() => SnCallInvalid(3);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Delete_valid() => SnCallValid(4);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Delete_invalid() => SnCallInvalid(4);

    [Property(MaxTest = N)]
    public Property SerialNumbers_Groups_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sn in Segment
            from p in Page
            select new ValidCase(
                D("Sn.Groups", ShowAuth(a), S(m), S(sn), ShowPage(p)),
                () => Prov(SerialNumbers.Groups(a, m, sn, p)),
                E(
                    "GET",
                    Under(ModelRoot, m, sn),
                    Q(("show", "groups")) + PagePairs(p),
                    Body.None,
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Groups_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.Groups",
                a =>
                    Prov(SerialNumbers.Groups(A(a), Str(a[1]), Str(a[2]), (ProvisioningPage)a[3]!)),
                AuthA,
                Model,
                Sn,
                PageArg()
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Enable_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sn in Segment
            from owner in Hex40
            select new ValidCase(
                D("Sn.Enable", ShowAuth(a), S(m), S(sn), S(owner)),
                () => Prov(SerialNumbers.Enable(a, m, sn, owner)),
                E(
                    "POST",
                    Under(ModelRoot, m, sn),
                    Empty,
                    Form(("enable", "true"), ("owner", owner)),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Enable_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.Enable",
                a => Prov(SerialNumbers.Enable(A(a), Str(a[1]), Str(a[2]), Str(a[3]))),
                AuthA,
                Model,
                Sn,
                IdentifierArg("ownerRid")
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Remap_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sn in Segment
            from old in Name
            select new ValidCase(
                D("Sn.Remap", ShowAuth(a), S(m), S(sn), S(old)),
                () => Prov(SerialNumbers.Remap(a, m, sn, old)),
                E(
                    "POST",
                    Under(ModelRoot, m, sn),
                    Empty,
                    Form(("enable", "true"), ("oldsn", old)),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Remap_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.Remap",
                a => Prov(SerialNumbers.Remap(A(a), Str(a[1]), Str(a[2]), Str(a[3]))),
                AuthA,
                Model,
                Sn,
                NameArg("oldSerialNumber")
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Ranges_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            select new ValidCase(
                D("Sn.Ranges", ShowAuth(a), S(m)),
                () => Prov(SerialNumbers.Ranges(a, m)),
                E("GET", Under(ModelRoot, m, ""), Q(("show", "ranges")), Body.None, SnHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_Ranges_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.Ranges",
                a => Prov(SerialNumbers.Ranges(A(a), Str(a[1]))),
                AuthA,
                Model
            )
        );

    private const string RangesType = "application/javascript; charset=utf-8";

    [Property(MaxTest = N)]
    public Property SerialNumbers_AddRanges_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from rs in NonEmpty(SnRange, 3)
            select new ValidCase(
                D("Sn.AddRanges", ShowAuth(a), S(m), string.Join(", ", rs.Map(r => r.ToString()))),
                () => Prov(SerialNumbers.AddRanges(a, m, rs)),
                E(
                    "POST",
                    Under(ModelRoot, m, ""),
                    Empty,
                    new Body.RawJson(RangesJson(rs), RangesType),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_AddRanges_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.AddRanges",
                a => Prov(SerialNumbers.AddRanges(A(a), Str(a[1]), (Seq<SerialNumberRange>)a[2]!)),
                AuthA,
                Model,
                RangesArg
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_RemoveRanges_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from rs in NonEmpty(SnRange, 3)
            select new ValidCase(
                D(
                    "Sn.RemoveRanges",
                    ShowAuth(a),
                    S(m),
                    string.Join(", ", rs.Map(r => r.ToString()))
                ),
                () => Prov(SerialNumbers.RemoveRanges(a, m, rs)),
                E(
                    "DELETE",
                    Under(ModelRoot, m, ""),
                    Empty,
                    new Body.RawJson(RangesJson(rs), RangesType),
                    SnHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property SerialNumbers_RemoveRanges_invalid() =>
        Invalid(
            Args.Invalid(
                "Sn.RemoveRanges",
                a =>
                    Prov(
                        SerialNumbers.RemoveRanges(A(a), Str(a[1]), (Seq<SerialNumberRange>)a[2]!)
                    ),
                AuthA,
                Model,
                RangesArg
            )
        );

    // ==== Content (§3.4) ===================================================================================

    private static readonly ArgGen ItemId = SegmentArg("id");

    [Property(MaxTest = N)]
    public Property Content_List_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            select new ValidCase(
                D("Content.List", ShowAuth(a), S(m)),
                () => Prov(Content.List(a, m)),
                E("GET", Under(ContentRoot, m, ""), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Content_List_invalid() =>
        Invalid(
            Args.Invalid("Content.List", a => Prov(Content.List(A(a), Str(a[1]))), AuthA, Model)
        );

    [Property(MaxTest = N)]
    public Property Content_ListForSerialNumber_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from sn in Name
            select new ValidCase(
                D("Content.ListForSerialNumber", ShowAuth(a), S(m), S(sn)),
                () => Prov(Content.ListForSerialNumber(a, m, sn)),
                E("GET", Under(ContentRoot, m, ""), Q(("sn", sn)), Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Content_ListForSerialNumber_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.ListForSerialNumber",
                a => Prov(Content.ListForSerialNumber(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                NameArg("serialNumber")
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Create_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from meta in Text
            from prot in Gen.Elements(true, false)
            select new ValidCase(
                D("Content.Create", ShowAuth(a), S(m), S(id), S(meta), prot.ToString()),
                () => Prov(Content.Create(a, m, id, meta, prot)),
                E(
                    "POST",
                    Under(ContentRoot, m, ""),
                    Empty,
                    Form(Q(("id", id), ("meta", meta)) + (prot ? Q(("protected", "true")) : Empty)),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Create_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.Create",
                a => Prov(Content.Create(A(a), Str(a[1]), Str(a[2]), Str(a[3]), (bool)a[4]!)),
                AuthA,
                Model,
                ItemId,
                TextArg("meta"),
                ArgGen.Always(Gen.Elements(true, false), b => b.ToString())
            )
        );

    private static readonly Gen<byte[]> Blob = Gen.Choose(0, 64)
        .SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    [Property(MaxTest = N)]
    public Property Content_Upload_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from data in Blob
            from ct in MediaType
            select new ValidCase(
                D("Content.Upload", ShowAuth(a), S(m), S(id), $"{data.Length} bytes", S(ct)),
                () => Prov(Content.Upload(a, m, id, data, ct)),
                E(
                    "POST",
                    Under(ContentRoot, m, id),
                    Empty,
                    new Body.Bytes(data, ct),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Upload_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.Upload",
                a => Prov(Content.Upload(A(a), Str(a[1]), Str(a[2]), (byte[])a[3]!, Str(a[4]))),
                AuthA,
                Model,
                ItemId,
                ArgGen.Always(Blob, d => $"{d.Length} bytes"),
                MediaTypeArg
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Info_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            select new ValidCase(
                D("Content.Info", ShowAuth(a), S(m), S(id)),
                () => Prov(Content.Info(a, m, id)),
                E("GET", Under(ContentRoot, m, id), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Info_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.Info",
                a => Prov(Content.Info(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                ItemId
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Download_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from r in Maybe(ByteRanges)
            select new ValidCase(
                D(
                    "Content.Download",
                    ShowAuth(a),
                    S(m),
                    S(id),
                    r.Match(RangeHeader, () => "no range")
                ),
                () => Prov(Content.Download(a, m, id, r)),
                E(
                    "GET",
                    Under(ContentRoot, m, id),
                    Q(("download", "true")),
                    Body.None,
                    AuthHeaders(a) + r.Map(x => new Header("Range", RangeHeader(x), false)).ToSeq()
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Download_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.Download",
                a => Prov(Content.Download(A(a), Str(a[1]), Str(a[2]), (Option<ByteRange>)a[3]!)),
                AuthA,
                Model,
                ItemId,
                RangeArg
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Groups_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from p in Page
            select new ValidCase(
                D("Content.Groups", ShowAuth(a), S(m), S(id), ShowPage(p)),
                () => Prov(Content.Groups(a, m, id, p)),
                E(
                    "GET",
                    Under(ContentRoot, m, id),
                    Q(("show", "groups")) + PagePairs(p),
                    Body.None,
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Groups_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.Groups",
                a => Prov(Content.Groups(A(a), Str(a[1]), Str(a[2]), (ProvisioningPage)a[3]!)),
                AuthA,
                Model,
                ItemId,
                PageArg()
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Delete_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            select new ValidCase(
                D("Content.Delete", ShowAuth(a), S(m), S(id)),
                () => Prov(Content.Delete(a, m, id)),
                E("DELETE", Under(ContentRoot, m, id), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Content_Delete_invalid() =>
        Invalid(
            Args.Invalid(
                "Content.Delete",
                a => Prov(Content.Delete(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                ItemId
            )
        );

    // ==== Groups (§3.5) ====================================================================================

    [Property(MaxTest = N)]
    public Property Groups_List_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from p in Page
            select new ValidCase(
                D("Groups.List", ShowAuth(a), S(m), ShowPage(p)),
                () => Prov(Groups.List(a, m, p)),
                E("GET", Under(GroupRoot, m, ""), PagePairs(p), Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_List_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.List",
                a => Prov(Groups.List(A(a), Str(a[1]), (ProvisioningPage)a[2]!)),
                AuthA,
                Model,
                PageArg()
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Create_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from meta in Text
            select new ValidCase(
                D("Groups.Create", ShowAuth(a), S(m), S(id), S(meta)),
                () => Prov(Groups.Create(a, m, id, meta)),
                E(
                    "POST",
                    Under(GroupRoot, m, ""),
                    Empty,
                    Form(("id", id), ("meta", meta)),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Create_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.Create",
                a => Prov(Groups.Create(A(a), Str(a[1]), Str(a[2]), Str(a[3]))),
                AuthA,
                Model,
                ItemId,
                TextArg("meta")
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Info_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            select new ValidCase(
                D("Groups.Info", ShowAuth(a), S(m), S(id)),
                () => Prov(Groups.Info(a, m, id)),
                E("GET", Under(GroupRoot, m, id), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Info_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.Info",
                a => Prov(Groups.Info(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                ItemId
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_ParentGroups_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from p in Page
            select new ValidCase(
                D("Groups.ParentGroups", ShowAuth(a), S(m), S(id), ShowPage(p)),
                () => Prov(Groups.ParentGroups(a, m, id, p)),
                E(
                    "GET",
                    Under(GroupRoot, m, id),
                    Q(("show", "groups")) + PagePairs(p),
                    Body.None,
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_ParentGroups_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.ParentGroups",
                a => Prov(Groups.ParentGroups(A(a), Str(a[1]), Str(a[2]), (ProvisioningPage)a[3]!)),
                AuthA,
                Model,
                ItemId,
                PageArg()
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Delete_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            select new ValidCase(
                D("Groups.Delete", ShowAuth(a), S(m), S(id)),
                () => Prov(Groups.Delete(a, m, id)),
                E("DELETE", Under(GroupRoot, m, id), Empty, Body.None, AuthHeaders(a))
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Delete_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.Delete",
                a => Prov(Groups.Delete(A(a), Str(a[1]), Str(a[2]))),
                AuthA,
                Model,
                ItemId
            )
        );

    private static readonly Gen<string?> BadName = Gen.OneOf(
        Gen.Constant<string?>(""),
        LoneSurrogate.Select(s => (string?)s)
    );

    [Property(MaxTest = N)]
    public Property Groups_Members_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from type in Maybe(Name)
            from member in Maybe(Name)
            from p in Page
            select new ValidCase(
                D(
                    "Groups.Members",
                    ShowAuth(a),
                    S(m),
                    S(id),
                    Wire.Show(type),
                    Wire.Show(member),
                    ShowPage(p)
                ),
                () => Prov(Groups.Members(a, m, id, type, member, p)),
                E(
                    "GET",
                    Under(GroupRoot, m, id, ""),
                    type.Map(t => new Pair("type", t)).ToSeq()
                        + member.Map(x => new Pair("id", x)).ToSeq()
                        + PagePairs(p),
                    Body.None,
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_Members_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.Members",
                a =>
                    Prov(
                        Groups.Members(
                            A(a),
                            Str(a[1]),
                            Str(a[2]),
                            (Option<string>)a[3]!,
                            (Option<string>)a[4]!,
                            (ProvisioningPage)a[5]!
                        )
                    ),
                AuthA,
                Model,
                ItemId,
                OptionArg("type", Name, BadName),
                OptionArg("memberId", Name, BadName),
                PageArg()
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_AddMembers_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from type in Name
            from ids in NonEmpty(Name)
            from expire in Maybe(Text)
            from meta in Maybe(Text)
            select new ValidCase(
                D(
                    "Groups.AddMembers",
                    ShowAuth(a),
                    S(m),
                    S(id),
                    S(type),
                    Wire.Show(ids),
                    Wire.Show(expire),
                    Wire.Show(meta)
                ),
                () => Prov(Groups.AddMembers(a, m, id, type, ids, expire, meta)),
                E(
                    "POST",
                    Under(GroupRoot, m, id, ""),
                    Empty,
                    Form(
                        Q(("type", type))
                            + ids.Map(x => new Pair("id[]", x))
                            + expire.Map(e => new Pair("expire", e)).ToSeq()
                            + meta.Map(e => new Pair("meta", e)).ToSeq()
                    ),
                    AuthHeaders(a)
                )
            )
        );

    private static readonly Gen<string?> BadText = LoneSurrogate.Select(s => (string?)s);

    [Property(MaxTest = N)]
    public Property Groups_AddMembers_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.AddMembers",
                a =>
                    Prov(
                        Groups.AddMembers(
                            A(a),
                            Str(a[1]),
                            Str(a[2]),
                            Str(a[3]),
                            (Seq<string>)a[4]!,
                            (Option<string>)a[5]!,
                            (Option<string>)a[6]!
                        )
                    ),
                AuthA,
                Model,
                ItemId,
                NameArg("type"),
                NamesArg("memberIds"),
                OptionArg("expire", Text, BadText),
                OptionArg("meta", Text, BadText)
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_RemoveMembers_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from type in Name
            from ids in NonEmpty(Name)
            select new ValidCase(
                D("Groups.RemoveMembers", ShowAuth(a), S(m), S(id), S(type), Wire.Show(ids)),
                () => Prov(Groups.RemoveMembers(a, m, id, type, ids)),
                E(
                    "POST",
                    Under(GroupRoot, m, id, ""),
                    Empty,
                    Form(
                        Q(("type", type))
                            + ids.Map(x => new Pair("id[]", x))
                            + Q(("delete", "true"))
                    ),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_RemoveMembers_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.RemoveMembers",
                a =>
                    Prov(
                        Groups.RemoveMembers(
                            A(a),
                            Str(a[1]),
                            Str(a[2]),
                            Str(a[3]),
                            (Seq<string>)a[4]!
                        )
                    ),
                AuthA,
                Model,
                ItemId,
                NameArg("type"),
                NamesArg("memberIds")
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_AddMembersCsv_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from ms in NonEmpty(Member)
            select new ValidCase(
                D(
                    "Groups.AddMembersCsv",
                    ShowAuth(a),
                    S(m),
                    S(id),
                    Wire.Show(ms.Map(x => $"{x.Type}|{x.MemberId}|{x.Expire}|{x.Meta}"))
                ),
                () => Prov(Groups.AddMembersCsv(a, m, id, ms)),
                E(
                    "POST",
                    Under(GroupRoot, m, id, ""),
                    Empty,
                    new Body.Csv(ms.Map(x => Seq(x.Type, x.MemberId, x.Expire, x.Meta))),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_AddMembersCsv_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.AddMembersCsv",
                a =>
                    Prov(Groups.AddMembersCsv(A(a), Str(a[1]), Str(a[2]), (Seq<GroupMember>)a[3]!)),
                AuthA,
                Model,
                ItemId,
                MembersArg
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_RemoveMembersCsv_valid() =>
        Valid(
            from a in AnyAuth
            from m in Segment
            from id in Segment
            from ms in NonEmpty(MemberRef)
            select new ValidCase(
                D(
                    "Groups.RemoveMembersCsv",
                    ShowAuth(a),
                    S(m),
                    S(id),
                    Wire.Show(ms.Map(x => $"{x.Type}|{x.MemberId}"))
                ),
                () => Prov(Groups.RemoveMembersCsv(a, m, id, ms)),
                E(
                    "DELETE",
                    Under(GroupRoot, m, id, ""),
                    Empty,
                    new Body.Csv(ms.Map(x => Seq(x.Type, x.MemberId))),
                    AuthHeaders(a)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Groups_RemoveMembersCsv_invalid() =>
        Invalid(
            Args.Invalid(
                "Groups.RemoveMembersCsv",
                a =>
                    Prov(
                        Groups.RemoveMembersCsv(
                            A(a),
                            Str(a[1]),
                            Str(a[2]),
                            (Seq<GroupMemberRef>)a[3]!
                        )
                    ),
                AuthA,
                Model,
                ItemId,
                MemberRefsArg
            )
        );

    // ==== Device side (§3.7) ===============================================================================

    private static Seq<Header> DeviceCik(string cik) =>
        Seq1(new Header("X-Exosite-CIK", cik, true));

    [Property(MaxTest = N)]
    public Property Device_Activate_valid() =>
        Valid(
            from v in Name
            from m in Name
            from sn in Name
            select new ValidCase(
                D("Device.Activate", S(v), S(m), S(sn)),
                () => Prov(Device.Activate(v, m, sn)),
                E(
                    "POST",
                    P("provision", "activate"),
                    Empty,
                    Form(("vendor", v), ("model", m), ("sn", sn)),
                    Empty
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Device_Activate_invalid() =>
        Invalid(
            Args.Invalid(
                "Device.Activate",
                a => Prov(Device.Activate(Str(a[0]), Str(a[1]), Str(a[2]))),
                NameArg("vendor"),
                NameArg("model"),
                NameArg("serialNumber")
            )
        );

    [Property(MaxTest = N)]
    public Property Device_ListContent_valid() =>
        Valid(
            from cik in Hex40
            from v in Name
            from m in Name
            select new ValidCase(
                D("Device.ListContent", S(cik), S(v), S(m)),
                () => Prov(Device.ListContent(cik, v, m)),
                E(
                    "GET",
                    P("provision", "download"),
                    Q(("vendor", v), ("model", m)),
                    Body.None,
                    DeviceCik(cik)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Device_ListContent_invalid() =>
        Invalid(
            Args.Invalid(
                "Device.ListContent",
                a => Prov(Device.ListContent(Str(a[0]), Str(a[1]), Str(a[2]))),
                IdentifierArg("cik"),
                NameArg("vendor"),
                NameArg("model")
            )
        );

    [Property(MaxTest = N)]
    public Property Device_Download_valid() =>
        Valid(
            from cik in Hex40
            from v in Name
            from m in Name
            from id in Name
            from r in Maybe(ByteRanges)
            select new ValidCase(
                D(
                    "Device.Download",
                    S(cik),
                    S(v),
                    S(m),
                    S(id),
                    r.Match(RangeHeader, () => "no range")
                ),
                () => Prov(Device.Download(cik, v, m, id, r)),
                E(
                    "GET",
                    P("provision", "download"),
                    Q(("vendor", v), ("model", m), ("id", id)),
                    Body.None,
                    DeviceCik(cik) + r.Map(x => new Header("Range", RangeHeader(x), false)).ToSeq()
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Device_Download_invalid() =>
        Invalid(
            Args.Invalid(
                "Device.Download",
                a =>
                    Prov(
                        Device.Download(
                            Str(a[0]),
                            Str(a[1]),
                            Str(a[2]),
                            Str(a[3]),
                            (Option<ByteRange>)a[4]!
                        )
                    ),
                IdentifierArg("cik"),
                NameArg("vendor"),
                NameArg("model"),
                NameArg("id"),
                RangeArg
            )
        );

    [Property(MaxTest = N)]
    public Property Device_ContentInfo_valid() =>
        Valid(
            from cik in Hex40
            from v in Name
            from m in Name
            from id in Name
            select new ValidCase(
                D("Device.ContentInfo", S(cik), S(v), S(m), S(id)),
                () => Prov(Device.ContentInfo(cik, v, m, id)),
                E(
                    "GET",
                    P("provision", "download"),
                    Q(("vendor", v), ("model", m), ("id", id), ("info", "true")),
                    Body.None,
                    DeviceCik(cik)
                )
            )
        );

    [Property(MaxTest = N)]
    public Property Device_ContentInfo_invalid() =>
        Invalid(
            Args.Invalid(
                "Device.ContentInfo",
                a => Prov(Device.ContentInfo(Str(a[0]), Str(a[1]), Str(a[2]), Str(a[3]))),
                IdentifierArg("cik"),
                NameArg("vendor"),
                NameArg("model"),
                NameArg("id")
            )
        );
}
