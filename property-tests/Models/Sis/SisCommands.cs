using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Core.Sis;

namespace Functional.PropertyTests.Models.Sis;

/// <summary>One top-level key of an entity body and its value as raw JSON text (e.g. <c>"a"</c>, <c>3</c>, <c>{"x":1}</c>).</summary>
/// <param name="Name">The key.</param>
/// <param name="Json">The value as JSON text.</param>
public sealed record BodyField(string Name, string Json);

/// <summary>An entity body as sent (keys in order); <see cref="ToString"/> is its JSON text.</summary>
/// <param name="Fields">The keys and values.</param>
public sealed record Body(BodyField[] Fields)
{
    /// <summary>The JSON text sent.</summary>
    public string Json =>
        "{" + string.Join(",", Fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";

    /// <summary>The body as a JSON element.</summary>
    public JsonElement Element()
    {
        using var document = JsonDocument.Parse(Json);
        return document.RootElement.Clone();
    }

    /// <summary>The body with <c>"_id":"id"</c> first (a bulk-update item).</summary>
    public JsonElement ElementWithId(string id)
    {
        var text =
            Fields.Length == 0 ? $"{{\"_id\":\"{id}\"}}" : $"{{\"_id\":\"{id}\"," + Json[1..];
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => Json;
}

/// <summary>Which entity a command is about.</summary>
public abstract record Target
{
    /// <summary>The <paramref name="Index"/>-th entity created in this run (skipped when fewer were created).</summary>
    public sealed record Ref(int Index) : Target
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Index}";
    }

    /// <summary>A well-formed ObjectId no entity has.</summary>
    public sealed record Unknown(string Id) : Target
    {
        /// <inheritdoc />
        public override string ToString() => $"unknown id {Id}";
    }

    /// <summary>A string that is not an ObjectId at all.</summary>
    public sealed record Malformed : Target
    {
        /// <inheritdoc />
        public override string ToString() => $"malformed id '{SisCommands.MalformedId}'";
    }

    /// <summary>A bulk-update item without <c>_id</c>.</summary>
    public sealed record NoId : Target
    {
        /// <inheritdoc />
        public override string ToString() => "no _id";
    }
}

/// <summary>A filter condition, modelled (field names and values of the test schema).</summary>
public abstract record Cond
{
    /// <summary>The client's filter for this condition.</summary>
    public abstract SisFilter ToFilter();

    /// <summary><c>{field: value}</c>; <paramref name="Value"/> is a string, long or bool.</summary>
    public sealed record Eq(string Field, object Value) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() =>
            Value switch
            {
                string s => SisFilter.Eq(Field, s),
                long l => SisFilter.Eq(Field, l),
                bool b => SisFilter.Eq(Field, b),
                _ => throw new InvalidOperationException(),
            };

