using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Functional.Emulators.Sis.Query;

/// <summary>
/// A compiled MongoDB query document (spec §2.5): implicit equality, <c>$eq $ne $gt $gte $lt $lte $in $nin $exists $mod
/// $regex $options $all $size $elemMatch $not $type $or $and $nor</c>, dotted paths through objects and arrays, Mongo's
/// array semantics, and Mongoose's casting of condition values by schema type.
/// </summary>
internal sealed class MongoFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly Func<JsonNode?, bool> predicate;

    private MongoFilter(Func<JsonNode?, bool> predicate) => this.predicate = predicate;

    /// <summary>The filter that matches every document (<c>{}</c>).</summary>
    public static MongoFilter All { get; } = new(_ => true);

    /// <summary>
    /// Compiles <paramref name="query"/>; <paramref name="typeOf"/> gives the schema type of a dotted path (null when the
    /// path is not in the schema: its values are not cast). Unknown operators and malformed operands fail with a raw
    /// MongoError (500); values that cannot be cast fail with a raw CastError (500). Never throws.
    /// </summary>
    public static Outcome<MongoFilter> Compile(
        JsonObject query,
        Func<string, FieldTypeInfo?> typeOf
    ) => new Compiler(typeOf).Document(query, "").Map(p => new MongoFilter(p));

    /// <summary>True when <paramref name="doc"/> satisfies the query.</summary>
    public bool Matches(JsonObject doc) => predicate(doc);

    /// <summary>The raw error object the Mongo driver reports for a bad query.</summary>
    public static SisProblem MongoError(string message) =>
        SisProblem.Raw(
            new JsonObject
            {
                ["name"] = "MongoError",
                ["message"] = message,
                ["$err"] = "Can't canonicalize query: BadValue " + message,
                ["code"] = 2,
            }
        );

    private delegate bool ValuesTest(List<(JsonNode? Value, bool Present)> values);

    private sealed class Compiler(Func<string, FieldTypeInfo?> typeOf)
    {
        public Outcome<Func<JsonNode?, bool>> Document(JsonObject query, string prefix)
        {
            var parts = new List<Func<JsonNode?, bool>>();
            foreach (var (key, value) in query)
            {
                Outcome<Func<JsonNode?, bool>> part;
                if (key.StartsWith('$'))
                {
                    part = Logical(key, value, prefix);
                }
                else
                {
                    part = Field(key, prefix + key, value);
                }
                if (!part.IsOk)
                {
                    return part.Problem!;
                }
                if (part.Value is { } p)
                {
                    parts.Add(p);
                }
            }
            return Outcome.Ok<Func<JsonNode?, bool>>(doc => parts.TrueForAll(p => p(doc)));
        }

        private Outcome<Func<JsonNode?, bool>> Logical(string op, JsonNode? value, string prefix)
        {
            if (op == "$comment")
            {
                return Outcome.Ok<Func<JsonNode?, bool>>(_ => true);
            }
            if (op is not ("$and" or "$or" or "$nor"))
            {
                return MongoError("unknown top level operator: " + op);
            }
            if (value is not JsonArray { Count: > 0 } array)
            {
                return MongoError(op + " must be a nonempty array");
            }
            var branches = new List<Func<JsonNode?, bool>>();
            foreach (var element in array)
            {
                if (element is not JsonObject sub)
                {
                    return MongoError(op + " entries need to be full objects");
                }
                var branch = Document(sub, prefix);
                if (!branch.IsOk)
                {
                    return branch.Problem!;
                }
                branches.Add(branch.Value!);
            }
            return Outcome.Ok<Func<JsonNode?, bool>>(
                op switch
                {
                    "$and" => doc => branches.TrueForAll(b => b(doc)),
                    "$or" => doc => branches.Exists(b => b(doc)),
                    _ => doc => !branches.Exists(b => b(doc)),
                }
            );
        }

        private Outcome<Func<JsonNode?, bool>> Field(string path, string typePath, JsonNode? value)
        {
            var type = typeOf(typePath);
            var test = Condition(typePath, type, value);
            if (!test.IsOk)
            {
                return test.Problem!;
            }
            var values = test.Value!;
            var isDate = type?.Kind == FieldKind.Date;
            var parts = path.Split('.');
            return Outcome.Ok<Func<JsonNode?, bool>>(doc =>
            {
                var found = BsonOrder.Resolve(doc, parts);
                return values(isDate ? NormalizeDates(found) : found);
            });
        }

        /// <summary>The test of one field condition (a value, or an operator object) over the values at the path.</summary>
        private Outcome<ValuesTest> Condition(string typePath, FieldTypeInfo? type, JsonNode? value)
        {
            if (value is JsonObject obj && obj.Any(e => e.Key.StartsWith('$')))
            {
                return Operators(obj, typePath, type);
            }
            if (value is JsonArray array && type is { IsArray: false } && Casts(type))
            {
                // Mongoose turns an array value on a scalar path into $in.
                var items = CastEach(array, typePath, type);
                return items.Map<ValuesTest>(list =>
                    found => AnyValue(found, x => list.Exists(e => BsonOrder.Equal(x, e)))
                );
            }
            var cast = CastOne(value, typePath, type);
            return cast.Map<ValuesTest>(v => found => AnyValue(found, x => BsonOrder.Equal(x, v)));
        }

        private Outcome<ValuesTest> Operators(JsonObject ops, string typePath, FieldTypeInfo? type)
        {
            var tests = new List<ValuesTest>();
            foreach (var (op, operand) in ops)
            {
                var test = Operator(op, operand, ops, typePath, type);
                if (!test.IsOk)
                {
                    return test.Problem!;
                }
                if (test.Value is { } t)
                {
                    tests.Add(t);
                }
            }
            return Outcome.Ok<ValuesTest>(found => tests.TrueForAll(t => t(found)));
        }

        private Outcome<ValuesTest?> Operator(
            string op,
            JsonNode? operand,
            JsonObject ops,
            string typePath,
            FieldTypeInfo? type
        )
        {
            switch (op)
            {
                case "$eq":
                case "$ne":
                {
                    var cast = CastOne(operand, typePath, type);
                    if (!cast.IsOk)
                    {
                        return cast.Problem!;
                    }
                    var v = cast.Value;
                    var negate = op == "$ne";
                    return Outcome.Ok<ValuesTest?>(found =>
                        AnyValue(found, x => BsonOrder.Equal(x, v)) != negate
                    );
                }
                case "$gt":
                case "$gte":
                case "$lt":
                case "$lte":
                {
                    var cast = CastOne(operand, typePath, type);
                    if (!cast.IsOk)
                    {
                        return cast.Problem!;
                    }
                    var v = cast.Value;
                    if (BsonOrder.Rank(v) == 1)
                    {
                        var inclusive = op is "$gte" or "$lte";
                        return Outcome.Ok<ValuesTest?>(found =>
                            inclusive && AnyValue(found, x => BsonOrder.Rank(x) == 1)
                        );
                    }
                    Func<int, bool> holds = op switch
                    {
                        "$gt" => c => c > 0,
                        "$gte" => c => c >= 0,
                        "$lt" => c => c < 0,
                        _ => c => c <= 0,
                    };
                    return Outcome.Ok<ValuesTest?>(found =>
                        AnyValue(
                            found,
                            x =>
                                BsonOrder.Rank(x) == BsonOrder.Rank(v)
                                && holds(BsonOrder.Compare(x, v))
                        )
                    );
                }
                case "$in":
                case "$nin":
                {
                    var items = CastEach(AsArray(operand), typePath, type);
                    if (!items.IsOk)
                    {
                        return items.Problem!;
                    }
                    var list = items.Value!;
                    var negate = op == "$nin";
                    return Outcome.Ok<ValuesTest?>(found =>
                        AnyValue(found, x => list.Exists(e => BsonOrder.Equal(x, e))) != negate
                    );
                }
                case "$all":
                    return All(AsArray(operand), typePath, type);
                case "$exists":
                {
                    var wanted = QueryCast.ToBoolean(operand);
                    return Outcome.Ok<ValuesTest?>(found => found.Exists(f => f.Present) == wanted);
                }
                case "$size":
                {
                    var size = NumberOperand(operand);
                    if (size is not { } n || n != Math.Floor(n))
                    {
                        return MongoError("$size needs a number");
                    }
                    return Outcome.Ok<ValuesTest?>(found =>
                        found.Exists(f => f.Value is JsonArray a && a.Count == n)
                    );
                }
                case "$mod":
                    return Mod(operand);
                case "$regex":
                {
                    var options = ops.TryGetPropertyValue("$options", out var o)
                        ? BsonOrder.String(o) ?? ""
                        : "";
                    var regex = BuildRegex(operand, options);
                    if (!regex.IsOk)
                    {
                        return regex.Problem!;
                    }
                    var r = regex.Value!;
                    return Outcome.Ok<ValuesTest?>(found => AnyValue(found, x => IsMatch(r, x)));
                }
                case "$options":
                    return ops.ContainsKey("$regex")
                        ? Outcome.Ok<ValuesTest?>(null)
                        : MongoError("$options needs a $regex");
                case "$not":
                {
                    if (
                        operand is JsonObject inner
                        && inner.Count > 0
                        && inner.All(e => e.Key.StartsWith('$'))
                    )
                    {
                        var negated = Operators(inner, typePath, type);
                        return negated.Map<ValuesTest?>(t => found => !t(found));
                    }
                    if (BsonOrder.String(operand) is { } text && text.StartsWith('/'))
                    {
                        var regex = BuildRegex(operand, "");
                        return regex.Map<ValuesTest?>(r =>
                            found => !AnyValue(found, x => IsMatch(r, x))
                        );
                    }
                    return MongoError("$not needs a regex or a document");
                }
                case "$elemMatch":
                    return ElemMatch(operand, typePath, type);
                case "$type":
                    return TypeTest(operand);
                default:
                    return MongoError("unknown operator: " + op);
            }
        }

        private Outcome<ValuesTest?> All(JsonArray items, string typePath, FieldTypeInfo? type)
        {
            var tests = new List<ValuesTest>();
            foreach (var item in items)
            {
                if (item is JsonObject obj && obj.ContainsKey("$elemMatch"))
                {
                    var elem = ElemMatch(obj["$elemMatch"], typePath, type);
                    if (!elem.IsOk)
                    {
                        return elem.Problem!;
                    }
                    tests.Add(elem.Value!);
                    continue;
                }
                var cast = CastOne(item, typePath, type);
                if (!cast.IsOk)
                {
                    return cast.Problem!;
                }
                var v = cast.Value;
                tests.Add(found => AnyValue(found, x => BsonOrder.Equal(x, v)));
            }
            return Outcome.Ok<ValuesTest?>(found =>
                tests.Count > 0 && tests.TrueForAll(t => t(found))
            );
        }

        private Outcome<ValuesTest?> ElemMatch(
            JsonNode? operand,
            string typePath,
            FieldTypeInfo? type
        )
        {
            if (operand is not JsonObject query)
            {
                return MongoError("$elemMatch needs an Object");
            }
            ValuesTest? elementTest;
            if (
                query.Any(e => e.Key.StartsWith('$'))
                && query.All(e => e.Key is not ("$and" or "$or" or "$nor"))
            )
            {
                var ops = Operators(query, typePath, type);
                if (!ops.IsOk)
                {
                    return ops.Problem!;
                }
                var t = ops.Value!;
                elementTest = found => t(found);
            }
            else
            {
                var doc = Document(query, typePath + ".");
                if (!doc.IsOk)
                {
                    return doc.Problem!;
                }
                var d = doc.Value!;
                elementTest = found =>
                    found.Count == 1 && found[0].Value is JsonObject && d(found[0].Value);
            }
            return Outcome.Ok<ValuesTest?>(found =>
                found.Exists(f =>
                    f.Value is JsonArray array && array.Any(e => elementTest([(e, true)]))
                )
            );
        }

        private static Outcome<ValuesTest?> Mod(JsonNode? operand)
        {
            if (operand is not JsonArray array)
            {
                return MongoError("malformed mod, needs to be an array");
            }
            if (array.Count < 2)
            {
                return MongoError("malformed mod, not enough elements");
            }
            if (array.Count > 2)
            {
                return MongoError("malformed mod, too many elements");
            }
            if (
                NumberOperand(array[0]) is not { } divisor
                || NumberOperand(array[1]) is not { } remainder
            )
            {
                return MongoError("malformed mod, divisor and remainder need to be numbers");
            }
            var d = (long)divisor;
            var r = (long)remainder;
            if (d == 0)
            {
                return MongoError("divisor cannot be 0");
            }
            return Outcome.Ok<ValuesTest?>(found =>
                AnyValue(found, x => BsonOrder.IsNumber(x) && (long)BsonOrder.Number(x!) % d == r)
            );
        }

        private static Outcome<ValuesTest?> TypeTest(JsonNode? operand)
        {
            var code = NumberOperand(operand) is { } n
                ? n.ToString(CultureInfo.InvariantCulture)
                : BsonOrder.String(operand);
            Func<JsonNode?, bool>? test = code switch
            {
                "1"
                or "16"
                or "18"
                or "19"
                or "double"
                or "int"
                or "long"
                or "decimal"
                or "number" => x => BsonOrder.IsNumber(x),
                "2" or "string" => x => BsonOrder.Rank(x) == 3,
                "3" or "object" => x => x is JsonObject,
                "4" or "array" => x => x is JsonArray,
                "8" or "bool" => x => BsonOrder.Rank(x) == 8,
                "10" or "null" => x => x is not null && BsonOrder.Rank(x) == 1,
                _ => null,
            };
            if (test is null)
            {
                return MongoError("unknown type name alias: " + BsonOrder.JsString(operand));
            }
            return Outcome.Ok<ValuesTest?>(found =>
                found.Exists(f =>
                    f.Present && (test(f.Value) || (f.Value is JsonArray a && a.Any(test)))
                )
            );
        }

        private static bool Casts(FieldTypeInfo type) =>
            type.Kind is not (FieldKind.Mixed or FieldKind.Other);

        /// <summary>Casts an equality/comparison operand: arrays on array paths element-wise, else as one element.</summary>
        private static Outcome<JsonNode?> CastOne(
            JsonNode? value,
            string typePath,
            FieldTypeInfo? type
        )
        {
            if (type is null || !Casts(type))
            {
                return Outcome.Ok<JsonNode?>(value?.DeepClone());
            }
            if (value is JsonArray array && type.IsArray)
            {
                return CastEach(array, typePath, type)
                    .Map<JsonNode?>(list => new JsonArray([.. list]));
            }
            return QueryCast.Value(type.Kind, value, typePath);
        }

        private static Outcome<List<JsonNode?>> CastEach(
            JsonArray array,
            string typePath,
            FieldTypeInfo? type
        )
        {
            var list = new List<JsonNode?>();
            foreach (var item in array)
            {
                var cast =
                    type is null || !Casts(type)
                        ? Outcome.Ok<JsonNode?>(item?.DeepClone())
                        : QueryCast.Value(type.Kind, item, typePath);
                if (!cast.IsOk)
                {
                    return cast.Problem!;
                }
                list.Add(cast.Value);
            }
            return Outcome.Ok(list);
        }

        private static JsonArray AsArray(JsonNode? operand) =>
            operand as JsonArray ?? [operand?.DeepClone()];

        private static double? NumberOperand(JsonNode? operand) =>
            operand?.GetValueKind() switch
            {
                JsonValueKind.Number => BsonOrder.Number(operand),
                JsonValueKind.String when operand.GetValue<string>().Length > 0 =>
                    QueryCast.JsNumber(operand.GetValue<string>()),
                _ => null,
            };
    }

    /// <summary>Builds a .NET regex from a Mongo <c>$regex</c> (a pattern, or a JS literal <c>/pat/flags</c>) and options.</summary>
    internal static Outcome<Regex> BuildRegex(JsonNode? operand, string options)
    {
        if (BsonOrder.String(operand) is not { } pattern)
        {
            return MongoError("$regex has to be a string");
        }
        var flags = options;
        var close = pattern.LastIndexOf('/');
        if (
            pattern.Length >= 2
            && pattern[0] == '/'
            && close > 0
            && pattern[(close + 1)..].All(c => "gimsuyx".Contains(c, StringComparison.Ordinal))
        )
        {
            flags += pattern[(close + 1)..];
            pattern = pattern[1..close];
        }
        var regexOptions = RegexOptions.CultureInvariant;
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case 'i':
                    regexOptions |= RegexOptions.IgnoreCase;
                    break;
                case 'm':
                    regexOptions |= RegexOptions.Multiline;
                    break;
                case 's':
                    regexOptions |= RegexOptions.Singleline;
                    break;
                case 'x':
                    regexOptions |= RegexOptions.IgnorePatternWhitespace;
                    break;
                case 'g' or 'u' or 'y':
                    break;
                default:
                    return MongoError("invalid flag in regex options: " + flag);
            }
        }
        try
        {
            return Outcome.Ok(new Regex(pattern, regexOptions, RegexTimeout));
        }
        catch (ArgumentException e)
        {
            return MongoError("Regular expression is invalid: " + e.Message);
        }
    }

    private static bool IsMatch(Regex regex, JsonNode? value)
    {
        if (BsonOrder.String(value) is not { } text)
        {
            return false;
        }
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Mongo's element-wise semantics: a value matches, or (for an array) the array itself or one of its elements.</summary>
    private static bool AnyValue(
        List<(JsonNode? Value, bool Present)> found,
        Func<JsonNode?, bool> test
    )
    {
        foreach (var (value, _) in found)
        {
            if (test(value))
            {
                return true;
            }
            if (value is JsonArray array && array.Any(test))
            {
                return true;
            }
        }
        return false;
    }

    private static List<(JsonNode? Value, bool Present)> NormalizeDates(
        List<(JsonNode? Value, bool Present)> found
    ) =>
        found.ConvertAll(f =>
            (
                f.Value is JsonArray array
                    ? new JsonArray([
                        .. array.Select(QueryCast.CanonicalDate).Select(e => e?.DeepClone()),
                    ])
                    : QueryCast.CanonicalDate(f.Value),
                f.Present
            )
        );
}
