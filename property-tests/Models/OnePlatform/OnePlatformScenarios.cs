using System.Collections.Immutable;
using System.Globalization;

namespace Functional.PropertyTests.Models.OnePlatform;

/// <summary>
/// Generates well-formed command sequences (each command refers to resources by creation index, and the generator
/// tracks what it has created so far to aim most commands at resources that exist and values at the right format)
/// and shrinks them by dropping commands.
/// </summary>
public static class OnePlatformScenarios
{
    /// <summary>A small alias pool, so that duplicates, remaps and unknown aliases happen often.</summary>
    public static IReadOnlyList<string> AliasPool { get; } = ["a", "b", "温度", "x.y"];

    private static readonly string[] Names = ["", "temp", "温度", "n 1", "q\"uote"];

    private static readonly string[] Texts =
    [
        "",
        "hello",
        "你好",
        "a\"b\\c",
        "😀 smile",
        "42",
        "-7",
        "1.5",
        "tab\there",
        "<&>",
    ];

    private static readonly string[] NotNumbers = ["abc", "温度", "12abc", "--1"];

    /// <summary>
    /// What the generator believes it created (it assumes creates not under a dataport succeed), the clock (seconds
    /// after T0) and the times it wrote at, so that read and flush bounds can aim at exactly those seconds.
    /// </summary>
    private sealed record Made(
        ImmutableList<DataFormat?> Kinds,
        int Clock,
        ImmutableList<int> Times
    )
    {
        public static Made Empty { get; } = new([], 0, []);

        public IEnumerable<int> Dataports =>
            Kinds.Select((k, i) => (k, i)).Where(x => x.k is not null).Select(x => x.i);

        public IEnumerable<int> Clients =>
            Kinds.Select((k, i) => (k, i)).Where(x => x.k is null).Select(x => x.i);

        /// <summary>A create under a dataport fails: it makes nothing.</summary>
        private bool UnderDataport(Ref parent) =>
            parent is Ref.Index i && i.K < Kinds.Count && Kinds[i.K] is not null;

        public Made After(Command c) =>
            c switch
            {
                CreateDataport d when !UnderDataport(d.Parent) => this with
                {
                    Kinds = Kinds.Add(d.Format),
                },
                CreateClient d when !UnderDataport(d.Parent) => this with
                {
                    Kinds = Kinds.Add(null),
                },
                Tick t => this with { Clock = Clock + t.Seconds },
                Write => this with { Times = Times.Add(Clock) },
                Record r => this with
                {
                    Times = Times.AddRange(
                        r.Entries.Select(e => e.At.FromNow ? Clock - e.At.Seconds : -e.At.Seconds)
                    ),
                },
                _ => this,
            };
    }

    private static Gen<T> Pick<T>(IEnumerable<T> items, Gen<T> otherwise)
    {
        var list = items.ToArray();
        return list.Length == 0 ? otherwise : Gen.Elements(list);
    }

    private static Gen<int> IndexGen(Made m) => Gen.Choose(0, Math.Max(0, m.Kinds.Count - 1));

    private static Gen<Ref> AnyIndex(Made m) => IndexGen(m).Select(Ref.At);

    private static Gen<Ref> AliasRef { get; } = Gen.Elements(AliasPool.ToArray()).Select(Ref.Named);

    /// <summary>Mostly a dataport; sometimes an alias, any index (a client or a dropped one).</summary>
    private static Gen<Ref> DataportRef(Made m) =>
        Gen.Frequency(
            (8, Pick(m.Dataports, IndexGen(m)).Select(Ref.At)),
            (2, AliasRef),
            (1, AnyIndex(m))
        );

    private static Gen<Ref> AnyRef(Made m) =>
        Gen.Frequency((5, AnyIndex(m)), (2, AliasRef), (1, Gen.Constant(Ref.Self)));

    private static Gen<Ref> ParentRef(Made m) =>
        m.Kinds.IsEmpty
            ? Gen.Constant(Ref.Self)
            : Gen.Frequency(
                (6, Gen.Constant(Ref.Self)),
                (2, Pick(m.Clients.Select(Ref.At), Gen.Constant(Ref.Self))),
                (1, AnyIndex(m))
            );

    private static Gen<string> Name { get; } = Gen.Elements(Names);

