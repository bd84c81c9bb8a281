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

    // The JSON text, encoded on first use: combining filters (And of ten keys builds ten intermediate filters) no
    // longer encodes every intermediate document. A race encodes twice and keeps equal strings.
    private string? encoded;

    private SisFilter(Seq<(string Key, JsonElement Value)> entries, Seq<string> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    private string Text => encoded ??= Encode(Entries);

    /// <summary>The empty document <c>{}</c>: matches everything.</summary>
    public static SisFilter Empty { get; } = new(Seq<(string, JsonElement)>(), Seq<string>());

    /// <summary>The top-level keys and their values, in order.</summary>
    public Seq<(string Key, JsonElement Value)> Entries { get; }

    /// <summary>What is wrong with the arguments the filter was built from (empty when it is valid).</summary>
    public Seq<string> Problems { get; }

    /// <summary>True when the document has no key (matches everything).</summary>
    public bool IsEmpty => Entries.IsEmpty;

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
        var entries = obj.EnumerateObject().Select(p => (p.Name, p.Value.Clone())).ToArray();
        return new SisFilter(toSeq(entries), Seq<string>());
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
    public static SisFilter Null(string path) => Field(path, "", Ok(w => w.WriteNullValue()));

    /// <summary><c>{path: {"$ne": null}}</c>: the field is present and not null.</summary>
    public static SisFilter NotNull(string path) => Field(path, "$ne", Ok(w => w.WriteNullValue()));

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
                : Ok(w =>
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(divisor);
                    w.WriteNumberValue(remainder);
                    w.WriteEndArray();
                })
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
            return Checked(path, toSeq(problems), _ => { });
        return Checked(
            path,
            Seq<string>(),
            w =>
            {
                w.WriteStartObject();
                w.WriteString("$regex", pattern);
                if (options!.Length > 0)
                    w.WriteString("$options", options);
                w.WriteEndObject();
            }
        );
    }

    // ---- logical --------------------------------------------------------------------------------------------

    /// <summary>
    /// All of the filters: their keys merged into one document (see <see cref="And(SisFilter)"/>). No filter
    /// gives <see cref="Empty"/>.
    /// </summary>
    public static SisFilter And(params SisFilter[] all) =>
        all is null ? Invalid("and: the filters are required")
        : all.Any(f => f is null) ? Invalid("and: a filter is null")
        : all.Aggregate(Empty, (acc, f) => acc.And(f));

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
            return new SisFilter(Entries, Problems.Add("and: the other filter is null"));
        var problems = Problems.Concat(other.Problems);
        var entries = Entries.ToList();
        var extraAnd = new List<JsonElement>();
        foreach (var (key, value) in other.Entries)
        {
            var index = entries.FindIndex(e => e.Key == key);
            if (index < 0)
            {
                entries.Add((key, value));
                continue;
            }
            var mine = entries[index].Value;
            if (
                key == "$and"
                && mine.ValueKind == JsonValueKind.Array
                && value.ValueKind == JsonValueKind.Array
            )
            {
                extraAnd.AddRange(value.EnumerateArray());
            }
            else if (OnePlatform.Json.RawTextOf(mine) == OnePlatform.Json.RawTextOf(value))
            {
                // the same condition twice: keep it once
            }
            else if (IsOperatorObject(mine) && IsOperatorObject(value) && Disjoint(mine, value))
            {
                entries[index] = (key, Merge(mine, value));
            }
            else
            {
                extraAnd.Add(Single(key, value));
            }
        }
        if (extraAnd.Count > 0)
        {
            var andIndex = entries.FindIndex(e => e.Key == "$and");
            if (andIndex < 0)
                entries.Add(("$and", ArrayOf(extraAnd)));
            else if (entries[andIndex].Value.ValueKind == JsonValueKind.Array)
                entries[andIndex] = (
                    "$and",
                    ArrayOf(entries[andIndex].Value.EnumerateArray().Concat(extraAnd))
                );
            else
                return new SisFilter(
                    Seq1(("$and", ArrayOf([ToElement(), other.ToElement()]))),
                    problems
                );
        }
        return new SisFilter(toSeq(entries), problems);
    }

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
    private readonly record struct Value(Action<Utf8JsonWriter>? Write, Seq<string> Problems);

    private static Value Ok(Action<Utf8JsonWriter> write) => new(write, Seq<string>());

    private static Value Bad(string problem) => new(null, Seq1(problem));

    private static Value Str(string value) =>
        value is null ? Bad("value is required (use SisFilter.Null for null)")
        : !OnePlatform.Json.IsValidText(value)
            ? Bad("value must be valid Unicode text (it has an unpaired surrogate)")
        : Ok(w => w.WriteStringValue(value));

    private static Value Num(long value) => Ok(w => w.WriteNumberValue(value));

    private static Value Num(double value) =>
        double.IsFinite(value)
            ? Ok(w => w.WriteNumberValue(value))
            : Bad(
                $"value must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}"
            );

    private static Value Bool(bool value) => Ok(w => w.WriteBooleanValue(value));

    private static Value Elem(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined
            ? Bad("value is required (a default JsonElement holds nothing)")
            : Ok(w => value.WriteTo(w));

    private static Value ListOf<T>(IEnumerable<T> values, Func<T, Value> each)
    {
        if (values is null)
            return Bad("values are required");
        var items = values.Select(each).ToArray();
        var problems = toSeq(items).Bind(v => v.Problems);
        return problems.IsEmpty
            ? Ok(w =>
            {
                w.WriteStartArray();
                foreach (var item in items)
                    item.Write!(w);
                w.WriteEndArray();
            })
            : new Value(null, problems);
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
            w =>
            {
                if (op.Length == 0)
                {
                    value.Write!(w);
                    return;
                }
                w.WriteStartObject();
                w.WritePropertyName(op);
                value.Write!(w);
                w.WriteEndObject();
            }
        );

    private static SisFilter Checked(
        string path,
        Seq<string> valueProblems,
        Action<Utf8JsonWriter> write
    )
    {
        var problems = PathProblems(path).Concat(valueProblems);
        if (!problems.IsEmpty)
            return new SisFilter(Seq<(string, JsonElement)>(), problems);
        return new SisFilter(Seq1((path, Element(write))), Seq<string>());
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
        return new SisFilter(Seq1((op, ArrayOf(filters.Select(f => f.ToElement())))), problems);
    }

    private static SisFilter Invalid(string problem) =>
        new(Seq<(string, JsonElement)>(), Seq1(problem));

    private static bool IsOperatorObject(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.EnumerateObject().Any()
        && e.EnumerateObject().All(p => p.Name.StartsWith('$'));

    private static bool Disjoint(JsonElement a, JsonElement b) =>
        !a.EnumerateObject().Any(p => b.TryGetProperty(p.Name, out _));

    private static JsonElement Merge(JsonElement a, JsonElement b) =>
        Element(w =>
        {
            w.WriteStartObject();
            foreach (var p in a.EnumerateObject().Concat(b.EnumerateObject()))
                p.WriteTo(w);
            w.WriteEndObject();
        });

    private static JsonElement Single(string key, JsonElement value) =>
        Element(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName(key);
            value.WriteTo(w);
            w.WriteEndObject();
        });

    private static JsonElement ArrayOf(IEnumerable<JsonElement> items) =>
        Element(w =>
        {
            w.WriteStartArray();
            foreach (var item in items)
                item.WriteTo(w);
            w.WriteEndArray();
        });

    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        // One parse into an element that owns its bytes (no pooled document to clone and dispose).
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static string Encode(Seq<(string Key, JsonElement Value)> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in entries)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Describe(JsonElement e) =>
        e.ValueKind == JsonValueKind.Undefined ? "nothing" : OnePlatform.Json.Describe(e);
}
