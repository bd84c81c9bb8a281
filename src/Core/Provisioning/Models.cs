using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>What a model clones for each device: a template client named by RID, or by a share code of it.</summary>
public abstract record ModelTemplate
{
    private ModelTemplate() { }

    /// <summary>The template client's RID (<c>rid=</c>; pyonep's default, <c>manage_by_sharecode=False</c>).</summary>
    public static ModelTemplate FromRid(string rid) => new Rid(rid);

    /// <summary>A share code of the template client (<c>code=</c>; pyonep's <c>manage_by_sharecode=True</c>).</summary>
    public static ModelTemplate FromShareCode(string code) => new ShareCode(code);

    /// <summary>The template client's RID.</summary>
    /// <param name="Value">40 lower-case hex.</param>
    public sealed record Rid(string Value) : ModelTemplate;

    /// <summary>A share code of the template client (a credential: never shown).</summary>
    /// <param name="Code">40 lower-case hex.</param>
    public sealed record ShareCode(string Code) : ModelTemplate
    {
        /// <inheritdoc />
        public override string ToString() => "ShareCode(***)";
    }

    internal Validation<ApiError, ModelTemplate> Validate(string field) =>
        this switch
        {
            Rid r => Identifier.Validate($"{field}.rid", r.Value).Map(_ => this),
            ShareCode c => Identifier
                .Validate($"{field}.code", c.Code, secret: true)
                .Map(_ => this),
            _ => ProvisioningChecks.Problem<ModelTemplate>(field, "is not a known template"),
        };

    internal QueryParam ToField() =>
        this switch
        {
            Rid r => new QueryParam("rid", r.Value),
            ShareCode c => new QueryParam("code", c.Code),
            _ => throw new InvalidOperationException("unknown template"),
        };
}

/// <summary>
/// What a model's clones copy from the template: each false flag is sent as <c>options[]=noaliases</c>,
/// <c>nocomments</c> or <c>nohistorical</c>.
/// </summary>
/// <param name="Aliases">Copy aliases.</param>
/// <param name="Comments">Copy comments.</param>
/// <param name="Historical">Copy historical data.</param>
public sealed record ModelOptions(bool Aliases, bool Comments, bool Historical)
{
    /// <summary>Copy everything (no <c>options[]</c> sent).</summary>
    public static ModelOptions Default { get; } = new(true, true, true);

    /// <summary>A copy with <see cref="Aliases"/> set.</summary>
    public ModelOptions WithAliases(bool value) => this with { Aliases = value };

    /// <summary>A copy with <see cref="Comments"/> set.</summary>
    public ModelOptions WithComments(bool value) => this with { Comments = value };

    /// <summary>A copy with <see cref="Historical"/> set.</summary>
    public ModelOptions WithHistorical(bool value) => this with { Historical = value };

    internal Seq<QueryParam> ToFields() =>
        toSeq(
            new[] { (Aliases, "noaliases"), (Comments, "nocomments"), (Historical, "nohistorical") }
                .Where(o => !o.Item1)
                .Select(o => new QueryParam("options[]", o.Item2))
                .ToArray()
        );

    internal static ModelOptions FromFields(Seq<string> options) =>
        new(
            !options.Contains("noaliases"),
            !options.Contains("nocomments"),
            !options.Contains("nohistorical")
        );
}

/// <summary>A model another vendor shared with the caller (<c>?show=shared</c>).</summary>
/// <param name="Vendor">The owning vendor.</param>
/// <param name="Model">The model name.</param>
public sealed record SharedModel(string Vendor, string Model);

/// <summary>A model's settings (<c>GET …/model/&lt;model&gt;</c>).</summary>
/// <param name="Template">The template: RID or share code.</param>
/// <param name="Options">What clones copy.</param>
public sealed record ModelInfo(ModelTemplate Template, ModelOptions Options);

/// <summary>Builders for <c>/provision/manage/model/</c> (spec §3.1).</summary>
public static class Models
{
    internal const string Root = ProvisioningChecks.Prefix + "/manage/model";

