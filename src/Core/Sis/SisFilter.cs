using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.Sis;

/// <summary>
/// An immutable MongoDB query document (spec §2.5), sent as <c>q</c> on list GETs, bulk updates and bulk deletes.
/// Build it with the factories (<see cref="Eq(string, string)"/>, <see cref="Gt(string, long)"/>,
/// <see cref="In(string, IEnumerable{string})"/>, <see cref="Or"/>...) and combine with <see cref="And(SisFilter)"/>,
/// or take a document as it is with <see cref="Parse"/> / <see cref="FromJson"/>.
/// </summary>
/// <remarks>
/// The factories never throw: a bad argument (an empty path, NaN, an unpaired surrogate, a non-object document...)
/// is remembered and reported by <see cref="Validate"/>, which every request builder calls — so a bad filter makes
/// the builder fail with an <see cref="ApiError.InvalidArgument"/>. Two filters are equal when they encode to the
/// same JSON text (<see cref="ToJson"/>: compact, keys in insertion order).
/// </remarks>
public sealed record SisFilter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The document: top-level keys and their values as small nodes that write themselves. Values built from .NET
    // primitives stay nodes until the filter is encoded (once, on first use of the text); values that hold a
    // caller's JsonElement are written and parsed when the filter is built, as they always were.
    private readonly (string Key, Node Value)[] nodes;

    // The JSON text, encoded on first use (a race encodes twice and keeps equal strings).
    private string? encoded;

    // Entries as JsonElements, made on first use (a race parses twice and keeps equal values).
    private EntryList? entries;

    private SisFilter((string Key, Node Value)[] nodes, Seq<string> problems)
    {
        this.nodes = nodes;
        Problems = problems;
    }

    private string Text => encoded ??= Encode(nodes);

    /// <summary>The empty document <c>{}</c>: matches everything.</summary>
    public static SisFilter Empty { get; } = new([], Seq<string>());

    /// <summary>The top-level keys and their values, in order.</summary>
    public Seq<(string Key, JsonElement Value)> Entries =>
        (
            entries ??= new EntryList(
                toSeq(nodes.Select(e => (e.Key, e.Value.ToElement())).ToArray())
            )
        ).Items;

    /// <summary>What is wrong with the arguments the filter was built from (empty when it is valid).</summary>
    public Seq<string> Problems { get; }

    /// <summary>True when the document has no key (matches everything).</summary>
    public bool IsEmpty => nodes.Length == 0;

    /// <summary>The document as compact JSON text, keys in insertion order, booleans <c>true</c>/<c>false</c>.</summary>
    public string ToJson() => Text;

    /// <summary>The filter itself when it is valid; else every problem as <c>InvalidArgument(field, …)</c>.</summary>
    public Validation<ApiError, SisFilter> Validate(string field) =>
        Problems.IsEmpty
            ? Success<ApiError, SisFilter>(this)
            : Fail<ApiError, SisFilter>(
                Problems.Map(p => (ApiError)new ApiError.InvalidArgument(field, p))
            );

    /// <summary>Parses a JSON object (e.g. a query copied from the SIS documentation).</summary>
    /// <param name="json">The JSON text; it must be an object.</param>
    /// <param name="field">The argument name used in the error.</param>
    public static Validation<ApiError, SisFilter> Parse(string json, string field = "filter")
    {
        if (json is null)
            return Fail<ApiError, SisFilter>(new ApiError.InvalidArgument(field, "is required"));
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            return FromJson(doc.RootElement).Validate(field);
        }
        catch (JsonException e)
        {
            return Fail<ApiError, SisFilter>(
                new ApiError.InvalidArgument(field, $"is not valid JSON ({e.Message})")
            );
        }
    }

    /// <summary>
    /// Takes a JSON object as the document (its values are cloned). Anything but an object gives a filter whose
    /// <see cref="Validate"/> fails.
    /// </summary>
    public static SisFilter FromJson(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            return Invalid($"must be a JSON object, but it is {Describe(obj)}");
        var entries = obj.EnumerateObject()
            .Select(p => (p.Name, (Node)new ElementNode(p.Value.Clone())))
            .ToArray();
        return new SisFilter(entries, Seq<string>());
    }

    // ---- equality and comparison -------------------------------------------------------------------------

    /// <summary><c>{path: value}</c>: the field equals (or, for an array field, contains) the value.</summary>
    public static SisFilter Eq(string path, string value) => Field(path, "", Str(value));

    /// <inheritdoc cref="Eq(string, string)"/>
    public static SisFilter Eq(string path, long value) => Field(path, "", Num(value));

    /// <inheritdoc cref="Eq(string, string)"/>
    public static SisFilter Eq(string path, double value) => Field(path, "", Num(value));

    /// <inheritdoc cref="Eq(string, string)"/>
    public static SisFilter Eq(string path, bool value) => Field(path, "", Bool(value));

    /// <summary>
    /// <c>{path: value}</c> for any JSON value; an object value whose first key starts with <c>$</c> is sent as
    /// <c>{path: {"$eq": value}}</c> so that it is not taken for operators.
    /// </summary>
    public static SisFilter Eq(string path, JsonElement value) =>
        IsOperatorObject(value) ? Field(path, "$eq", Elem(value)) : Field(path, "", Elem(value));

    /// <summary><c>{path: null}</c>: the field is null or missing.</summary>
    public static SisFilter Null(string path) => Field(path, "", Ok(Node.Null));

    /// <summary><c>{path: {"$ne": null}}</c>: the field is present and not null.</summary>
    public static SisFilter NotNull(string path) => Field(path, "$ne", Ok(Node.Null));

    /// <summary><c>{path: {"$ne": value}}</c>.</summary>
    public static SisFilter Ne(string path, string value) => Field(path, "$ne", Str(value));

    /// <inheritdoc cref="Ne(string, string)"/>
    public static SisFilter Ne(string path, long value) => Field(path, "$ne", Num(value));

    /// <inheritdoc cref="Ne(string, string)"/>
    public static SisFilter Ne(string path, double value) => Field(path, "$ne", Num(value));

    /// <inheritdoc cref="Ne(string, string)"/>
    public static SisFilter Ne(string path, bool value) => Field(path, "$ne", Bool(value));

    /// <inheritdoc cref="Ne(string, string)"/>
    public static SisFilter Ne(string path, JsonElement value) => Field(path, "$ne", Elem(value));

    /// <summary><c>{path: {"$gt": value}}</c>.</summary>
    public static SisFilter Gt(string path, string value) => Field(path, "$gt", Str(value));

    /// <inheritdoc cref="Gt(string, string)"/>
    public static SisFilter Gt(string path, long value) => Field(path, "$gt", Num(value));

    /// <inheritdoc cref="Gt(string, string)"/>
    public static SisFilter Gt(string path, double value) => Field(path, "$gt", Num(value));

    /// <inheritdoc cref="Gt(string, string)"/>
    public static SisFilter Gt(string path, bool value) => Field(path, "$gt", Bool(value));

    /// <inheritdoc cref="Gt(string, string)"/>
    public static SisFilter Gt(string path, JsonElement value) => Field(path, "$gt", Elem(value));

    /// <summary><c>{path: {"$gte": value}}</c>.</summary>
    public static SisFilter Gte(string path, string value) => Field(path, "$gte", Str(value));

    /// <inheritdoc cref="Gte(string, string)"/>
    public static SisFilter Gte(string path, long value) => Field(path, "$gte", Num(value));

    /// <inheritdoc cref="Gte(string, string)"/>
    public static SisFilter Gte(string path, double value) => Field(path, "$gte", Num(value));

    /// <inheritdoc cref="Gte(string, string)"/>
    public static SisFilter Gte(string path, bool value) => Field(path, "$gte", Bool(value));

    /// <inheritdoc cref="Gte(string, string)"/>
    public static SisFilter Gte(string path, JsonElement value) => Field(path, "$gte", Elem(value));

    /// <summary><c>{path: {"$lt": value}}</c>.</summary>
    public static SisFilter Lt(string path, string value) => Field(path, "$lt", Str(value));

    /// <inheritdoc cref="Lt(string, string)"/>
    public static SisFilter Lt(string path, long value) => Field(path, "$lt", Num(value));

    /// <inheritdoc cref="Lt(string, string)"/>
    public static SisFilter Lt(string path, double value) => Field(path, "$lt", Num(value));

    /// <inheritdoc cref="Lt(string, string)"/>
    public static SisFilter Lt(string path, bool value) => Field(path, "$lt", Bool(value));

    /// <inheritdoc cref="Lt(string, string)"/>
    public static SisFilter Lt(string path, JsonElement value) => Field(path, "$lt", Elem(value));

    /// <summary><c>{path: {"$lte": value}}</c>.</summary>
    public static SisFilter Lte(string path, string value) => Field(path, "$lte", Str(value));

    /// <inheritdoc cref="Lte(string, string)"/>
    public static SisFilter Lte(string path, long value) => Field(path, "$lte", Num(value));

    /// <inheritdoc cref="Lte(string, string)"/>
    public static SisFilter Lte(string path, double value) => Field(path, "$lte", Num(value));

    /// <inheritdoc cref="Lte(string, string)"/>
    public static SisFilter Lte(string path, bool value) => Field(path, "$lte", Bool(value));

    /// <inheritdoc cref="Lte(string, string)"/>
    public static SisFilter Lte(string path, JsonElement value) => Field(path, "$lte", Elem(value));

    // ---- sets, existence, patterns -------------------------------------------------------------------------

    /// <summary><c>{path: {"$in": [values]}}</c>: the field equals one of the values (an empty list matches nothing).</summary>
    public static SisFilter In(string path, IEnumerable<string> values) =>
        Field(path, "$in", ListOf(values, Str));

    /// <inheritdoc cref="In(string, IEnumerable{string})"/>
    public static SisFilter In(string path, IEnumerable<long> values) =>
        Field(path, "$in", ListOf(values, Num));

    /// <inheritdoc cref="In(string, IEnumerable{string})"/>
    public static SisFilter In(string path, IEnumerable<int> values) =>
        Field(path, "$in", ListOf(values, v => Num(v)));

    /// <inheritdoc cref="In(string, IEnumerable{string})"/>
    public static SisFilter In(string path, IEnumerable<double> values) =>
        Field(path, "$in", ListOf(values, Num));

    /// <inheritdoc cref="In(string, IEnumerable{string})"/>
    public static SisFilter In(string path, IEnumerable<JsonElement> values) =>
        Field(path, "$in", ListOf(values, Elem));

    /// <summary><c>{path: {"$nin": [values]}}</c>: the field equals none of the values.</summary>
    public static SisFilter Nin(string path, IEnumerable<string> values) =>
        Field(path, "$nin", ListOf(values, Str));

    /// <inheritdoc cref="Nin(string, IEnumerable{string})"/>
    public static SisFilter Nin(string path, IEnumerable<long> values) =>
        Field(path, "$nin", ListOf(values, Num));

    /// <inheritdoc cref="Nin(string, IEnumerable{string})"/>
    public static SisFilter Nin(string path, IEnumerable<int> values) =>
        Field(path, "$nin", ListOf(values, v => Num(v)));

    /// <inheritdoc cref="Nin(string, IEnumerable{string})"/>
    public static SisFilter Nin(string path, IEnumerable<double> values) =>
        Field(path, "$nin", ListOf(values, Num));

    /// <inheritdoc cref="Nin(string, IEnumerable{string})"/>
    public static SisFilter Nin(string path, IEnumerable<JsonElement> values) =>
        Field(path, "$nin", ListOf(values, Elem));

    /// <summary><c>{path: {"$exists": exists}}</c>.</summary>
    public static SisFilter Exists(string path, bool exists = true) =>
        Field(path, "$exists", Bool(exists));

    /// <summary><c>{path: {"$mod": [divisor, remainder]}}</c>; the divisor must not be 0.</summary>
    public static SisFilter Mod(string path, long divisor, long remainder) =>
        Field(
            path,
            "$mod",
            divisor == 0
                ? Bad("mod divisor must not be 0")
                : Ok(new ArrayNode([new LongNode(divisor), new LongNode(remainder)]))
        );

    /// <summary>
    /// <c>{path: {"$regex": pattern, "$options": options}}</c> (no <c>$options</c> when empty); options are
    /// letters of <c>imxs</c>.
    /// </summary>
    public static SisFilter Regex(string path, string pattern, string options = "")
    {
        var problems = new List<string>();
        if (pattern is null)
            problems.Add("regex pattern is required");
        else if (!OnePlatform.Json.IsValidText(pattern))
            problems.Add("regex pattern must be valid Unicode text (it has an unpaired surrogate)");
        if (options is null)
            problems.Add("regex options are required (use \"\" for none)");
        else if (options.Any(c => "imxs".IndexOf(c, StringComparison.Ordinal) < 0))
            problems.Add($"regex options must be letters of \"imxs\", not \"{options}\"");
        if (problems.Count > 0)
            return Checked(path, toSeq(problems), Node.Null);
        var regex = new StringNode(pattern!);
        return Checked(
            path,
            Seq<string>(),
            new ObjectNode(
                options!.Length > 0
                    ? [("$regex", regex), ("$options", new StringNode(options))]
                    : [("$regex", regex)]
            )
        );
    }

    // ---- logical --------------------------------------------------------------------------------------------

    /// <summary>
    /// All of the filters: their keys merged into one document (see <see cref="And(SisFilter)"/>). No filter
    /// gives <see cref="Empty"/>.
    /// </summary>
    public static SisFilter And(params SisFilter[] all)
    {
        if (all is null)
            return Invalid("and: the filters are required");
        if (System.Array.IndexOf(all, null) >= 0)
            return Invalid("and: a filter is null");
        if (all.Length == 0)
            return Empty;
        // The same as folding And(SisFilter) from Empty, on one list instead of a new filter per step.
        var entries = new List<(string Key, Node Value)>(all.Length);
        var problems = Seq<string>();
        foreach (var f in all)
        {
            if (!f.Problems.IsEmpty)
                problems = problems.Concat(f.Problems);
            if (!Combine(entries, f))
                entries = [("$and", ElementOf(Encode([.. entries]), f))];
        }
        return new SisFilter([.. entries], problems);
    }

    /// <summary><c>{"$or": [filters]}</c>; one filter is returned as it is; at least one is required.</summary>
    public static SisFilter Or(params SisFilter[] any) => Logical("$or", any, unwrapSingle: true);

    /// <summary><c>{"$nor": [filters]}</c>: none of the filters match; at least one is required.</summary>
    public static SisFilter Nor(params SisFilter[] none) =>
        Logical("$nor", none, unwrapSingle: false);

    /// <summary>
    /// Both this filter and <paramref name="other"/>: keys of <paramref name="other"/> are added; a key present in
    /// both with operator objects (<c>{"$gt":1}</c> and <c>{"$lt":9}</c>) gets the operators merged; an identical
    /// key/value pair is kept once; <c>$and</c> arrays are concatenated; any other clash goes into
    /// <c>$and</c>, so the result always means "both".
    /// </summary>
    public SisFilter And(SisFilter other)
    {
        if (other is null)
            return new SisFilter(nodes, Problems.Add("and: the other filter is null"));
        var problems = Problems.Concat(other.Problems);
        var entries = new List<(string Key, Node Value)>(nodes.Length + other.nodes.Length);
        entries.AddRange(nodes);
        return Combine(entries, other)
            ? new SisFilter([.. entries], problems)
            : new SisFilter([("$and", ElementOf(Text, other))], problems);
    }

    /// <summary>
    /// Adds the keys of <paramref name="other"/> to <paramref name="entries"/> (the rules of
    /// <see cref="And(SisFilter)"/>); false, with <paramref name="entries"/> unchanged, when the clashes need a
    /// <c>$and</c> but the document has a <c>$and</c> that is not an array (the caller then nests both documents).
    /// </summary>
    private static bool Combine(List<(string Key, Node Value)> entries, SisFilter other)
    {
        List<Node>? extraAnd = null;
        List<(int Index, (string, Node) Entry)>? replaced = null;
        var before = entries.Count;
        foreach (var (key, value) in other.nodes)
        {
            var index = IndexOf(entries, key);
            if (index < 0)
            {
                entries.Add((key, value));
                continue;
            }
            var mine = entries[index].Value;
            if (
                key == "$and"
                && mine.Kind == JsonValueKind.Array
                && value.Kind == JsonValueKind.Array
            )
            {
                (extraAnd ??= []).AddRange(value.Items());
            }
            else if (mine.SameTextAs(value))
            {
                // the same condition twice: keep it once
            }
            else if (IsOperatorObject(mine) && IsOperatorObject(value) && Disjoint(mine, value))
            {
                (replaced ??= []).Add((index, entries[index]));
                entries[index] = (key, Merge(mine, value));
            }
            else
            {
                (extraAnd ??= []).Add(Single(key, value));
            }
        }
        if (extraAnd is null)
            return true;
        var andIndex = IndexOf(entries, "$and");
        if (andIndex < 0)
            entries.Add(("$and", ArrayOf([.. extraAnd])));
        else if (entries[andIndex].Value.Kind == JsonValueKind.Array)
            entries[andIndex] = (
                "$and",
                ArrayOf([.. entries[andIndex].Value.Items(), .. extraAnd])
            );
        else
        {
            // undo: the caller nests the document as it was
            entries.RemoveRange(before, entries.Count - before);
            for (var i = (replaced?.Count ?? 0) - 1; i >= 0; i--)
                entries[replaced![i].Index] = replaced[i].Entry;
            return false;
        }
        return true;
    }

    private static int IndexOf(List<(string Key, Node Value)> entries, string key)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Key == key)
                return i;
        }
        return -1;
    }

    /// <summary><c>[this document, other]</c> as one element (the document given as its text).</summary>
    private static Node ElementOf(string text, SisFilter other) =>
        ArrayOf([
            new ElementNode(OnePlatform.Json.Parse(text)),
            new ElementNode(other.ToElement()),
        ]);

    /// <summary>The document as a standalone JSON element.</summary>
    public JsonElement ToElement() => OnePlatform.Json.Parse(Text);

    // ---- equality ----------------------------------------------------------------------------------------

    /// <summary>Equal when both encode to the same JSON text and have the same problems.</summary>
    public bool Equals(SisFilter? other) =>
        other is not null
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && Problems.SequenceEqual(other.Problems);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The JSON text (and the problems, when there are any).</summary>
    public override string ToString() =>
        Problems.IsEmpty ? Text : $"{Text} (invalid: {string.Join("; ", Problems)})";

    // ---- helpers -------------------------------------------------------------------------------------------

    /// <summary>A value to write, or why it cannot be written.</summary>
    private readonly record struct Value(Node? Node, Seq<string> Problems);

    private static Value Ok(Node node) => new(node, Seq<string>());

    private static Value Bad(string problem) => new(null, Seq1(problem));

    private static Value Str(string value) =>
        value is null ? Bad("value is required (use SisFilter.Null for null)")
        : !OnePlatform.Json.IsValidText(value)
            ? Bad("value must be valid Unicode text (it has an unpaired surrogate)")
        : Ok(new StringNode(value));

    private static Value Num(long value) => Ok(new LongNode(value));

    private static Value Num(double value) =>
        double.IsFinite(value)
            ? Ok(new DoubleNode(value))
            : Bad(
                $"value must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}"
            );

    private static Value Bool(bool value) => Ok(value ? Node.True : Node.False);

    private static Value Elem(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined
            ? Bad("value is required (a default JsonElement holds nothing)")
            : Ok(new ElementNode(value));

    private static Value ListOf<T>(IEnumerable<T> values, Func<T, Value> each)
    {
        if (values is null)
            return Bad("values are required");
        var items = values.Select(each).ToArray();
        if (items.All(v => v.Problems.IsEmpty))
            return Ok(new ArrayNode([.. items.Select(v => v.Node!)]));
        return new Value(null, toSeq(items).Bind(v => v.Problems));
    }

    private static Seq<string> PathProblems(string path) =>
        path switch
        {
            null => Seq1("path is required"),
            "" => Seq1("path must not be empty"),
            _ when path.StartsWith('$') => Seq1(
                $"path \"{path}\" must not start with '$' (that is an operator)"
            ),
            _ when !OnePlatform.Json.IsValidText(path) => Seq1(
                "path must be valid Unicode text (it has an unpaired surrogate)"
            ),
            _ => Seq<string>(),
        };

    /// <summary><c>{path: value}</c> (no operator) or <c>{path: {op: value}}</c>.</summary>
    private static SisFilter Field(string path, string op, Value value) =>
        Checked(
            path,
            value.Problems,
            value.Node is null ? Node.Null
                : op.Length == 0 ? value.Node
                : new ObjectNode([(op, value.Node)])
        );

    private static SisFilter Checked(string path, Seq<string> valueProblems, Node value)
    {
        var pathProblems = PathProblems(path);
        if (pathProblems.IsEmpty && valueProblems.IsEmpty)
            return new SisFilter([(path, Sealed(value))], Seq<string>());
        return new SisFilter([], pathProblems.Concat(valueProblems));
    }

    private static SisFilter Logical(string op, SisFilter[] filters, bool unwrapSingle)
    {
        var name = op[1..];
        if (filters is null || filters.Length == 0)
            return Invalid($"{name}: at least one filter is required");
        if (filters.Any(f => f is null))
            return Invalid($"{name}: a filter is null");
        if (unwrapSingle && filters.Length == 1)
            return filters[0];
        var problems = toSeq(filters).Bind(f => f.Problems);
        return new SisFilter(
            [(op, ArrayOf([.. filters.Select(f => (Node)new ElementNode(f.ToElement()))]))],
            problems
        );
    }

    private static SisFilter Invalid(string problem) => new([], Seq1(problem));

    private static bool IsOperatorObject(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.EnumerateObject().Any()
        && e.EnumerateObject().All(p => p.Name.StartsWith('$'));

    private static bool IsOperatorObject(Node n) =>
        n switch
        {
            ObjectNode o => o.Properties.Length > 0
                && System.Array.TrueForAll(o.Properties, p => p.Name.StartsWith('$')),
            ElementNode e => IsOperatorObject(e.Value),
            _ => false,
        };

    private static bool Disjoint(Node a, Node b) =>
        !a.PropertyNames().Any(name => b.PropertyNames().Contains(name, StringComparer.Ordinal));

    private static Node Merge(Node a, Node b)
    {
        if (a is ObjectNode x && b is ObjectNode y)
            return new ObjectNode([.. x.Properties, .. y.Properties]);
        return Element(w =>
        {
            w.WriteStartObject();
            WriteProperties(w, a);
            WriteProperties(w, b);
            w.WriteEndObject();
        });
    }

    private static void WriteProperties(Utf8JsonWriter writer, Node node)
    {
        if (node is ObjectNode o)
        {
            foreach (var (name, value) in o.Properties)
            {
                writer.WritePropertyName(name);
                value.Write(writer);
            }
        }
        else
        {
            foreach (var p in ((ElementNode)node).Value.EnumerateObject())
                p.WriteTo(writer);
        }
    }

    private static Node Single(string key, Node value) => Sealed(new ObjectNode([(key, value)]));

    private static Node ArrayOf(Node[] items) => Sealed(new ArrayNode(items));

    /// <summary>
    /// A node that holds a caller's element is written and parsed now (as the filter always did: any error shows
    /// where the filter is built); a node made only of .NET values stays as it is until the filter is encoded.
    /// </summary>
    private static Node Sealed(Node node) => node.HoldsElement ? Element(node.Write) : node;

    private static ElementNode Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        // One parse into an element that owns its bytes (no pooled document to clone and dispose).
        return new ElementNode(JsonElement.Parse(buffer.WrittenSpan));
    }

    [ThreadStatic]
    private static CachedWriter? writerSlot;

    private static string Encode((string Key, Node Value)[] entries) =>
        Write(
            entries,
            static (writer, entries) =>
            {
                writer.WriteStartObject();
                foreach (var (key, value) in entries)
                {
                    writer.WritePropertyName(key);
                    value.Write(writer);
                }
                writer.WriteEndObject();
            }
        );

    /// <summary>
    /// Writes with the thread's reusable writer and buffer (a nested or failed use gets a fresh one) and returns
    /// the text.
    /// </summary>
    private static string Write<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        var cached = writerSlot;
        writerSlot = null; // taken: a nested call makes its own
        cached ??= new CachedWriter();
        cached.Writer.Reset(cached.Buffer);
        write(cached.Writer, state);
        cached.Writer.Flush();
        var text = System.Text.Encoding.UTF8.GetString(cached.Buffer.WrittenSpan);
        cached.Buffer.Clear();
        cached.Writer.Reset();
        if (cached.Buffer.Capacity <= 16 * 1024)
            writerSlot = cached; // a buffer grown by a huge filter is not kept
        else
            cached.Dispose();
        return text;
    }

    private static string Describe(JsonElement e) =>
        e.ValueKind == JsonValueKind.Undefined ? "nothing" : OnePlatform.Json.Describe(e);

    /// <summary>A thread's reusable writer and buffer.</summary>
    private sealed class CachedWriter : IDisposable
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(256);
        public readonly Utf8JsonWriter Writer;

        public CachedWriter() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);

        public void Dispose() => Writer.Dispose();
    }

    /// <summary>The cached <see cref="Entries"/>.</summary>
    private sealed class EntryList(Seq<(string Key, JsonElement Value)> items)
    {
        public Seq<(string Key, JsonElement Value)> Items { get; } = items;
    }

    // ---- nodes ---------------------------------------------------------------------------------------------

    /// <summary>One JSON value of the document.</summary>
    private abstract class Node
    {
        public static readonly Node Null = new LiteralNode(JsonValueKind.Null);
        public static readonly Node True = new LiteralNode(JsonValueKind.True);
        public static readonly Node False = new LiteralNode(JsonValueKind.False);

        public abstract JsonValueKind Kind { get; }

        /// <summary>True when the value holds a caller's <see cref="JsonElement"/> somewhere.</summary>
        public virtual bool HoldsElement => false;

        public abstract void Write(Utf8JsonWriter writer);

        /// <summary>The property names of an object (none for anything else).</summary>
        public virtual IEnumerable<string> PropertyNames() => [];

        /// <summary>The items of an array (none for anything else).</summary>
        public virtual IEnumerable<Node> Items() => [];

        /// <summary>The value as its own element.</summary>
        public virtual JsonElement ToElement() =>
            JsonElement.Parse(SisFilter.Write(this, static (w, n) => n.Write(w)));

        /// <summary>The value's text as the filter compares it (compact; an element taken as given keeps its own text).</summary>
        public virtual string Text() => SisFilter.Write(this, static (w, n) => n.Write(w));

        /// <summary>
        /// True when both values have the same text (<see cref="Text"/>). Values of different kinds, or two objects
        /// built here with different keys, never do, so only the other pairs are encoded to be compared.
        /// </summary>
        public bool SameTextAs(Node other) =>
            Kind == other.Kind
            && !(
                this is ObjectNode a
                && other is ObjectNode b
                && !a.Properties.Select(p => p.Name).SequenceEqual(b.Properties.Select(p => p.Name))
            )
            && string.Equals(Text(), other.Text(), StringComparison.Ordinal);
    }

    private sealed class LiteralNode(JsonValueKind kind) : Node
    {
        public override JsonValueKind Kind => kind;

        public override void Write(Utf8JsonWriter writer)
        {
            if (kind == JsonValueKind.Null)
                writer.WriteNullValue();
            else
                writer.WriteBooleanValue(kind == JsonValueKind.True);
        }
    }

    private sealed class StringNode(string value) : Node
    {
        public override JsonValueKind Kind => JsonValueKind.String;

        public override void Write(Utf8JsonWriter writer) => writer.WriteStringValue(value);
    }

    private sealed class LongNode(long value) : Node
    {
        public override JsonValueKind Kind => JsonValueKind.Number;

        public override void Write(Utf8JsonWriter writer) => writer.WriteNumberValue(value);
    }

    private sealed class DoubleNode(double value) : Node
    {
        public override JsonValueKind Kind => JsonValueKind.Number;

        public override void Write(Utf8JsonWriter writer) => writer.WriteNumberValue(value);
    }

    private sealed class ArrayNode(Node[] items) : Node
    {
        public override JsonValueKind Kind => JsonValueKind.Array;

        public override bool HoldsElement => items.Any(i => i.HoldsElement);

        public override IEnumerable<Node> Items() => items;

        public override void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var item in items)
                item.Write(writer);
            writer.WriteEndArray();
        }
    }

    private sealed class ObjectNode((string Name, Node Value)[] properties) : Node
    {
        public (string Name, Node Value)[] Properties => properties;

        public override JsonValueKind Kind => JsonValueKind.Object;

        public override bool HoldsElement => properties.Any(p => p.Value.HoldsElement);

        public override IEnumerable<string> PropertyNames() => properties.Select(p => p.Name);

        public override void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WritePropertyName(name);
                value.Write(writer);
            }
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// A JSON element: one written and parsed by the filter (its text is compact), or a value of a document taken
    /// as given (<see cref="FromJson"/>: its text is the caller's, whitespace and escapes included).
    /// </summary>
    private sealed class ElementNode(JsonElement value) : Node
    {
        public JsonElement Value => value;

        public override JsonValueKind Kind => value.ValueKind;

        public override bool HoldsElement => true;

        public override IEnumerable<string> PropertyNames() =>
            value.ValueKind == JsonValueKind.Object
                ? value.EnumerateObject().Select(p => p.Name)
                : [];

        public override IEnumerable<Node> Items() =>
            value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(i => (Node)new ElementNode(i))
                : [];

        public override void Write(Utf8JsonWriter writer) => value.WriteTo(writer);

        public override JsonElement ToElement() => value;

        public override string Text() => OnePlatform.Json.RawTextOf(value);
    }
}
