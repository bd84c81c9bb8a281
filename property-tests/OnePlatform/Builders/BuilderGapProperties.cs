using System.Text.Json;
using System.Text.Json.Nodes;
using static Functional.PropertyTests.OnePlatform.Builders.BuilderCheck;
using G = Functional.PropertyTests.OnePlatform.Builders.BuilderGens;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>
/// Properties that caught real builder bugs in issue 7 (all fixed since): each states the general rule — a valid
/// argument is sent exactly, an invalid one is rejected naming its field — for an input the main properties leave out.
/// </summary>
public class BuilderGapProperties
{
    /// <summary>A text argument of one builder, and the field its errors must name.</summary>
    public sealed record TextSlot(
        string Builder,
        Func<string, string> Field,
        Func<string, Validation<ApiError, RpcCall<Unit>>> Build
    )
    {
        public override string ToString() => Builder;
    }

    private static readonly ResourceId Child = ResourceId.Alias("child");

    private static readonly TextSlot[] TextSlots =
    [
        new("map alias", _ => "alias", s => Untyped(Aliases.Map(Child, s))),
        new("unmap alias", _ => "alias", s => Untyped(Aliases.Unmap(ResourceId.Self, s))),
        new(
            "lookup alias",
            _ => "value",
            s => Untyped(Aliases.Lookup(ResourceId.Self, LookupKind.Alias, s))
        ),
        new("tag", _ => "tag", s => Untyped(Annotations.Tag(Child, TagAction.Add, s))),
        new(
            "comment",
            _ => "text",
            s => Untyped(Annotations.Comment(Child, CommentVisibility.Public, s))
        ),
        new(
            "share meta",
            _ => "options.meta",
            s => Untyped(SharesAndKeys.Share(Child, ShareOptions.Default.WithMeta(s)))
        ),
        new(
            "client meta",
            _ => "description.meta",
            s => Untyped(Resources.Create(ResourceId.Self, ClientDescription.Default.WithMeta(s)))
        ),
        new(
            "dataport name",
            _ => "description.name",
            s =>
                Untyped(
                    Resources.Create(
                        ResourceId.Self,
                        DataportDescription.Of(DataFormat.String).WithName(s)
                    )
                )
        ),
        new(
            "dispatch recipient",
            _ => "description.recipient",
            s =>
                Untyped(
                    Resources.Create(
                        ResourceId.Self,
                        DispatchDescription.Of(DispatchMethod.Email, s)
                    )
                )
        ),
        new(
            "dispatch subject",
            _ => "description.subject",
            s =>
                Untyped(
                    Resources.Create(
                        ResourceId.Self,
                        DispatchDescription.Of(DispatchMethod.Email, "a@b.c").WithSubject(s)
                    )
                )
        ),
        new(
            "datarule script",
            _ => "description.rule.script",
            s => Untyped(Resources.Create(ResourceId.Self, DataruleDescription.ForScript(s)))
        ),
        new(
            "listing tagged",
            _ => "options.tagged[0]",
            s =>
                Untyped(
                    Resources.Listing(
                        ResourceId.Self,
                        Seq1(ResourceType.Dataport),
                        ListingOptions.Default.WithTagged(Seq1(s))
                    )
                )
        ),
        new(
            "update name",
            _ => "description.name",
            s => Untyped(Resources.Update(Child, ResourceUpdate.Empty.WithName(s)))
        ),
        new(
            "client extra key",
            s => $"description.{s}",
            s =>
                Untyped(
                    Resources.Create(
                        ResourceId.Self,
                        ClientDescription.Default.WithExtra(
                            s,
                            JsonDocument.Parse("1").RootElement.Clone()
                        )
                    )
                )
        ),
    ];

    /// <summary>
    /// Text with an unpaired surrogate cannot be sent (UTF-8 JSON has no form for it; Utf8JsonWriter silently writes
    /// U+FFFD instead): the builder must reject it naming the field, as it already does for aliases in a
    /// <see cref="ResourceId"/> and for point values.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Text_with_an_unpaired_surrogate_is_rejected_not_replaced() =>
        Prop.ForAll(
            Arb.From(
                from slot in Gen.Elements(TextSlots)
                from s in G.LoneSurrogate
                select (slot, s)
            ),
            c =>
                FailsNaming(
                    new InvalidCase(
                        $"{c.slot} {G.Q(c.s)}",
                        () => c.slot.Build(c.s),
                        [c.slot.Field(c.s)]
                    )
                )
        );