    /// <summary><c>GET /provision/manage/model/</c>: the vendor's model names.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> List(ProvisioningAuth auth) =>
        ProvisioningChecks
            .Auth("auth", auth)
            .Map(a =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", Root + "/", a),
                    ProvisioningResponses.Lines
                )
            );

    /// <summary><c>GET /provision/manage/model/?show=shared</c>: models other vendors shared with the caller.</summary>
    public static Validation<ApiError, HttpEffect<Seq<SharedModel>>> ListShared(
        ProvisioningAuth auth
    ) =>
        ProvisioningChecks
            .Auth("auth", auth)
            .Map(a =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", Root + "/", a).WithQuery("show", "shared"),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows =>
                                ProvisioningResponses.Each(
                                    rows,
                                    (row, i) =>
                                        row.Count >= 2
                                            ? Right<ApiError, SharedModel>(
                                                new SharedModel(
                                                    row[0],
                                                    string.Join(",", row.Skip(1))
                                                )
                                            )
                                            : ProvisioningResponses.Malformed<SharedModel>(
                                                "<vendor>,<model> rows",
                                                $"row {i} has {row.Count} field(s)"
                                            )
                                )
                            )
                )
            );

    /// <summary>
    /// <c>POST /provision/manage/model/</c> form <c>model=&amp;rid=|code=[&amp;options[]=…]</c>: creates a model.
    /// 205; 409 when the model exists.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Create(
        ProvisioningAuth auth,
        string model,
        ModelTemplate template,
        ModelOptions options
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            RequireTemplate(template),
            RequireOptions(options)
        ).Apply(
            (a, m, t, o) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", Root + "/", a)
                        .WithBody(
                            ProvisioningChecks.Form(
                                Seq(new QueryParam("model", m), t.ToField()) + o.ToFields()
                            )
                        ),
                    ProvisioningResponses.Done
                )
        );

    /// <summary><c>GET /provision/manage/model/&lt;model&gt;</c>: the model's template and options (form-encoded answer).</summary>
    public static Validation<ApiError, HttpEffect<ModelInfo>> Info(
        ProvisioningAuth auth,
        string model
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Segment("model", model)).Apply(
            (a, m) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", PathSegments.Join(Root, m), a),
                    r => ProvisioningResponses.Check(r).Bind(ok => ParseInfo(ok.BodyText))
                )
        );

    /// <summary>
    /// <c>PUT /provision/manage/model/&lt;model&gt;</c> form <c>rid=|code=[&amp;options[]=…]</c>: changes the template
    /// or options. 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Update(
        ProvisioningAuth auth,
        string model,
        ModelTemplate template,
        ModelOptions options
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            RequireTemplate(template),
            RequireOptions(options)
        ).Apply(
            (a, m, t, o) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("PUT", PathSegments.Join(Root, m), a)
                        .WithBody(ProvisioningChecks.Form(Seq1(t.ToField()) + o.ToFields())),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>DELETE /provision/manage/model/&lt;model&gt;</c>: deletes the model with its serial numbers and content. 205.
    /// With <see cref="ArgumentForm.Pyonep"/> the request carries pyonep's form body
    /// <c>delete=true&amp;model=&lt;model&gt;&amp;confirm=true</c> (the documented request has no body).
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Delete(
        ProvisioningAuth auth,
        string model,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            SerialNumbers.CheckForm(form)
        ).Apply(
            (a, m, f) =>
            {
                var request = ProvisioningChecks.Request("DELETE", PathSegments.Join(Root, m), a);
                return ProvisioningChecks.Send(
                    f == ArgumentForm.Pyonep
                        ? request.WithBody(
                            ProvisioningChecks.Form(
                                ("delete", "true"),
                                ("model", m),
                                ("confirm", "true")
                            )
                        )
                        : request,
                    ProvisioningResponses.Done
                );
            }
        );

    /// <summary>Parses a model-info body: <c>rid=&lt;rid&gt;&amp;options[]=…</c> or <c>code=&lt;code&gt;&amp;options[]=…</c>.</summary>
    public static Either<ApiError, ModelInfo> ParseInfo(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fields = QueryString.Decode(body.Trim());
        var options = fields.Filter(f => f.Name is "options[]" or "options").Map(f => f.Value);
        var opts = ModelOptions.FromFields(options);
        return fields
            .Find(f => f.Name == "rid")
            .Map(f => ModelTemplate.FromRid(f.Value))
            .BiBind(
                Some,
                () =>
                    fields
                        .Find(f => f.Name == "code")
                        .Map(f => ModelTemplate.FromShareCode(f.Value))
            )
            .Match(
                t => Right<ApiError, ModelInfo>(new ModelInfo(t, opts)),
                () =>
                    ProvisioningResponses.Malformed<ModelInfo>(
                        "a form-encoded body with rid= or code=",
                        "neither field is present"
                    )
            );
    }

    private static Validation<ApiError, ModelTemplate> RequireTemplate(ModelTemplate? template) =>
        template is null
            ? ProvisioningChecks.Problem<ModelTemplate>("template", "is required")
            : template.Validate("template");

    private static Validation<ApiError, ModelOptions> RequireOptions(ModelOptions? options) =>
        options is null
            ? ProvisioningChecks.Problem<ModelOptions>("options", "is required")
            : Success<ApiError, ModelOptions>(options);
}
