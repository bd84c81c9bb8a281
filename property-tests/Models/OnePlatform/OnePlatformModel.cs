using System.Globalization;

namespace Functional.PropertyTests.Models.OnePlatform;

/// <summary>What the model says a command must do.</summary>
public abstract record Expect
{
    private Expect() { }

    /// <summary>The spec does not pin this case down (or the reference is missing): the command is not sent.</summary>
    /// <param name="Why">Shown in the trace.</param>
    public sealed record Skip(string Why) : Expect;

    /// <summary>Only moves the clock; nothing is sent.</summary>
    public sealed record Local : Expect;

    /// <summary>Succeeds with this rendered result; <paramref name="Apply"/> (given the raw result) updates the model.</summary>
    /// <param name="Result">The rendered result ("" for procedures without one).</param>
    /// <param name="Apply">The model's state change.</param>
    public sealed record Ok(string Result, Action<string?> Apply) : Expect;

    /// <summary>Fails with one of <paramref name="Statuses"/> (null: the spec requires a failure but names no status).</summary>
    /// <param name="Statuses">Accepted per-call statuses.</param>
    /// <param name="Why">The rule (for the trace).</param>
    public sealed record Fails(IReadOnlyList<string>? Statuses, string Why) : Expect;

    /// <summary>The client refuses the arguments before sending anything.</summary>
    /// <param name="Why">The rule.</param>
    public sealed record Rejected(string Why) : Expect;

    /// <summary>The spec leaves success or failure open; either way the state does not change.</summary>
    /// <param name="Why">The open point.</param>
    public sealed record Either(string Why) : Expect;

    /// <inheritdoc />
    public sealed override string ToString() =>
        this switch
        {
            Skip s => "skip (" + s.Why + ")",
            Local => "local",
            Ok o => o.Result.Length == 0 ? "ok" : "ok " + o.Result,
            Fails f => (
                f.Statuses is null ? "fails (any status)" : "fails " + string.Join("|", f.Statuses)
            )
                + " — "
                + f.Why,
            Rejected r => "rejected by the client — " + r.Why,
            Either e => "ok or failure — " + e.Why,
            _ => GetType().Name,
        };
}

/// <summary>The parts of an <c>info</c> result the property compares (both sides render through this).</summary>
/// <param name="Parts">Keys present, in wire order.</param>
/// <param name="Type">basic.type.</param>
/// <param name="Status">basic.status (clients only).</param>
/// <param name="Name">description.name.</param>
/// <param name="Format">description.format.</param>
/// <param name="StorageCount">storage.count.</param>
/// <param name="Counts">counts.client and counts.dataport.</param>
/// <param name="Aliases">aliases, rendered.</param>
public sealed record InfoView(
    string Parts,
    string? Type,
    string? Status,
    string? Name,
    string? Format,
    long? StorageCount,
    string? Counts,
    string? Aliases
)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var s = new List<string> { "parts=[" + Parts + "]" };
        if (Type is not null)
            s.Add("type=" + Type);
        if (Status is not null)
            s.Add("status=" + Status);
        if (Name is not null)
            s.Add("name=" + Show.Text(Name));
        if (Format is not null)
            s.Add("format=" + Format);
        if (StorageCount is { } c)
            s.Add("storage.count=" + c.ToString(CultureInfo.InvariantCulture));
        if (Counts is not null)
            s.Add("counts=" + Counts);
        if (Aliases is not null)
            s.Add("aliases=" + Aliases);
        return "{" + string.Join(" ", s) + "}";
    }

    /// <summary>Counts rendering.</summary>
    public static string CountsText(long clients, long dataports) =>
        string.Create(CultureInfo.InvariantCulture, $"(client={clients},dataport={dataports})");

    /// <summary>Aliases rendering: <c>{#0:["a","b"],#2:["c"]}</c>, keys and names sorted.</summary>
    public static string AliasesText(
        IEnumerable<(string Resource, IEnumerable<string> Names)> byResource
    ) =>
        "{"
        + string.Join(
            ",",
            byResource
                .Where(r => r.Names.Any())
                .OrderBy(r => r.Resource, StringComparer.Ordinal)
                .Select(r =>
                    r.Resource
                    + ":["
                    + string.Join(",", r.Names.Order(StringComparer.Ordinal).Select(Show.Text))
                    + "]"
                )
        )
        + "}";
}

