using System.Globalization;
using System.Text;

namespace Functional.Emulators.Sis.History;

/// <summary>
/// The text patches jsondiffpatch stores for long string edits: diff-match-patch's <c>patch_toText(patch_make(a, b))</c>
/// (hunks <c>@@ -start,len +start,len @@</c>, lines <c>' '</c>/<c>'+'</c>/<c>'-'</c> + encodeURI'd text, 4 characters
/// of context grown until the hunk's anchor is unique, as diff-match-patch does).
/// </summary>
/// <remarks>
/// The character diff is a Myers diff between the common prefix and suffix followed by diff-match-patch's merge and
/// semantic cleanups; its half-match speed-up, line mode and efficiency cleanup are not reproduced, so some messy edits
/// give different (still correct) hunks than the real library.
/// </remarks>
internal static partial class TextPatch
{
    private const int PatchMargin = 4;
    private const int MatchMaxBits = 32;
    private const int MaxEditDistance = 1000;

    private enum Op
    {
        Delete,
        Insert,
        Equal,
    }

    /// <summary>The patch text that turns <paramref name="text1"/> into <paramref name="text2"/> ("" when equal).</summary>
    public static string Make(string text1, string text2)
    {
        var diffs = DiffMain(text1, text2);
        var text = new StringBuilder();
        foreach (var patch in MakePatches(text1, diffs))
        {
            patch.Write(text);
        }
        return text.ToString();
    }