        /// <inheritdoc />
        public override string ToString() => $"{Field} == {SisCommands.Show(Value)}";
    }

    /// <summary><c>{field: {$op: value}}</c> with $gt, $gte, $lt or $lte.</summary>
    public sealed record Cmp(string Field, string Op, object Value) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() =>
            (Op, Value) switch
            {
                ("$gt", long l) => SisFilter.Gt(Field, l),
                ("$gte", long l) => SisFilter.Gte(Field, l),
                ("$lt", long l) => SisFilter.Lt(Field, l),
                ("$lte", long l) => SisFilter.Lte(Field, l),
                ("$gt", string s) => SisFilter.Gt(Field, s),
                ("$gte", string s) => SisFilter.Gte(Field, s),
                ("$lt", string s) => SisFilter.Lt(Field, s),
                ("$lte", string s) => SisFilter.Lte(Field, s),
                _ => throw new InvalidOperationException(),
            };

        /// <inheritdoc />
        public override string ToString() => $"{Field} {Op} {SisCommands.Show(Value)}";
    }

    /// <summary><c>{field: {$in: [...]}}</c>.</summary>
    public sealed record In(string Field, object[] Values) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() =>
            Values.All(v => v is long)
                ? SisFilter.In(Field, Values.Cast<long>())
                : SisFilter.In(Field, Values.Cast<string>());

        /// <inheritdoc />
        public override string ToString() =>
            $"{Field} $in [{string.Join(",", Values.Select(SisCommands.Show))}]";
    }

    /// <summary><c>{field: {$ne: value}}</c> (also matches entities without the field).</summary>
    public sealed record Ne(string Field, object Value) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() =>
            Value switch
            {
                string s => SisFilter.Ne(Field, s),
                long l => SisFilter.Ne(Field, l),
                bool b => SisFilter.Ne(Field, b),
                _ => throw new InvalidOperationException(),
            };

        /// <inheritdoc />
        public override string ToString() => $"{Field} != {SisCommands.Show(Value)}";
    }

    /// <summary><c>{field: {$nin: [...]}}</c> (also matches entities without the field).</summary>
    public sealed record Nin(string Field, object[] Values) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() =>
            Values.All(v => v is long)
                ? SisFilter.Nin(Field, Values.Cast<long>())
                : SisFilter.Nin(Field, Values.Cast<string>());

        /// <inheritdoc />
        public override string ToString() =>
            $"{Field} $nin [{string.Join(",", Values.Select(SisCommands.Show))}]";
    }

    /// <summary><c>{$or: [a, b]}</c>.</summary>
    public sealed record AnyOf(Cond Left, Cond Right) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() => SisFilter.Or(Left.ToFilter(), Right.ToFilter());

        /// <inheritdoc />
        public override string ToString() => $"({Left} or {Right})";
    }

    /// <summary><c>{field: {$exists: bool}}</c>.</summary>
    public sealed record Exists(string Field, bool Present) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() => SisFilter.Exists(Field, Present);

        /// <inheritdoc />
        public override string ToString() => $"{Field} $exists {(Present ? "true" : "false")}";
    }

    /// <summary>Both conditions.</summary>
    public sealed record Both(Cond Left, Cond Right) : Cond
    {
        /// <inheritdoc />
        public override SisFilter ToFilter() => SisFilter.And(Left.ToFilter(), Right.ToFilter());

        /// <inheritdoc />
        public override string ToString() => $"({Left} and {Right})";
    }
}

/// <summary>A sort key of a query; the test always appends <c>code</c> ascending as a tie-breaker (it is unique).</summary>
/// <param name="Field">The field.</param>
/// <param name="Descending">Descending order.</param>
public sealed record SortKey(string Field, bool Descending)
{
    /// <summary>The keys sent: this one, then <c>code</c> unless it is <c>code</c>.</summary>
    public SisSort[] ToSorts() =>
        Field == "code"
            ? [new SisSort(Field, Descending)]
            : [new SisSort(Field, Descending), SisSort.Asc("code")];

    /// <inheritdoc />
    public override string ToString() =>
        (Descending ? "-" : "+") + Field + (Field == "code" ? "" : ",+code");
}

/// <summary>One step of a SIS session.</summary>
public abstract record Command
{
    /// <summary>POST one entity.</summary>
    public sealed record Create(Body Item) : Command
    {
        /// <inheritdoc />
        public override string ToString() => $"Create {Item}";
    }

    /// <summary>POST an array of entities.</summary>
    public sealed record CreateMany(Body[] Items, bool AllOrNone) : Command
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"CreateMany{(AllOrNone ? " (all_or_none)" : "")} [{string.Join(", ", Items.Select(i => i.Json))}]";
    }

    /// <summary>PUT one entity by id.</summary>
    public sealed record Update(Target Target, Body Changes) : Command
    {
        /// <inheritdoc />
        public override string ToString() => $"Update {Target} with {Changes}";
    }

    /// <summary>PUT an array of partial entities carrying <c>_id</c>.</summary>
    public sealed record UpdateMany((Target Target, Body Changes)[] Items) : Command
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"UpdateBulk [{string.Join(", ", Items.Select(i => $"{i.Target}: {i.Changes}"))}]";
    }

    /// <summary>PUT one partial object to every match of a query.</summary>
    public sealed record UpdateWhere(Cond Where, Body Changes) : Command
    {
        /// <inheritdoc />
        public override string ToString() => $"UpdateBulk where {Where} with {Changes}";
    }

    /// <summary>DELETE one entity by id.</summary>
    public sealed record Delete(Target Target) : Command
    {
        /// <inheritdoc />
        public override string ToString() => $"Delete {Target}";
    }

    /// <summary>DELETE every match of a query.</summary>
    public sealed record DeleteWhere(Cond Where) : Command
    {
        /// <inheritdoc />
        public override string ToString() => $"DeleteBulk where {Where}";
    }

    /// <summary>GET one entity by id.</summary>
    public sealed record Get(Target Target) : Command
    {
        /// <inheritdoc />
        public override string ToString() => $"Get {Target}";
    }

    /// <summary>GET one page of a query.</summary>
    public sealed record Query(Cond? Where, SortKey? Sort, int? Limit, int? Offset) : Command
    {
        /// <inheritdoc />
        public override string ToString() =>
            "Query"
            + (Where is null ? " all" : $" where {Where}")
            + (Sort is null ? "" : $" sort {Sort}")
            + (Limit is null ? "" : $" limit {Limit}")
            + (Offset is null ? "" : $" offset {Offset}");
    }

    /// <summary>Every match, paged by the client's FetchAll.</summary>
    public sealed record FetchAll(Cond? Where, SortKey? Sort, int PageSize) : Command
    {
        /// <inheritdoc />
        public override string ToString() =>
            "FetchAll"
            + (Where is null ? " all" : $" where {Where}")
            + (Sort is null ? "" : $" sort {Sort}")
            + $" pageSize {PageSize}";
    }
}