/// <summary>What <c>info</c> asks for, chosen from what the model knows the resource to be.</summary>
public enum InfoShape
{
    /// <summary>The calling client itself: aliases, basic, counts.</summary>
    Self,

    /// <summary>A child client: aliases, basic, counts, description.</summary>
    Client,

    /// <summary>A dataport: basic, description, storage.</summary>
    Dataport,

    /// <summary>
    /// A client further down than a child: basic, counts, description (§2.6: aliases only for the client itself
    /// or its direct owner).
    /// </summary>
    DeepClient,
}

/// <summary>
/// A pure model of one client's subtree on the One Platform, written from spec onep.md §2.4–2.7 and §4.3 (not from
/// the emulator): resources with their points (at most one per second), the calling client's aliases, a clock.
/// <see cref="Expect(Command)"/> says what a command must do without changing anything; the change is applied
/// only when the system agreed.
/// </summary>
public sealed class OnePlatformModel
{
    // §2.4: "restricted" = not owned by / not visible to the caller; spec names it for drop, flush and info on
    // a dropped RID. For other procedures on a dropped RID the spec names no status: either of the two.
    private static readonly string[] Restricted = ["restricted"];
    private static readonly string[] Gone = ["restricted", "invalid"];
    private static readonly string[] Invalid = ["invalid"];

    private readonly List<Node> nodes = [];
    private readonly Dictionary<string, int> aliases = new(StringComparer.Ordinal);

    /// <summary>Creates the model of a fresh, empty client named <paramref name="selfName"/> at time <paramref name="t0"/>.</summary>
    public OnePlatformModel(long t0, string selfName)
    {
        T0 = t0;
        Now = t0;
        SelfName = selfName;
    }

    /// <summary>The case's start time.</summary>
    public long T0 { get; }

    /// <summary>The server's now (Unix seconds).</summary>
    public long Now { get; private set; }

    /// <summary>The calling client's name.</summary>
    public string SelfName { get; }

    /// <summary>Number of resources created so far (dropped ones included).</summary>
    public int Created => nodes.Count;

    private sealed class Node(int index, bool isClient, DataFormat format, int parent, string name)
    {
        public int Index { get; } = index;

        public bool IsClient { get; } = isClient;

        public DataFormat Format { get; } = format;

        /// <summary>-1: the calling client.</summary>
        public int Parent { get; } = parent;

        public string Name { get; set; } = name;

        public bool Dropped { get; set; }

        public SortedDictionary<long, PointValue> Points { get; } = [];

        public string Symbol => "#" + Index.ToString(CultureInfo.InvariantCulture);
    }

    private abstract record Target
    {
        public sealed record Missing : Target;

        public sealed record UnknownAlias(string Name) : Target;

        public sealed record Caller : Target;

        public sealed record Resource(Node Node) : Target;
    }

    private Target Resolve(Ref r) =>
        r switch
        {
            Ref.SelfRef => new Target.Caller(),
            Ref.Index i => i.K >= 0 && i.K < nodes.Count
                ? new Target.Resource(nodes[i.K])
                : new Target.Missing(),
            // §2.2: {"alias": name} names an immediate child of the calling client by its alias.
            Ref.Alias a => aliases.TryGetValue(a.Name, out var k)
                ? new Target.Resource(nodes[k])
                : new Target.UnknownAlias(a.Name),
            _ => throw new ArgumentOutOfRangeException(nameof(r)),
        };

    /// <summary>The shape of <c>info</c> to ask for <paramref name="r"/>.</summary>
    public InfoShape InfoShapeOf(Ref r) =>
        Resolve(r) switch
        {
            Target.Resource { Node: { IsClient: true, Parent: -1 } } => InfoShape.Client,
            Target.Resource { Node.IsClient: true } => InfoShape.DeepClient,
            Target.Resource => InfoShape.Dataport,
            _ => InfoShape.Self,
        };

