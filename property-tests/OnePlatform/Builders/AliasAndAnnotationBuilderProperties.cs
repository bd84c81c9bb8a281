using System.Text.Json.Nodes;
using static Functional.PropertyTests.OnePlatform.Builders.BuilderCheck;
using G = Functional.PropertyTests.OnePlatform.Builders.BuilderGens;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>Builder properties of map, unmap, lookup (onep.md §2.5 Aliases) and the undocumented tag and comment.</summary>
public class AliasAndAnnotationBuilderProperties
{
    private static Arg<string> Text(string s) => Arg.Ok(s, (JsonNode?)JsonValue.Create(s), G.Q(s));

    /// <summary>A name (alias or tag): printable, hostile, not empty.</summary>
    private static Gen<Arg<string>> Name { get; } = G.PrintableNonEmpty(20).Select(Text);

    /// <summary>A bad name: null, empty (when <paramref name="emptyIsBad"/>), with a control character.</summary>
    private static Gen<Arg<string>> BadName(string field, bool emptyIsBad) =>
        Gen.OneOf(
            emptyIsBad
                ? Gen.Elements<string?>(null, "").Select(s => Arg.Bad(s!, G.Q(s), field))
                : Gen.Constant(Arg.Bad<string>(null!, "null", field)),
            G.WithControl.Select(s => Arg.Bad(s, G.Q(s), field))
        );

    /// <summary>A client valid for the form: any resource (documented) or the caller (pyonep).</summary>
    private static Gen<(ArgumentForm Form, Arg<ResourceId> Client)> ValidClient { get; } =
        Gen.OneOf(
            G.Resource.Select(c => (ArgumentForm.Documented, c)),
            G.Self.Select(c => (ArgumentForm.Pyonep, c))
        );

    /// <summary>A client that may be bad: invalid, or not the caller in the pyonep form.</summary>
    private static Gen<(ArgumentForm Form, Arg<ResourceId> Client)> AnyClient { get; } =
        Gen.OneOf(
            Arg.Mixed(G.Resource, G.BadResource("client"))
                .Select(c => (ArgumentForm.Documented, c)),
            Gen.Frequency(
                    (1, G.Self),
                    (1, G.NotSelf.Select(c => Arg.Bad(c.Value, c.Shown + " (pyonep)", "client"))),
                    (1, G.BadResource("client"))
                )
                .Select(c => (ArgumentForm.Pyonep, c))
        );

    private static JsonArray ClientForm(
        ArgumentForm form,
        Arg<ResourceId> client,
        params JsonNode?[] rest
    ) => form == ArgumentForm.Pyonep ? JArr(rest) : JArr([client.J, .. rest]);