    private static Gen<PointValue> Integers { get; } =
        Gen.Frequency(
                (6, Gen.Choose(-1000, 1000).Select(i => (long)i)),
                (1, Gen.Elements(0L, int.MaxValue, int.MinValue, 1L << 40, -(1L << 40)))
            )
            .Select(PointValue.Of);

    private static Gen<PointValue> Floats { get; } =
        Gen.Frequency(
                (3, Gen.Choose(-400, 400).Select(i => i / 4.0)),
                (3, Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0)),
                (1, Gen.Elements(0.1, -0.1234567, 1e-7, 123456.789))
            )
            .Select(PointValue.Of);

    private static Gen<PointValue> AsString(Gen<PointValue> numbers) =>
        numbers.Select(v =>
            PointValue.Of(
                v switch
                {
                    PointValue.Integer i => i.Value.ToString(CultureInfo.InvariantCulture),
                    PointValue.Float f => f.Value.ToString("R", CultureInfo.InvariantCulture),
                    _ => v.ToString(),
                }
            )
        );

    private static Gen<PointValue> NotNumber { get; } =
        Gen.Elements(NotNumbers).Select(PointValue.Of);

    private static Gen<PointValue> Texts1 { get; } = Gen.Elements(Texts).Select(PointValue.Of);

    /// <summary>A value aimed at a format: mostly storable (numbers and numeric strings), sometimes wrong.</summary>
    private static Gen<PointValue> ValueFor(DataFormat? format, bool allowWrong) =>
        format switch
        {
            DataFormat.Integer => Gen.Frequency(
                (6, Integers),
                (2, AsString(Integers)),
                (allowWrong ? 1 : 0, NotNumber)
            ),
            DataFormat.Float => Gen.Frequency(
                (4, Floats),
                (2, Integers),
                (2, AsString(Floats)),
                (1, AsString(Integers)),
                (allowWrong ? 1 : 0, NotNumber)
            ),
            DataFormat.String => Texts1,
            _ => Gen.OneOf(Integers, Floats, Texts1),
        };

    private static DataFormat? FormatOf(Made m, Ref r) =>
        r is Ref.Index i && i.K < m.Kinds.Count ? m.Kinds[i.K] : null;

    /// <summary>A bound (offset from T0): none, a second at or next to one written at, or anywhere around.</summary>
    private static Gen<int?> Bound(Made m) =>
        Gen.Frequency(
            (3, Gen.Constant<int?>(null)),
            (
                m.Times.IsEmpty ? 0 : 4,
                from t in Gen.Elements(m.Times.IsEmpty ? [0] : m.Times.ToArray())
                from d in Gen.Elements(-1, 0, 0, 1)
                select (int?)(t + d)
            ),
            (2, Gen.Choose(-45, 60).Select(i => (int?)i))
        );

    private static Gen<Stamp> StampGen { get; } =
        Gen.Frequency(
            (1, Gen.Choose(1, 20).Select(s => new Stamp(true, s))),
            (1, Gen.Choose(0, 20).Select(s => new Stamp(false, s)))
        );

    private static Gen<Command> CreateGen(Made m) =>
        Gen.Frequency(
            (
                5,
                from parent in ParentRef(m)
                from format in Gen.Elements(DataFormat.Integer, DataFormat.Float, DataFormat.String)
                from name in Name
                select (Command)new CreateDataport(parent, format, name)
            ),
            (
                1,
                from parent in ParentRef(m)
                from name in Name
                select (Command)new CreateClient(parent, name)
            )
        );

    private static Gen<Command> RecordGen(Made m) =>
        from target in DataportRef(m)
        from count in Gen.Choose(1, 5)
        from stamps in Gen.ArrayOf(StampGen, count)
        from values in Gen.ArrayOf(ValueFor(FormatOf(m, target), allowWrong: false), count)
        select (Command)
            new Record(
                target,
                Enumerable
                    .Range(0, count)
                    .Select(i => (stamps[i], values[i]))
                    .DistinctBy(e => e.Item1)
                    .ToImmutableArray()
            );

    private static Gen<Command> ReadGen(Made m) =>
        from target in DataportRef(m)
        from start in Bound(m)
        from end in Bound(m)
        from sort in Gen.Elements<SortOrder?>(null, SortOrder.Ascending, SortOrder.Descending)
        from limit in Gen.Frequency(
            (4, Gen.Constant<long?>(null)),
            (12, Gen.Choose(0, 8).Select(l => (long?)l)),
            (1, Gen.Constant<long?>(-1))
        )
        from ordered in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        select (Command)(
            ordered && start > end
                ? new Read(target, end, start, sort, limit)
                : new Read(target, start, end, sort, limit)
        );

    /// <summary>One command, aimed using what was created before it (mostly a create while there is nothing).</summary>
    private static Gen<Command> CommandGen(Made m) =>
        m.Kinds.IsEmpty
            ? Gen.Frequency((6, CreateGen(m)), (1, OtherGen(m)))
            : Gen.Frequency((1, CreateGen(m)), (6, OtherGen(m)));

    private static Gen<Command> OtherGen(Made m) =>
        Gen.Frequency(
            (
                6,
                from target in DataportRef(m)
                from value in ValueFor(FormatOf(m, target), allowWrong: true)
                select (Command)new Write(target, value)
            ),
            (3, RecordGen(m)),
            (5, ReadGen(m)),
            (
                2,
                from target in DataportRef(m)
                from newer in Bound(m)
                from older in Bound(m)
                select (Command)new Flush(target, newer, older)
            ),
            (2, Gen.Frequency((3, AnyIndex(m)), (1, AliasRef)).Select(r => (Command)new Drop(r))),
            (
                3,
                from target in Gen.Frequency((4, AnyIndex(m)), (1, AliasRef))
                from alias in Gen.Elements(AliasPool.ToArray())
                select (Command)new MapAlias(target, alias)
            ),
            (1, Gen.Elements(AliasPool.ToArray()).Select(a => (Command)new UnmapAlias(a))),
            (
                2,
                Gen.Elements(AliasPool.Append("").ToArray())
                    .Select(a => (Command)new LookupAlias(a))
            ),
            (
                1,
                Gen.Frequency((4, AnyIndex(m)), (1, Gen.Constant(Ref.Self)))
                    .Select(r => (Command)new LookupOwner(r))
            ),
            (
                1,
                Gen.Frequency(
                        (3, Gen.Constant(Ref.Self)),
                        (2, Pick(m.Clients, IndexGen(m)).Select(Ref.At)),
                        (1, AliasRef)
                    )
                    .SelectMany(r =>
                        Gen.Elements(false, true)
                            .Select(aliased => (Command)new ListOwned(r, aliased))
                    )
            ),
            (2, AnyRef(m).Select(r => (Command)new Info(r))),
            (
                1,
                Gen.Frequency(
                        (1, Gen.Constant(Ref.Self)),
                        (2, Pick(m.Clients.Select(Ref.At), AnyIndex(m)))
                    )
                    .Select(r => (Command)new InfoAll(r))
            ),
            (
                1,
                from target in AnyRef(m)
                from name in Name
                select (Command)new UpdateName(target, name)
            ),
            (3, Gen.Choose(1, 4).Select(s => (Command)new Tick(s)))
        );

    private static Gen<ImmutableList<Command>> Steps(int n, Made m) =>
        n == 0
            ? Gen.Constant(ImmutableList<Command>.Empty)
            : CommandGen(m)
                .SelectMany(c => Steps(n - 1, m.After(c)).Select(rest => rest.Insert(0, c)));

    /// <summary>Sessions of 1 to <paramref name="maxLength"/> commands.</summary>
    public static Gen<Scenario> Scenario(int maxLength) =>
        Gen.Choose(1, maxLength)
            .SelectMany(n => Steps(n, Made.Empty))
            .Select(cs => new Scenario([.. cs]));

    /// <summary>
    /// Shrinks by dropping commands: halves, quarters… down to single commands. Every shorter list is still
    /// well-formed (a reference to a creation that no longer happens is skipped when run).
    /// </summary>
    public static IEnumerable<Scenario> Shrink(Scenario s)
    {
        var cs = s.Commands;
        for (var size = cs.Length / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= cs.Length; start += size)
                yield return new Scenario(cs.RemoveRange(start, size));
        }
    }

    /// <summary>The arbitrary used by the property.</summary>
    public static Arbitrary<Scenario> Arbitrary(int maxLength) =>
        Arb.From(Scenario(maxLength), Shrink);
}
