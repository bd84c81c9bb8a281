using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Functional.Emulators.Sis.Query;

/// <summary>
/// The query-string parser of Express 4.13 ("extended", qs 4.0.0 — spec §2.4): bracket nesting up to depth 5 (the rest of
/// a deeper key stays one literal key), <c>a[]=</c> and <c>a[i]=</c> arrays with indices up to 20 (larger become object
/// keys), repeated keys become arrays, at most 1000 parameters, no dot splitting, <c>+</c> and percent decoding
/// (a malformed escape leaves the part undecoded); leaf values are strings.
/// </summary>
internal static partial class QsParser
{
    private const int Depth = 5;
    private const int ArrayLimit = 20;
    private const int ParameterLimit = 1000;

    /// <summary>Names qs 4.0 refuses as keys (own properties of <c>Object.prototype</c>).</summary>
    private static readonly HashSet<string> PrototypeNames = new(StringComparer.Ordinal)
    {
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "hasOwnProperty",
        "__lookupGetter__",
        "__lookupSetter__",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toString",
        "valueOf",
        "__proto__",
        "toLocaleString",
    };

    [GeneratedRegex(@"\[[^\[\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex ChildSegment();

    /// <summary>
    /// Parses a raw query string (a single leading <c>?</c> is ignored) into its top-level parameters. Never throws.
    /// Values are JSON strings, arrays and objects (and <c>true</c> in qs's odd "string merged into object" case).
    /// </summary>
    public static Dictionary<string, JsonNode?> Parse(string? rawQuery)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(rawQuery))
        {
            return result;
        }
        var str = rawQuery[0] == '?' ? rawQuery[1..] : rawQuery;
        if (str.Length == 0)
        {
            return result;
        }

        var temp = ParseValues(str);
        object root = new JsObject();
        foreach (var (key, value) in temp.Entries())
        {
            var parsed = ParseKeys(key, value);
            if (parsed is not null)
            {
                root = Merge(root, parsed);
            }
        }
        var compacted = (JsObject)Compact(root);
        foreach (var (key, value) in compacted.Entries())
        {
            result[key] = ToJson(value);
        }
        return result;
    }

    private static JsObject ParseValues(string str)
    {
        var obj = new JsObject();
        var parts = str.Split('&');
        var count = Math.Min(parts.Length, ParameterLimit);
        for (var i = 0; i < count; i++)
        {
            var part = parts[i];
            var bracketEquals = part.IndexOf("]=", StringComparison.Ordinal);
            var pos =
                bracketEquals == -1
                    ? part.IndexOf('=', StringComparison.Ordinal)
                    : bracketEquals + 1;
            string key;
            string val;
            if (pos == -1)
            {
                key = Decode(part);
                val = "";
                obj.Set(key, val);
                continue;
            }
            key = Decode(part[..pos]);
            val = Decode(part[(pos + 1)..]);
            if (!obj.TryGet(key, out var existing))
            {
                obj.Set(key, val);
            }
            else
            {
                var list = new JsArray();
                list.Concat(existing);
                list.Concat(val);
                obj.Set(key, list);
            }
        }
        return obj;
    }

    private static object? ParseKeys(string key, object value)
    {
        if (key.Length == 0)
        {
            return null;
        }
        var keys = new List<string>();
        var parentLength = 0;
        while (parentLength < key.Length && key[parentLength] != '[' && key[parentLength] != ']')
        {
            parentLength++;
        }
        if (parentLength > 0)
        {
            var parent = key[..parentLength];
            if (PrototypeNames.Contains(parent))
            {
                return null;
            }
            keys.Add(parent);
        }

        var depth = 0;
        Match? remainder = null;
        for (var match = ChildSegment().Match(key); match.Success; match = match.NextMatch())
        {
            if (depth >= Depth)
            {
                remainder = match;
                break;
            }
            depth++;
            if (
                PrototypeNames.Contains(
                    match
                        .Value.Replace("[", "", StringComparison.Ordinal)
                        .Replace("]", "", StringComparison.Ordinal)
                )
            )
            {
                continue;
            }
            keys.Add(match.Value);
        }
        if (remainder is not null)
        {
            keys.Add("[" + key[remainder.Index..] + "]");
        }
        return ParseObject(keys, 0, value);
    }

    private static object ParseObject(List<string> chain, int at, object value)
    {
        if (at == chain.Count)
        {
            return value;
        }
        var root = chain[at];
        if (root == "[]")
        {
            var array = new JsArray();
            array.Concat(ParseObject(chain, at + 1, value));
            return array;
        }
        var cleanRoot = root.Length >= 2 && root[0] == '[' && root[^1] == ']' ? root[1..^1] : root;
        if (root != cleanRoot && IsArrayIndex(cleanRoot, out var index) && index <= ArrayLimit)
        {
            var array = new JsArray();
            array.SetAt(index, ParseObject(chain, at + 1, value));
            return array;
        }
        var obj = new JsObject();
        obj.Set(cleanRoot, ParseObject(chain, at + 1, value));
        return obj;
    }