/// <summary>A generated session: the commands in order, printed as a numbered list.</summary>
/// <param name="Commands">The commands.</param>
public sealed record CommandSequence(Command[] Commands)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SIS session of {Commands.Length} command(s):");
        for (var i = 0; i < Commands.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"\n  {i + 1, 2}. {Commands[i]}");
        return text.ToString();
    }
}

/// <summary>Generators of sessions against the test schema, and the shrinker that drops commands.</summary>
public static class SisCommands
{
    /// <summary>An id that is not an ObjectId.</summary>
    public const string MalformedId = "not-an-object-id";

    /// <summary>The test schema's fields (besides _id): label (String, required), code (String, unique), num, flag, note.</summary>
    public static readonly string[] SchemaFields = ["label", "code", "num", "flag", "note"];

    /// <summary>How a value prints in filters.</summary>
    public static string Show(object value) =>
        value switch
        {
            string s => JsonSerializer.Serialize(s),
            bool b => b ? "true" : "false",
            long l => l.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    private static Gen<string> Str(params string[] values) =>
        Gen.Elements(values).Select(v => JsonSerializer.Serialize(v));

    private static Gen<string> Ints(int lo, int hi) =>
        Gen.Choose(lo, hi).Select(i => i.ToString(CultureInfo.InvariantCulture));

    private static readonly string[] Codes = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];
    private static readonly string[] Labels = ["a", "b", "c", "d"];
    private static readonly string[] Notes = ["n1", "n2", "n3"];

    /// <summary>Some values are valid, some are cast, some must fail (null = key left out).</summary>
    private static Gen<string?> Label(bool update) =>
        Gen.Frequency(
            (update ? 17 : 2, Gen.Constant<string?>(null)),
            (16, Str(Labels).Select(s => (string?)s)),
            (1, Gen.Constant<string?>("7")),
            (1, Gen.Constant<string?>("""{"x":1}""")),
            (1, Gen.Constant<string?>(update ? "null" : "\"b\""))
        );

    private static Gen<string?> Code(bool update) =>
        Gen.Frequency(
            (update ? 14 : 4, Gen.Constant<string?>(null)),
            (16, Str(Codes).Select(s => (string?)s)),
            (1, Gen.Constant<string?>(update ? "null" : "3"))
        );

    private static Gen<string?> Num(bool update) =>
        Gen.Frequency(
            (update ? 10 : 6, Gen.Constant<string?>(null)),
            (12, Ints(-2, 9).Select(s => (string?)s)),
            (1, Gen.Constant<string?>("\"4\"")),
            (1, Gen.Constant<string?>("\" 5 \"")),
            (1, Gen.Constant<string?>("\"abc\"")),
            (1, Gen.Constant<string?>("true"))
        );

    private static Gen<string?> Flag(bool update) =>
        Gen.Frequency(
            (update ? 10 : 6, Gen.Constant<string?>(null)),
            (8, Gen.Elements<string?>("true", "false")),
            (4, Gen.Elements<string?>("\"yes\"", "\"false\"", "0", "1", "\"\""))
        );