    private static List<(Op Op, string Text)> DiffMain(string a, string b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (
            suffix < a.Length - prefix
            && suffix < b.Length - prefix
            && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]
        )
        {
            suffix++;
        }
        var middleA = a[prefix..(a.Length - suffix)];
        var middleB = b[prefix..(b.Length - suffix)];
        var raw = new List<(Op, string)>();
        if (prefix > 0)
        {
            raw.Add((Op.Equal, a[..prefix]));
        }
        raw.AddRange(Myers(middleA, middleB));
        if (suffix > 0)
        {
            raw.Add((Op.Equal, a[(a.Length - suffix)..]));
        }
        var diffs = Cleanup.Merge(Cleanup.From(Merge(raw)));
        if (diffs.Count > 2)
        {
            Cleanup.Semantic(diffs);
        }
        return Cleanup.To(diffs);
    }

    /// <summary>Myers' O(ND) diff, character by character; a plain replacement when the edit distance is large.</summary>
    private static List<(Op, string)> Myers(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return Replace(a, b);
        }
        var n = a.Length;
        var m = b.Length;
        var max = Math.Min(n + m, MaxEditDistance);
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                int x =
                    k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                        ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
            trace.Add((int[])v.Clone());
        }
        if (found < 0)
        {
            return Replace(a, b);
        }
        var ops = new List<(Op, string)>();
        int cx = n,
            cy = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d - 1];
            var k = cx - cy;
            var prevK =
                k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1])
                    ? k + 1
                    : k - 1;
            var prevX = previous[offset + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                ops.Add((Op.Equal, a[cx - 1].ToString()));
                cx--;
                cy--;
            }
            if (prevK == k + 1)
            {
                ops.Add((Op.Insert, b[prevY].ToString()));
            }
            else
            {
                ops.Add((Op.Delete, a[prevX].ToString()));
            }
            cx = prevX;
            cy = prevY;
        }
        while (cx > 0 && cy > 0)
        {
            ops.Add((Op.Equal, a[cx - 1].ToString()));
            cx--;
            cy--;
        }
        ops.Reverse();
        return ops;
    }

    private static List<(Op, string)> Replace(string a, string b)
    {
        var ops = new List<(Op, string)>();
        if (a.Length > 0)
        {
            ops.Add((Op.Delete, a));
        }
        if (b.Length > 0)
        {
            ops.Add((Op.Insert, b));
        }
        return ops;
    }

    /// <summary>Joins runs like diff-match-patch's cleanupMerge: each edit run is one deletion then one insertion.</summary>
    private static List<(Op Op, string Text)> Merge(List<(Op Op, string Text)> raw)
    {
        var result = new List<(Op, string)>();
        var deleted = new StringBuilder();
        var inserted = new StringBuilder();
        var equal = new StringBuilder();
        void FlushEdits()
        {
            if (deleted.Length > 0)
            {
                result.Add((Op.Delete, deleted.ToString()));
            }
            if (inserted.Length > 0)
            {
                result.Add((Op.Insert, inserted.ToString()));
            }
            deleted.Clear();
            inserted.Clear();
        }
        void FlushEqual()
        {
            if (equal.Length > 0)
            {
                result.Add((Op.Equal, equal.ToString()));
            }
            equal.Clear();
        }
        foreach (var (op, text) in raw)
        {
            switch (op)
            {
                case Op.Equal:
                    FlushEdits();
                    equal.Append(text);
                    break;
                case Op.Delete:
                    FlushEqual();
                    deleted.Append(text);
                    break;
                default:
                    FlushEqual();
                    inserted.Append(text);
                    break;
            }
        }
        FlushEdits();
        FlushEqual();
        return result;
    }

    /// <summary>diff-match-patch's <c>patch_make(text1, diffs)</c>.</summary>
    private static List<Patch> MakePatches(string text1, List<(Op Op, string Text)> diffs)
    {
        var patches = new List<Patch>();
        if (diffs.Count == 0)
        {
            return patches;
        }
        var patch = new Patch();
        var charCount1 = 0;
        var charCount2 = 0;
        var prepatch = text1;
        var postpatch = text1;
        for (var x = 0; x < diffs.Count; x++)
        {
            var (op, text) = diffs[x];
            if (patch.Diffs.Count == 0 && op != Op.Equal)
            {
                patch.Start1 = charCount1;
                patch.Start2 = charCount2;
            }
            switch (op)
            {
                case Op.Insert:
                    patch.Diffs.Add((op, text));
                    patch.Length2 += text.Length;
                    postpatch = postpatch[..charCount2] + text + postpatch[charCount2..];
                    break;
                case Op.Delete:
                    patch.Length1 += text.Length;
                    patch.Diffs.Add((op, text));
                    postpatch = postpatch[..charCount2] + postpatch[(charCount2 + text.Length)..];
                    break;
                default:
                    if (
                        text.Length <= 2 * PatchMargin
                        && patch.Diffs.Count > 0
                        && diffs.Count != x + 1
                    )
                    {
                        patch.Diffs.Add((op, text));
                        patch.Length1 += text.Length;
                        patch.Length2 += text.Length;
                    }
                    else if (text.Length >= 2 * PatchMargin && patch.Diffs.Count > 0)
                    {
                        AddContext(patch, prepatch);
                        patches.Add(patch);
                        patch = new Patch();
                        prepatch = postpatch;
                        charCount1 = charCount2;
                    }
                    break;
            }
            if (op != Op.Insert)
            {
                charCount1 += text.Length;
            }
            if (op != Op.Delete)
            {
                charCount2 += text.Length;
            }
        }
        if (patch.Diffs.Count > 0)
        {
            AddContext(patch, prepatch);
            patches.Add(patch);
        }
        return patches;
    }

    /// <summary>diff-match-patch's <c>patch_addContext_</c>.</summary>
    private static void AddContext(Patch patch, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        var pattern = Substring(text, patch.Start2, patch.Start2 + patch.Length1);
        var padding = 0;
        while (
            !IsUnique(text, pattern) && pattern.Length < MatchMaxBits - PatchMargin - PatchMargin
        )
        {
            padding += PatchMargin;
            pattern = Substring(
                text,
                patch.Start2 - padding,
                patch.Start2 + patch.Length1 + padding
            );
        }
        padding += PatchMargin;
        var prefix = Substring(text, patch.Start2 - padding, patch.Start2);
        if (prefix.Length > 0)
        {
            patch.Diffs.Insert(0, (Op.Equal, prefix));
        }
        var suffix = Substring(
            text,
            patch.Start2 + patch.Length1,
            patch.Start2 + patch.Length1 + padding
        );
        if (suffix.Length > 0)
        {
            patch.Diffs.Add((Op.Equal, suffix));
        }
        patch.Start1 -= prefix.Length;
        patch.Start2 -= prefix.Length;
        patch.Length1 += prefix.Length + suffix.Length;
        patch.Length2 += prefix.Length + suffix.Length;
    }

    /// <summary>JavaScript's <c>text.indexOf(p) == text.lastIndexOf(p)</c>.</summary>
    private static bool IsUnique(string text, string pattern)
    {
        if (pattern.Length == 0)
        {
            return text.Length == 0;
        }
        return text.IndexOf(pattern, StringComparison.Ordinal)
            == text.LastIndexOf(pattern, StringComparison.Ordinal);
    }

    /// <summary>JavaScript's <c>substring</c>: bounds clamped to the text, swapped when reversed.</summary>
    private static string Substring(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, 0, text.Length);
        if (start > end)
        {
            (start, end) = (end, start);
        }
        return text[start..end];
    }

    /// <summary>JavaScript's <c>encodeURI</c> (UTF-8 percent-encoding outside its reserved and unreserved sets).</summary>
    private static string EncodeUri(string text)
    {
        const string Kept = "-_.!~*'();/?:@&=+$,#";
        var result = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (
                rune.IsAscii
                && (
                    char.IsAsciiLetterOrDigit((char)rune.Value)
                    || Kept.Contains((char)rune.Value, StringComparison.Ordinal)
                )
            )
            {
                result.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                result.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return result.ToString();
    }

    private sealed class Patch
    {
        public List<(Op Op, string Text)> Diffs { get; } = [];

        public int Start1 { get; set; }

        public int Start2 { get; set; }

        public int Length1 { get; set; }

        public int Length2 { get; set; }

        public void Write(StringBuilder text)
        {
            text.Append("@@ -")
                .Append(Coordinates(Start1, Length1))
                .Append(" +")
                .Append(Coordinates(Start2, Length2))
                .Append(" @@\n");
            foreach (var (op, part) in Diffs)
            {
                var sign = op switch
                {
                    Op.Insert => '+',
                    Op.Delete => '-',
                    _ => ' ',
                };
                text.Append(sign)
                    .Append(EncodeUri(part).Replace("%20", " ", StringComparison.Ordinal))
                    .Append('\n');
            }
        }

        private static string Coordinates(int start, int length) =>
            length switch
            {
                0 => start.ToString(CultureInfo.InvariantCulture) + ",0",
                1 => (start + 1).ToString(CultureInfo.InvariantCulture),
                _ => (start + 1).ToString(CultureInfo.InvariantCulture)
                    + ","
                    + length.ToString(CultureInfo.InvariantCulture),
            };
    }
}