    /// <summary>What <paramref name="command"/> must do in the current state.</summary>
    public Expect Expect(Command command) =>
        command switch
        {
            Tick => new Expect.Local(),
            CreateDataport c => Create(c.Parent, false, c.Format, c.Name),
            CreateClient c => Create(c.Parent, true, DataFormat.String, c.Name),
            Write w => WriteOne(w),
            Record r => RecordMany(r),
            Read r => ReadPoints(r),
            Flush f => FlushPoints(f),
            Drop d => DropOne(d),
            MapAlias m => Map(m),
            // §2.5 unmap: idempotent, unmapping a missing alias is ok (§4.3 #26).
            UnmapAlias u => new Expect.Ok("", _ => aliases.Remove(u.Alias)),
            LookupAlias l => LookupAliasOf(l.Alias),
            LookupOwner l => LookupOwnerOf(l.Target),
            ListOwned l => Listing(l.Target, l.Aliased),
            InfoAll i => InfoAllOf(i.Target),
            Info i => InfoOf(i.Target),
            UpdateName u => Update(u),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };

    /// <summary>Moves the clock.</summary>
    public void Advance(int seconds) => Now += seconds;

    /// <summary>The failure (or skip) for a target that is not a live resource; null when it is one.</summary>
    private static Expect? NotLive(Target t, IReadOnlyList<string> whenDropped, string procedure) =>
        t switch
        {
            Target.Missing => new Expect.Skip("no such creation index"),
            // §2.4 invalid: "unknown alias" ("99% of the time a misspelled alias").
            Target.UnknownAlias a => new Expect.Fails(
                Invalid,
                $"{procedure} by an unknown alias is invalid (§2.4)"
            ),
            Target.Resource { Node.Dropped: true } => new Expect.Fails(
                whenDropped,
                $"{procedure} of a dropped resource (§2.4, §2.5 drop)"
            ),
            _ => null,
        };

    private Expect Create(Ref parent, bool isClient, DataFormat format, string name)
    {
        var t = Resolve(parent);
        if (NotLive(t, Gone, "create under") is { } no)
            return no;
        int parentIndex;
        if (t is Target.Resource { Node: var p })
        {
            // §2.5 create: R_parent is a client; a dataport owns nothing.
            if (!p.IsClient)
                return new Expect.Fails(
                    null,
                    "create under a dataport (the parent must be a client)"
                );
            parentIndex = p.Index;
        }
        else
        {
            parentIndex = -1;
        }
        return new Expect.Ok(
            "<new rid>",
            _ => nodes.Add(new Node(nodes.Count, isClient, format, parentIndex, name))
        );
    }

    private enum Coercion
    {
        Stored,
        Refused,
        Unspecified,
    }

    /// <summary>
    /// §2.5 read ("values typed by dataport format") and §4.3 #24 (strings are coerced to the format; a float
    /// dataport returns 1.0 for "1"). A string that is not a number cannot be stored in a numeric dataport (bad
    /// argument, §2.4 invalid). Numbers written to a string dataport and fractions written to an integer dataport
    /// are not specified.
    /// </summary>
    private static (Coercion, PointValue?) Coerce(PointValue v, DataFormat format)
    {
        switch (format)
        {
            case DataFormat.String:
                return v is PointValue.Text ? (Coercion.Stored, v) : (Coercion.Unspecified, null);
            case DataFormat.Integer:
                return v switch
                {
                    PointValue.Integer => (Coercion.Stored, v),
                    PointValue.Text t when IsInteger(t.Value, out var n) => (
                        Coercion.Stored,
                        PointValue.Of(n)
                    ),
                    PointValue.Text t when !IsNumber(t.Value, out _) => (Coercion.Refused, null),
                    _ => (Coercion.Unspecified, null),
                };
            default:
                return v switch
                {
                    PointValue.Integer i => (Coercion.Stored, PointValue.Of((double)i.Value)),
                    PointValue.Float => (Coercion.Stored, v),
                    PointValue.Text t when IsNumber(t.Value, out var d) => (
                        Coercion.Stored,
                        PointValue.Of(d)
                    ),
                    PointValue.Text => (Coercion.Refused, null),
                    _ => (Coercion.Unspecified, null),
                };
        }
    }