    private static Gen<string?> Note(bool update) =>
        Gen.Frequency(
            (update ? 10 : 8, Gen.Constant<string?>(null)),
            (6, Str(Notes).Select(s => (string?)s)),
            (update ? 2 : 1, Gen.Constant<string?>(update ? "null" : "\"n1\""))
        );

    private static Gen<string?> Rare(string json, int oneIn) =>
        Gen.Frequency((oneIn - 1, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>(json)));

    /// <summary>An entity body: mostly valid, sometimes missing the required label, with a wrong type, a reserved or unknown key, or empty.</summary>
    public static Gen<Body> Item(bool update) =>
        Gen.Frequency(
            (1, Gen.Constant(new Body([]))),
            (
                update ? 20 : 40,
                from label in Label(update)
                from code in Code(update)
                from num in Num(update)
                from flag in Flag(update)
                from note in Note(update)
                from extra in Rare("1", 12)
                from hidden in Rare("1", update ? 10 : 25)
                select new Body(
                    new (string Name, string? Json)[]
                    {
                        ("label", label),
                        ("code", code),
                        ("num", num),
                        ("flag", flag),
                        ("note", note),
                        ("zzz", extra),
                        ("_hidden", hidden),
                    }
                        .Where(f => f.Json is not null)
                        .Select(f => new BodyField(f.Name, f.Json!))
                        .ToArray()
                )
            )
        );

    private static Gen<Target> TargetGen { get; } =
        Gen.Frequency(
            (17, Gen.Choose(0, 8).Select(i => (Target)new Target.Ref(i))),
            (
                2,
                Gen.ArrayOf(Gen.Elements("0123456789abcdef".ToCharArray()), 8)
                    .Select(cs => (Target)new Target.Unknown("ffffffffffffffff" + new string(cs)))
            ),
            (1, Gen.Constant<Target>(new Target.Malformed()))
        );

    private static Gen<Cond> Simple { get; } =
        Gen.OneOf(
            Gen.Elements(Labels).Select(v => (Cond)new Cond.Eq("label", v)),
            Gen.Constant((Cond)new Cond.Eq("label", 7L)),
            Gen.Elements("true", "false", "yes").Select(v => (Cond)new Cond.Eq("flag", v)),
            Gen.Elements(Labels).Select(v => (Cond)new Cond.Ne("label", v)),
            Gen.Choose(0, 5).Select(v => (Cond)new Cond.Ne("num", (long)v)),
            Gen.Elements(Notes).Select(v => (Cond)new Cond.Ne("note", v)),
            Gen.Elements(true, false).Select(v => (Cond)new Cond.Ne("flag", v)),
            Gen.SubListOf(Codes)
                .Where(l => l.Count > 0)
                .Select(l => (Cond)new Cond.Nin("code", l.Cast<object>().ToArray())),
            Gen.SubListOf(new long[] { 0, 3, 4, 5 })
                .Where(l => l.Count > 0)
                .Select(l => (Cond)new Cond.Nin("num", l.Cast<object>().ToArray())),
            Gen.Elements(Codes).Select(v => (Cond)new Cond.Eq("code", v)),
            Gen.Choose(-2, 9).Select(v => (Cond)new Cond.Eq("num", (long)v)),
            Gen.Elements("3", "4").Select(v => (Cond)new Cond.Eq("num", v)),
            Gen.Elements(true, false).Select(v => (Cond)new Cond.Eq("flag", v)),
            Gen.Elements(Notes).Select(v => (Cond)new Cond.Eq("note", v)),
            from op in Gen.Elements("$gt", "$gte", "$lt", "$lte")
            from v in Gen.Choose(-2, 9)
            select (Cond)new Cond.Cmp("num", op, (long)v),
            from op in Gen.Elements("$gt", "$lt")
            from v in Gen.Elements("c1", "c2", "c3", "c4", "c6")
            select (Cond)new Cond.Cmp("code", op, v),
            Gen.SubListOf(Codes)
                .Where(l => l.Count > 0)
                .Select(l => (Cond)new Cond.In("code", l.Cast<object>().ToArray())),
            Gen.SubListOf(new long[] { -1, 0, 2, 3, 5, 8 })
                .Where(l => l.Count > 0)
                .Select(l => (Cond)new Cond.In("num", l.Cast<object>().ToArray())),
            from f in Gen.Elements("note", "num", "code", "flag")
            from present in Gen.Elements(true, false)
            select (Cond)new Cond.Exists(f, present)
        );