    // ---- map ----------------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property Map_sends_alias_resource_and_name() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from a in Name
                select Valid(
                    "map",
                    false,
                    () => Aliases.Map(r.Value, a.Value),
                    JArr(JsonValue.Create("alias"), r.J, a.J),
                    r,
                    a
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Map_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from a in Arg.Mixed(Name, BadName("alias", emptyIsBad: true))
                    select Invalid(
                        () => Aliases.Map(r.Value, a.Value),
                        Arg.BadOf(r.Bad, a.Bad),
                        r,
                        a
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- unmap --------------------------------------------------------------------------------------

    private static Gen<Arg<string>> MaybeEmptyName { get; } =
        Gen.Frequency((5, Name), (1, Gen.Constant(Text(""))));

    [Property(MaxTest = 200)]
    public Property Unmap_sends_the_alias_in_either_form() =>
        Prop.ForAll(
            Arb.From(
                from c in ValidClient
                from a in MaybeEmptyName
                select Valid(
                    "unmap",
                    false,
                    () => Aliases.Unmap(c.Client.Value, a.Value, c.Form),
                    ClientForm(c.Form, c.Client, JsonValue.Create("alias"), a.J),
                    c.Form,
                    c.Client,
                    a
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Unmap_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from c in AnyClient
                    from a in Arg.Mixed(MaybeEmptyName, BadName("alias", emptyIsBad: false))
                    select Invalid(
                        () => Aliases.Unmap(c.Client.Value, a.Value, c.Form),
                        Arg.BadOf(c.Client.Bad, a.Bad),
                        c.Form,
                        c.Client,
                        a
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- lookup -------------------------------------------------------------------------------------

    private static Gen<(LookupKind Kind, string Wire, Arg<string> Value)> ValidLookup { get; } =
        Gen.OneOf(
            MaybeEmptyName.Select(v => (LookupKind.Alias, "alias", v)),
            G.IdArg.Select(v => (LookupKind.Owner, "owner", v)),
            G.IdArg.Select(v => (LookupKind.Shared, "shared", v))
        );

    private static Gen<(LookupKind Kind, Arg<string> Value)> BadLookup { get; } =
        Gen.OneOf(
            BadName("value", emptyIsBad: false).Select(v => (LookupKind.Alias, v)),
            G.BadIdArg("value").Select(v => (LookupKind.Owner, v)),
            G.BadIdArg("value").Select(v => (LookupKind.Shared, v)),
            from k in G.Undefined<LookupKind>()
            from v in Gen.OneOf(G.Printable(8), G.Identifier)
            select (k, Arg.Bad(v, G.Q(v), "kind")),
            // Alias syntax is not a RID: a name given to owner/shared is bad.
            from k in Gen.Elements(LookupKind.Owner, LookupKind.Shared)
            from v in G.PrintableNonEmpty(8)
            select (k, Arg.Bad(v, G.Q(v), "value"))
        );

    [Property(MaxTest = 300)]
    public Property Lookup_sends_kind_and_value_in_either_form() =>
        Prop.ForAll(
            Arb.From(
                from c in ValidClient
                from l in ValidLookup
                select Valid(
                    "lookup",
                    true,
                    () => Aliases.Lookup(c.Client.Value, l.Kind, l.Value.Value, c.Form),
                    ClientForm(c.Form, c.Client, JsonValue.Create(l.Wire), l.Value.J),
                    c.Form,
                    c.Client,
                    l.Wire,
                    l.Value
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Lookup_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from c in AnyClient
                    from l in Gen.OneOf(ValidLookup.Select(v => (v.Kind, v.Value)), BadLookup)
                    select Invalid(
                        () => Aliases.Lookup(c.Client.Value, l.Kind, l.Value.Value, c.Form),
                        Arg.BadOf(c.Client.Bad, l.Value.Bad),
                        c.Form,
                        c.Client,
                        (int)l.Kind,
                        l.Value
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- tag ----------------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property Tag_sends_resource_action_and_tag() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from a in Gen.Elements((TagAction.Add, "add"), (TagAction.Remove, "remove"))
                from t in Name
                select Valid(
                    "tag",
                    false,
                    () => Annotations.Tag(r.Value, a.Item1, t.Value),
                    JArr(r.J, JsonValue.Create(a.Item2), t.J),
                    r,
                    a.Item2,
                    t
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Tag_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from a in Gen.Frequency(
                        (
                            2,
                            Gen.Elements(TagAction.Add, TagAction.Remove)
                                .Select(x => (x, System.Array.Empty<string>()))
                        ),
                        (1, G.Undefined<TagAction>().Select(x => (x, new[] { "action" })))
                    )
                    from t in Arg.Mixed(Name, BadName("tag", emptyIsBad: true))
                    select Invalid(
                        () => Annotations.Tag(r.Value, a.Item1, t.Value),
                        Arg.BadOf(r.Bad, a.Item2, t.Bad),
                        r,
                        (int)a.Item1,
                        t
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- comment ------------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property Comment_sends_resource_visibility_and_any_text() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from v in Gen.Elements(
                    (CommentVisibility.Public, "public"),
                    (CommentVisibility.Private, "private")
                )
                from t in G.AnyText(40).Select(Text)
                select Valid(
                    "comment",
                    false,
                    () => Annotations.Comment(r.Value, v.Item1, t.Value),
                    JArr(r.J, JsonValue.Create(v.Item2), t.J),
                    r,
                    v.Item2,
                    t
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Comment_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from v in Gen.Frequency(
                        (
                            2,
                            Gen.Elements(CommentVisibility.Public, CommentVisibility.Private)
                                .Select(x => (x, System.Array.Empty<string>()))
                        ),
                        (
                            1,
                            G.Undefined<CommentVisibility>()
                                .Select(x => (x, new[] { "visibility" }))
                        )
                    )
                    from t in Arg.Mixed(
                        G.AnyText(20).Select(Text),
                        Gen.Constant(Arg.Bad<string>(null!, "null", "text"))
                    )
                    select Invalid(
                        () => Annotations.Comment(r.Value, v.Item1, t.Value),
                        Arg.BadOf(r.Bad, v.Item2, t.Bad),
                        r,
                        (int)v.Item1,
                        t
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );
}