    private static bool IsInteger(string s, out long n) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n);

    private static bool IsNumber(string s, out double d) =>
        double.TryParse(
            s,
            NumberStyles.AllowLeadingSign
                | NumberStyles.AllowDecimalPoint
                | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out d
        );

    /// <summary>The dataport a time-series command acts on, or the expectation that ends it.</summary>
    private Expect? DataportOf(
        Ref r,
        IReadOnlyList<string> whenDropped,
        string procedure,
        out Node node
    )
    {
        node = null!;
        var t = Resolve(r);
        if (NotLive(t, whenDropped, procedure) is { } no)
            return no;
        if (t is not Target.Resource { Node: { IsClient: false } n })
            return new Expect.Skip($"{procedure} of a client is not specified");
        node = n;
        return null;
    }

    private Expect WriteOne(Write w)
    {
        if (DataportOf(w.Target, Gone, "write", out var node) is { } no)
            return no;
        var (c, v) = Coerce(w.Value, node.Format);
        var now = Now;
        return c switch
        {
            Coercion.Unspecified => new Expect.Skip(
                $"{Show.Value(w.Value)} into a {Show.Format(node.Format)} dataport is not specified"
            ),
            Coercion.Refused => new Expect.Fails(
                Invalid,
                $"{Show.Value(w.Value)} cannot be a {Show.Format(node.Format)} (bad argument)"
            ),
            // §2.5 write: timestamp = receive time; a second write in the same second overwrites.
            _ => new Expect.Ok("", _ => node.Points[now] = v!),
        };
    }

    private Expect RecordMany(Record r)
    {
        if (DataportOf(r.Target, Gone, "record", out var node) is { } no)
            return no;
        var points = new List<(long, PointValue)>();
        foreach (var (at, value) in r.Entries)
        {
            var (c, v) = Coerce(value, node.Format);
            if (c != Coercion.Stored)
                return new Expect.Skip(
                    "record with a value the format does not take is not specified"
                );
            // §2.5 record: negative ts = offset seconds before now.
            points.Add((at.FromNow ? Now - at.Seconds : T0 - at.Seconds, v!));
        }
        if (points.Select(p => p.Item1).Distinct().Count() != points.Count)
            return new Expect.Skip("two entries at the same second");
        return new Expect.Ok(
            "",
            _ =>
            {
                foreach (var (ts, v) in points)
                    node.Points[ts] = v;
            }
        );
    }

    private Expect ReadPoints(Read r)
    {
        if (r.Target is Ref.Index i && (i.K < 0 || i.K >= nodes.Count))
            return new Expect.Skip("no such creation index");
        // The client's documented checks (ReadOptions): nothing is sent.
        if (r.Limit is < 0)
            return new Expect.Rejected("limit must not be negative");
        if (r.Start is { } s0 && r.End is { } e0 && e0 < s0)
            return new Expect.Rejected("endtime before starttime");
        if (DataportOf(r.Target, Gone, "read", out var node) is { } no)
            return no;
        // §2.5 read: defaults starttime=0, endtime=now, sort=desc, limit=1; window inclusive; limit after sorting.
        var start = r.Start is { } s ? T0 + s : 0;
        var end = r.End is { } e ? T0 + e : Now;
        var inWindow = node.Points.Where(p => p.Key >= start && p.Key <= end);
        var sorted =
            r.Sort == SortOrder.Ascending
                ? inWindow.OrderBy(p => p.Key)
                : inWindow.OrderByDescending(p => p.Key);
        var limited = sorted.Take((int)Math.Min(r.Limit ?? 1, int.MaxValue));
        return new Expect.Ok(Show.Points(limited.Select(p => (p.Key, p.Value)), T0), _ => { });
    }

    private Expect FlushPoints(Flush f)
    {
        // §2.5 flush: restricted if not owner.
        if (DataportOf(f.Target, Restricted, "flush", out var node) is { } no)
            return no;
        // Strict bounds; both = intersection; none = all.
        long? newer = f.NewerThan is { } n ? T0 + n : null;
        long? older = f.OlderThan is { } o ? T0 + o : null;
        return new Expect.Ok(
            "",
            _ =>
            {
                foreach (
                    var ts in node
                        .Points.Keys.Where(ts =>
                            (newer is null || ts > newer) && (older is null || ts < older)
                        )
                        .ToList()
                )
                    node.Points.Remove(ts);
            }
        );
    }

    private Expect DropOne(Drop d)
    {
        var t = Resolve(d.Target);
        // §2.5 drop: restricted if not owned (§4.3 #10: a dropped RID is no longer visible).
        if (NotLive(t, Restricted, "drop") is { } no)
            return no;
        if (t is not Target.Resource { Node: var node })
            return new Expect.Skip("dropping the calling client itself");
        return new Expect.Ok(
            "",
            _ =>
            {
                // Dropping a client drops its subtree (§2.5, §4.3 #11).
                var gone = new System.Collections.Generic.HashSet<int> { node.Index };
                foreach (var n in nodes.Where(n => n.Index > node.Index))
                    if (gone.Contains(n.Parent))
                        gone.Add(n.Index);
                foreach (var k in gone)
                    nodes[k].Dropped = true;
                // An alias names a live immediate child (§2.2); those of dropped resources go with them.
                foreach (var a in aliases.Where(a => gone.Contains(a.Value)).ToList())
                    aliases.Remove(a.Key);
            }
        );
    }

    private Expect Map(MapAlias m)
    {
        var t = Resolve(m.Target);
        if (NotLive(t, Gone, "map") is { } no)
            return no;
        if (t is not Target.Resource { Node: var node })
            return new Expect.Skip("mapping the calling client itself is not specified");
        if (node.Parent != -1)
            return new Expect.Skip(
                "an alias names an immediate child; mapping a grandchild is not specified"
            );
        if (aliases.TryGetValue(m.Alias, out var current))
        {
            // An alias names one resource: a second resource cannot take it. Re-mapping the same pair is open.
            return current == node.Index
                ? new Expect.Either("re-mapping an alias to the resource it already names")
                : new Expect.Fails(null, $"the alias already names {nodes[current].Symbol}");
        }
        // §2.5 map: ok; a resource may have several aliases (§2.6 aliases: rid → [alias, …]).
        return new Expect.Ok("", _ => aliases[m.Alias] = node.Index);
    }

    private Expect LookupAliasOf(string alias)
    {
        // §2.5 lookup: alias "" → the caller's own RID; an unknown alias is invalid (§2.4).
        if (alias.Length == 0)
            return new Expect.Ok("self", _ => { });
        return aliases.TryGetValue(alias, out var k)
            ? new Expect.Ok(nodes[k].Symbol, _ => { })
            : new Expect.Fails(Invalid, "lookup of an unknown alias (§2.4)");
    }

    private Expect LookupOwnerOf(Ref r)
    {
        var t = Resolve(r);
        if (NotLive(t, Gone, "lookup owner") is { } no)
            return no;
        // §2.5 lookup owner: "a client may not look up its own owner".
        if (t is not Target.Resource { Node: var node })
            return new Expect.Fails(null, "a client may not look up its own owner");
        return new Expect.Ok(node.Parent == -1 ? "self" : nodes[node.Parent].Symbol, _ => { });
    }

    private IEnumerable<Node> LiveChildren(int parent) =>
        nodes.Where(n => !n.Dropped && n.Parent == parent);

    /// <summary>Listing rendering shared with the runner.</summary>
    public static string ListingText(IEnumerable<string> clients, IEnumerable<string> dataports) =>
        "client=["
        + string.Join(",", clients.Order(StringComparer.Ordinal))
        + "] dataport=["
        + string.Join(",", dataports.Order(StringComparer.Ordinal))
        + "]";

    /// <summary>The parts §4.3 #23 requires in <c>info {}</c> of a client (the key only for its direct owner, §2.6).</summary>
    public static IReadOnlyList<string> AllClientParts { get; } =
    ["aliases", "basic", "counts", "description", "key", "shares", "subscribers", "tags", "usage"];

    /// <summary>Rendering of the check on <c>info {}</c>, shared with the runner.</summary>
    public static string InfoAllText(IEnumerable<string> missing, bool hasKey) =>
        "missing=[" + string.Join(",", missing) + "] key=" + (hasKey ? "present" : "absent");

    private Expect InfoAllOf(Ref r)
    {
        var t = Resolve(r);
        if (NotLive(t, Restricted, "info") is { } no)
            return no;
        if (t is Target.Resource { Node.IsClient: false })
            return new Expect.Skip(
                "info {} of a dataport: the spec lists the parts of a client only"
            );
        // §4.3 #23: {} returns at least these parts for a client, as far as §2.6 lets the caller see them: "only
        // the client itself or its direct owner gets aliases, tagged, shares; only the direct owner gets key" —
        // the caller owns its child clients, not itself nor its grandchildren.
        return t switch
        {
            Target.Caller => new Expect.Ok(InfoAllText(["key"], hasKey: false), _ => { }),
            Target.Resource { Node.Parent: -1 } => new Expect.Ok(
                InfoAllText([], hasKey: true),
                _ => { }
            ),
            _ => new Expect.Ok(InfoAllText(["aliases", "key", "shares"], hasKey: false), _ => { }),
        };
    }

    private Expect Listing(Ref r, bool aliased)
    {
        var t = Resolve(r);
        if (NotLive(t, Gone, "listing") is { } no)
            return no;
        var owner = -1;
        if (t is Target.Resource { Node: var node })
        {
            if (!node.IsClient)
                return new Expect.Skip("listing of a dataport is not specified");
            owner = node.Index;
        }
        // §2.7: {} ⇒ owned; aliased = the resources the client has aliased (only the caller maps aliases here);
        // result keys are the requested types.
        var children = aliased
            ? (owner == -1 ? aliases.Values.Distinct().Select(k => nodes[k]).ToList() : [])
            : LiveChildren(owner).ToList();
        return new Expect.Ok(
            ListingText(
                children.Where(n => n.IsClient).Select(n => n.Symbol),
                children.Where(n => !n.IsClient).Select(n => n.Symbol)
            ),
            _ => { }
        );
    }

    private string CountsOf(int owner) =>
        InfoView.CountsText(
            LiveChildren(owner).Count(n => n.IsClient),
            LiveChildren(owner).Count(n => !n.IsClient)
        );

    private Expect InfoOf(Ref r)
    {
        var t = Resolve(r);
        // §2.6: after drop, info on the RID returns restricted (§4.3 #10); by unknown alias not ok (§4.3 #26).
        if (NotLive(t, Restricted, "info") is { } no)
            return no;
        // §2.6: the result has exactly the requested keys; basic.type; basic.status "activated" for a fresh
        // client (§4.3 #6); description with the name; storage.count = number of points; counts = this client's
        // own resources; aliases = {child: [aliases]} of the client.
        var view = t switch
        {
            Target.Resource { Node: { IsClient: true, Parent: > -1 } c } => new InfoView(
                "basic,counts,description",
                "client",
                "activated",
                c.Name,
                null,
                null,
                CountsOf(c.Index),
                null
            ),
            Target.Resource { Node: { IsClient: true } c } => new InfoView(
                "aliases,basic,counts,description",
                "client",
                "activated",
                c.Name,
                null,
                null,
                CountsOf(c.Index),
                "{}"
            ),
            Target.Resource { Node: var d } => new InfoView(
                "basic,description,storage",
                "dataport",
                null,
                d.Name,
                Show.Format(d.Format),
                d.Points.Count,
                null,
                null
            ),
            _ => new InfoView(
                "aliases,basic,counts",
                "client",
                "activated",
                null,
                null,
                null,
                CountsOf(-1),
                InfoView.AliasesText(
                    aliases
                        .GroupBy(a => a.Value)
                        .Select(g => (nodes[g.Key].Symbol, g.Select(a => a.Key)))
                )
            ),
        };
        return new Expect.Ok(view.ToString(), _ => { });
    }

    private Expect Update(UpdateName u)
    {
        if (u.Target is Ref.SelfRef)
            // §2.5 update: "a resource may not update itself"; the client checks it before sending.
            return new Expect.Rejected("a resource may not update itself");
        var t = Resolve(u.Target);
        if (NotLive(t, Gone, "update") is { } no)
            return no;
        var node = ((Target.Resource)t).Node;
        // §2.5 update: keys given are merged; only name changes.
        return new Expect.Ok("", _ => node.Name = u.Name);
    }
}