    private static Gen<Cond> Where { get; } =
        Gen.Frequency(
            (4, Simple),
            (1, from a in Simple from b in Simple select (Cond)new Cond.Both(a, b)),
            (1, from a in Simple from b in Simple select (Cond)new Cond.AnyOf(a, b))
        );

    private static Gen<Cond?> MaybeWhere { get; } =
        Gen.Frequency((1, Gen.Constant<Cond?>(null)), (2, Where.Select(c => (Cond?)c)));

    private static Gen<SortKey?> Sort { get; } =
        Gen.Frequency(
            (1, Gen.Constant<SortKey?>(null)),
            (
                3,
                from f in Gen.Elements(SchemaFields)
                from d in Gen.Elements(true, false)
                select (SortKey?)new SortKey(f, d)
            )
        );

    private static Gen<int?> Maybe(int lo, int hi, int noneWeight) =>
        Gen.Frequency(
            (noneWeight, Gen.Constant<int?>(null)),
            (2, Gen.Choose(lo, hi).Select(i => (int?)i))
        );

    private static Gen<(Target, Body)> BulkUpdateItem { get; } =
        from t in Gen.Frequency(
            (9, TargetGen.Where(t => t is not Target.Malformed)),
            (1, Gen.Constant<Target>(new Target.NoId()))
        )
        from b in Item(update: true)
        select (t, b);

    /// <summary>One command, weighted towards writes.</summary>
    public static Gen<Command> CommandGen { get; } =
        Gen.Frequency(
            (5, Item(false).Select(i => (Command)new Command.Create(i))),
            (
                4,
                from n in Gen.Choose(1, 6)
                from items in Gen.ArrayOf(Item(false), n)
                from allOrNone in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                select (Command)new Command.CreateMany(items, allOrNone)
            ),
            (4, from t in TargetGen from b in Item(true) select (Command)new Command.Update(t, b)),
            (
                2,
                from n in Gen.Choose(1, 4)
                from items in Gen.ArrayOf(BulkUpdateItem, n)
                select (Command)new Command.UpdateMany(items)
            ),
            (
                1,
                from w in Where
                from b in Item(true)
                    .Select(b => new Body(b.Fields.Where(f => f.Name != "_hidden").ToArray()))
                    .Where(b => b.Fields.Length > 0)
                select (Command)new Command.UpdateWhere(w, b)
            ),
            (2, TargetGen.Select(t => (Command)new Command.Delete(t))),
            (1, Where.Select(w => (Command)new Command.DeleteWhere(w))),
            (2, TargetGen.Select(t => (Command)new Command.Get(t))),
            (
                3,
                from w in MaybeWhere
                from s in Sort
                from l in Maybe(1, 6, 1)
                from o in Maybe(0, 8, 2)
                select (Command)new Command.Query(w, s, l, o)
            ),
            (
                2,
                from w in MaybeWhere
                from s in Sort
                from p in Gen.Choose(1, 4)
                select (Command)new Command.FetchAll(w, s, p)
            )
        );

    /// <summary>A session of 1 to <paramref name="max"/> commands, mostly long ones.</summary>
    public static Gen<CommandSequence> SequenceGen(int max) =>
        from n in Gen.Frequency((1, Gen.Choose(1, max / 2)), (3, Gen.Choose(max / 2, max)))
        from commands in Gen.ArrayOf(CommandGen, n)
        select new CommandSequence(commands);

    /// <summary>Shorter sessions: without a half, a quarter..., then without each single command.</summary>
    public static IEnumerable<CommandSequence> Shrink(CommandSequence session)
    {
        var commands = session.Commands;
        for (var chunk = commands.Length / 2; chunk > 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= commands.Length; start += chunk)
                yield return new CommandSequence([
                    .. commands[..start],
                    .. commands[(start + chunk)..],
                ]);
        }
        for (var i = 0; i < commands.Length; i++)
            yield return new CommandSequence([.. commands[..i], .. commands[(i + 1)..]]);
    }
}