    /// <summary>
    /// <c>new ResourceId.ByAlias("")</c> (or <c>Alias("x") with { Name = "" }</c>) is the calling client: it is sent as
    /// <c>{"alias": ""}</c>, so move and update must refuse it like <see cref="ResourceId.Self"/>.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property The_caller_spelled_as_an_empty_alias_record_may_not_move_or_update_itself() =>
        Prop.ForAll(
            Arb.From(
                from self in Gen.Elements<ResourceId>(
                    new ResourceId.ByAlias(""),
                    ((ResourceId.ByAlias)ResourceId.Alias("x")) with
                    {
                        Name = "",
                    }
                )
                from update in Gen.Elements(false, true)
                select new InvalidCase(
                    (update ? "update " : "move ") + "ByAlias(\"\")",
                    update
                        ? () => Untyped(Resources.Update(self, ResourceUpdate.Empty.WithName("n")))
                        : () => Untyped(Resources.Move(self, ResourceId.Rid(new string('a', 40)))),
                    ["resource"]
                )
            ),
            FailsNaming
        );

    /// <summary>
    /// An undefined <see cref="ArgumentForm"/> is an invalid argument named <c>form</c> by every builder that takes one
    /// (write, unmap, lookup, activate and deactivate once sent the documented form silently).
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Every_builder_rejects_an_undefined_argument_form() =>
        Prop.ForAll(
            Arb.From(
                from form in G.Undefined<ArgumentForm>()
                from builder in Gen.Elements(
                    "create",
                    "listing",
                    "write",
                    "unmap",
                    "lookup",
                    "activate",
                    "deactivate"
                )
                select new InvalidCase(
                    $"{builder} form {(int)form}",
                    builder switch
                    {
                        "create" => () =>
                            Untyped(
                                Resources.Create(ResourceId.Self, ClientDescription.Default, form)
                            ),
                        "listing" => () =>
                            Untyped(
                                Resources.Listing(
                                    ResourceId.Self,
                                    Seq1(ResourceType.Client),
                                    ListingOptions.Default,
                                    form
                                )
                            ),
                        "write" => () => Untyped(TimeSeries.Write(Child, PointValue.Of(1L), form)),
                        "unmap" => () => Untyped(Aliases.Unmap(ResourceId.Self, "a", form)),
                        "lookup" => () =>
                            Untyped(Aliases.Lookup(ResourceId.Self, LookupKind.Alias, "a", form)),
                        "activate" => () =>
                            Untyped(
                                SharesAndKeys.Activate(
                                    ResourceId.Self,
                                    CodeType.Share,
                                    new string('a', 40),
                                    form
                                )
                            ),
                        _ => () =>
                            Untyped(
                                SharesAndKeys.Deactivate(
                                    ResourceId.Self,
                                    CodeType.Share,
                                    new string('a', 40),
                                    form
                                )
                            ),
                    },
                    ["form"]
                )
            ),
            FailsNaming
        );

    /// <summary>
    /// <c>grant</c> with a <see cref="TimeSpan"/> ttl is documented as rounded up to whole seconds, for every span
    /// (rounding <c>TotalSeconds</c>, a double, once lost a small sub-second part of spans over about 14 years).
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Grant_ttl_span_is_rounded_up_for_every_span() =>
        Prop.ForAll(
            Arb.From(
                from seconds in Gen.Choose(1_250_000, int.MaxValue).Select(s => (long)s * 400)
                from extra in Gen.Choose(1, 1000)
                let ticks = (seconds * TimeSpan.TicksPerSecond) + extra
                select Valid(
                    "grant",
                    false,
                    () =>
                        SharesAndKeys.Grant(
                            ResourceId.Self,
                            toMap(Seq1((new string('b', 40), Seq1("read")))),
                            TimeSpan.FromTicks(ticks)
                        ),
                    JArr(
                        new JsonObject { ["alias"] = "" },
                        new JsonObject { [new string('b', 40)] = new JsonArray("read") },
                        new JsonObject { ["ttl"] = seconds + 1 }
                    ),
                    $"{ticks} ticks"
                )
            ),
            Succeeds
        );

    /// <summary>
    /// A point value given as a JSON element is sent as that JSON value, integers beyond <see cref="long"/> included
    /// (<see cref="PointValue.Of(JsonElement)"/> once turned them into a double and lost digits).
    /// </summary>
    [Property(MaxTest = 200)]
    public Property A_json_point_value_is_sent_exactly() =>
        Prop.ForAll(
            Arb.From(
                from digits in Gen.Choose(19, 40)
                    .SelectMany(n => Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), n))
                    .Select(cs => "9" + new string(cs))
                from negative in Gen.Elements(false, true)
                let text = (negative ? "-" : "") + digits
                select Valid(
                    "write",
                    false,
                    () =>
                        TimeSeries.Write(
                            Child,
                            PointValue.Of(JsonDocument.Parse(text).RootElement.Clone())
                        ),
                    JArr(new JsonObject { ["alias"] = "child" }, JsonNode.Parse(text)),
                    text
                )
            ),
            Succeeds
        );
}