    /// <summary>qs's <c>Utils.merge</c>.</summary>
    private static object Merge(object target, object? source)
    {
        if (source is null || (source is string s && s.Length == 0))
        {
            return target;
        }
        if (source is string or bool)
        {
            switch (target)
            {
                case JsArray targetArray:
                    targetArray.Push(source);
                    return targetArray;
                case JsObject targetObject:
                    targetObject.Set(JsString(source), true);
                    return targetObject;
                default:
                    var pair = new JsArray();
                    pair.Push(target);
                    pair.Push(source);
                    return pair;
            }
        }
        if (target is string or bool)
        {
            var combined = new JsArray();
            combined.Push(target);
            combined.Concat(source);
            return combined;
        }
        if (target is JsArray asArray && source is not JsArray)
        {
            target = asArray.ToObject();
        }
        if (source is JsArray sourceArray)
        {
            foreach (var (index, value) in sourceArray.Defined())
            {
                if (target is JsArray ta)
                {
                    var existing = ta.At(index);
                    ta.SetAt(index, existing is null ? value : Merge(existing, value));
                }
                else
                {
                    var to = (JsObject)target;
                    var key = index.ToString(CultureInfo.InvariantCulture);
                    to.Set(key, to.TryGet(key, out var existing) ? Merge(existing, value) : value);
                }
            }
            return target;
        }
        var targetObj = (JsObject)target;
        foreach (var (key, value) in ((JsObject)source).Entries())
        {
            targetObj.Set(
                key,
                targetObj.TryGet(key, out var existing) ? Merge(existing, value) : value
            );
        }
        return targetObj;
    }

    /// <summary>qs's <c>Utils.compact</c>: arrays lose their holes (their elements are not visited), objects recurse.</summary>
    private static object Compact(object value)
    {
        switch (value)
        {
            case JsArray array:
                var compacted = new JsArray();
                foreach (var (_, element) in array.Defined())
                {
                    compacted.Push(element);
                }
                return compacted;
            case JsObject obj:
                foreach (var (key, element) in obj.Entries().ToList())
                {
                    obj.Set(key, Compact(element));
                }
                return obj;
            default:
                return value;
        }
    }

    private static JsonNode? ToJson(object? value) =>
        value switch
        {
            null => null,
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            JsArray array => new JsonArray([.. array.All().Select(ToJson)]),
            JsObject obj => new JsonObject(
                obj.Entries().Select(e => KeyValuePair.Create(e.Key, ToJson(e.Value)))
            ),
            _ => null,
        };

    private static string JsString(object value) =>
        value switch
        {
            bool b => b ? "true" : "false",
            _ => (string)value,
        };

    /// <summary>True for a canonical non-negative decimal (what <c>'' + parseInt(s) === s</c> accepts).</summary>
    private static bool IsArrayIndex(string s, out int index)
    {
        index = 0;
        if (s.Length == 0 || s.Length > 9 || (s.Length > 1 && s[0] == '0'))
        {
            return false;
        }
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            index = (index * 10) + (c - '0');
        }
        return true;
    }

    /// <summary>qs 4.0 <c>decode</c>: <c>+</c> → space then <c>decodeURIComponent</c>; on failure the input unchanged.</summary>
    internal static string Decode(string s)
    {
        if (s.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return s.Replace('+', ' ');
        }
        var replaced = s.Replace('+', ' ');
        var bytes = new List<byte>();
        var sb = new StringBuilder(replaced.Length);
        var strict = new UTF8Encoding(false, true);
        for (var i = 0; i < replaced.Length; )
        {
            if (replaced[i] != '%')
            {
                sb.Append(replaced[i]);
                i++;
                continue;
            }
            bytes.Clear();
            while (i < replaced.Length && replaced[i] == '%')
            {
                if (i + 2 >= replaced.Length || !IsHex(replaced[i + 1]) || !IsHex(replaced[i + 2]))
                {
                    return s;
                }
                bytes.Add(Convert.ToByte(replaced.Substring(i + 1, 2), 16));
                i += 3;
            }
            try
            {
                sb.Append(strict.GetString(bytes.ToArray()));
            }
            catch (DecoderFallbackException)
            {
                return s;
            }
        }
        return sb.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>A JS array as qs builds it: sparse (holes are null).</summary>
    private sealed class JsArray
    {
        private readonly List<object?> items = [];

        public void Push(object? value) => items.Add(value);

        /// <summary><c>[].concat(value)</c>: spreads an array (holes kept), appends anything else.</summary>
        public void Concat(object value)
        {
            if (value is JsArray other)
            {
                items.AddRange(other.items);
            }
            else
            {
                items.Add(value);
            }
        }

        public object? At(int index) => index < items.Count ? items[index] : null;

        public void SetAt(int index, object value)
        {
            while (items.Count <= index)
            {
                items.Add(null);
            }
            items[index] = value;
        }

        public IEnumerable<(int Index, object Value)> Defined()
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } value)
                {
                    yield return (i, value);
                }
            }
        }

        public IEnumerable<object?> All() => items;

        public JsObject ToObject()
        {
            var obj = new JsObject();
            foreach (var (index, value) in Defined())
            {
                obj.Set(index.ToString(CultureInfo.InvariantCulture), value);
            }
            return obj;
        }
    }

    /// <summary>A JS object: array-index keys enumerate first in numeric order, then the others in insertion order.</summary>
    private sealed class JsObject
    {
        private readonly List<string> order = [];
        private readonly Dictionary<string, object> values = new(StringComparer.Ordinal);

        public bool TryGet(string key, out object value) => values.TryGetValue(key, out value!);

        public void Set(string key, object value)
        {
            if (!values.ContainsKey(key))
            {
                order.Add(key);
            }
            values[key] = value;
        }

        public IEnumerable<(string Key, object Value)> Entries()
        {
            var indexKeys = order
                .Where(k => IsCanonicalIndex(k))
                .OrderBy(k => ulong.Parse(k, CultureInfo.InvariantCulture));
            var others = order.Where(k => !IsCanonicalIndex(k));
            return indexKeys.Concat(others).Select(k => (k, values[k]));
        }

        private static bool IsCanonicalIndex(string k) =>
            k.Length is > 0 and <= 10
            && k.All(char.IsAsciiDigit)
            && (k.Length == 1 || k[0] != '0')
            && ulong.Parse(k, CultureInfo.InvariantCulture) < uint.MaxValue;
    }
}
