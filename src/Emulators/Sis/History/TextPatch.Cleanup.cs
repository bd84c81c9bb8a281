namespace Functional.Emulators.Sis.History;

internal static partial class TextPatch
{
    /// <summary>diff-match-patch's <c>diff_cleanupMerge</c> and <c>diff_cleanupSemantic</c> (with its lossless pass and overlap elimination).</summary>
    private static class Cleanup
    {
        public static List<Diff> From(List<(Op Op, string Text)> diffs) =>
            [.. diffs.Select(d => new Diff(d.Op, d.Text))];

        public static List<(Op Op, string Text)> To(List<Diff> diffs) =>
            [.. diffs.Select(d => (d.Op, d.Text))];

        public static List<Diff> Merge(List<Diff> diffs)
        {
            diffs.Add(new Diff(Op.Equal, ""));
            var pointer = 0;
            var countDelete = 0;
            var countInsert = 0;
            var textDelete = "";
            var textInsert = "";
            while (pointer < diffs.Count)
            {
                switch (diffs[pointer].Op)
                {
                    case Op.Insert:
                        countInsert++;
                        textInsert += diffs[pointer].Text;
                        pointer++;
                        break;
                    case Op.Delete:
                        countDelete++;
                        textDelete += diffs[pointer].Text;
                        pointer++;
                        break;
                    default:
                        if (countDelete + countInsert > 1)
                        {
                            if (countDelete != 0 && countInsert != 0)
                            {
                                var common = CommonPrefix(textInsert, textDelete);
                                if (common != 0)
                                {
                                    var before = pointer - countDelete - countInsert - 1;
                                    if (before >= 0 && diffs[before].Op == Op.Equal)
                                    {
                                        diffs[before].Text += textInsert[..common];
                                    }
                                    else
                                    {
                                        diffs.Insert(0, new Diff(Op.Equal, textInsert[..common]));
                                        pointer++;
                                    }
                                    textInsert = textInsert[common..];
                                    textDelete = textDelete[common..];
                                }
                                common = CommonSuffix(textInsert, textDelete);
                                if (common != 0)
                                {
                                    diffs[pointer].Text =
                                        textInsert[(textInsert.Length - common)..]
                                        + diffs[pointer].Text;
                                    textInsert = textInsert[..(textInsert.Length - common)];
                                    textDelete = textDelete[..(textDelete.Length - common)];
                                }
                            }
                            pointer -= countDelete + countInsert;
                            diffs.RemoveRange(pointer, countDelete + countInsert);
                            if (textDelete.Length > 0)
                            {
                                diffs.Insert(pointer, new Diff(Op.Delete, textDelete));
                                pointer++;
                            }
                            if (textInsert.Length > 0)
                            {
                                diffs.Insert(pointer, new Diff(Op.Insert, textInsert));
                                pointer++;
                            }
                            pointer++;
                        }
                        else if (pointer != 0 && diffs[pointer - 1].Op == Op.Equal)
                        {
                            diffs[pointer - 1].Text += diffs[pointer].Text;
                            diffs.RemoveAt(pointer);
                        }
                        else
                        {
                            pointer++;
                        }
                        countInsert = 0;
                        countDelete = 0;
                        textDelete = "";
                        textInsert = "";
                        break;
                }
            }
            if (diffs.Count > 0 && diffs[^1].Text.Length == 0)
            {
                diffs.RemoveAt(diffs.Count - 1);
            }
            // Single edits surrounded by equalities are shifted sideways to eliminate an equality.
            var changes = false;
            pointer = 1;
            while (pointer < diffs.Count - 1)
            {
                var previous = diffs[pointer - 1];
                var current = diffs[pointer];
                var next = diffs[pointer + 1];
                if (previous.Op == Op.Equal && next.Op == Op.Equal)
                {
                    if (current.Text.EndsWith(previous.Text, StringComparison.Ordinal))
                    {
                        current.Text =
                            previous.Text
                            + current.Text[..(current.Text.Length - previous.Text.Length)];
                        next.Text = previous.Text + next.Text;
                        diffs.RemoveAt(pointer - 1);
                        changes = true;
                    }
                    else if (current.Text.StartsWith(next.Text, StringComparison.Ordinal))
                    {
                        previous.Text += next.Text;
                        current.Text = current.Text[next.Text.Length..] + next.Text;
                        diffs.RemoveAt(pointer + 1);
                        changes = true;
                    }
                }
                pointer++;
            }
            return changes ? Merge(diffs) : diffs;
        }

        public static void Semantic(List<Diff> diffs)
        {
            var changes = false;
            var equalities = new Stack<int>();
            string? lastEquality = null;
            var pointer = 0;
            int insertions1 = 0,
                deletions1 = 0,
                insertions2 = 0,
                deletions2 = 0;
            while (pointer < diffs.Count)
            {
                if (diffs[pointer].Op == Op.Equal)
                {
                    equalities.Push(pointer);
                    insertions1 = insertions2;
                    deletions1 = deletions2;
                    insertions2 = 0;
                    deletions2 = 0;
                    lastEquality = diffs[pointer].Text;
                }
                else
                {
                    if (diffs[pointer].Op == Op.Insert)
                    {
                        insertions2 += diffs[pointer].Text.Length;
                    }
                    else
                    {
                        deletions2 += diffs[pointer].Text.Length;
                    }
                    if (
                        !string.IsNullOrEmpty(lastEquality)
                        && lastEquality.Length <= Math.Max(insertions1, deletions1)
                        && lastEquality.Length <= Math.Max(insertions2, deletions2)
                    )
                    {
                        var at = equalities.Pop();
                        diffs.Insert(at, new Diff(Op.Delete, lastEquality));
                        diffs[at + 1].Op = Op.Insert;
                        if (equalities.Count > 0)
                        {
                            equalities.Pop();
                        }
                        pointer = equalities.Count > 0 ? equalities.Peek() : -1;
                        insertions1 = deletions1 = insertions2 = deletions2 = 0;
                        lastEquality = null;
                        changes = true;
                    }
                }
                pointer++;
            }
            if (changes)
            {
                var merged = Merge(diffs);
                if (!ReferenceEquals(merged, diffs))
                {
                    diffs.Clear();
                    diffs.AddRange(merged);
                }
            }
            SemanticLossless(diffs);
            EliminateOverlaps(diffs);
        }

        private static void SemanticLossless(List<Diff> diffs)
        {
            var pointer = 1;
            while (pointer < diffs.Count - 1)
            {
                if (diffs[pointer - 1].Op == Op.Equal && diffs[pointer + 1].Op == Op.Equal)
                {
                    var equality1 = diffs[pointer - 1].Text;
                    var edit = diffs[pointer].Text;
                    var equality2 = diffs[pointer + 1].Text;
                    var offset = CommonSuffix(equality1, edit);
                    if (offset > 0)
                    {
                        var common = edit[(edit.Length - offset)..];
                        equality1 = equality1[..(equality1.Length - offset)];
                        edit = common + edit[..(edit.Length - offset)];
                        equality2 = common + equality2;
                    }
                    var bestEquality1 = equality1;
                    var bestEdit = edit;
                    var bestEquality2 = equality2;
                    var bestScore = Score(equality1, edit) + Score(edit, equality2);
                    while (edit.Length > 0 && equality2.Length > 0 && edit[0] == equality2[0])
                    {
                        equality1 += edit[0];
                        edit = edit[1..] + equality2[0];
                        equality2 = equality2[1..];
                        var score = Score(equality1, edit) + Score(edit, equality2);
                        if (score >= bestScore)
                        {
                            bestScore = score;
                            bestEquality1 = equality1;
                            bestEdit = edit;
                            bestEquality2 = equality2;
                        }
                    }
                    if (diffs[pointer - 1].Text != bestEquality1)
                    {
                        if (bestEquality1.Length > 0)
                        {
                            diffs[pointer - 1].Text = bestEquality1;
                        }
                        else
                        {
                            diffs.RemoveAt(pointer - 1);
                            pointer--;
                        }
                        diffs[pointer].Text = bestEdit;
                        if (bestEquality2.Length > 0)
                        {
                            diffs[pointer + 1].Text = bestEquality2;
                        }
                        else
                        {
                            diffs.RemoveAt(pointer + 1);
                            pointer--;
                        }
                    }
                }
                pointer++;
            }
        }

        private static void EliminateOverlaps(List<Diff> diffs)
        {
            var pointer = 1;
            while (pointer < diffs.Count)
            {
                if (diffs[pointer - 1].Op == Op.Delete && diffs[pointer].Op == Op.Insert)
                {
                    var deletion = diffs[pointer - 1].Text;
                    var insertion = diffs[pointer].Text;
                    var overlap1 = CommonOverlap(deletion, insertion);
                    var overlap2 = CommonOverlap(insertion, deletion);
                    if (overlap1 >= overlap2)
                    {
                        if (overlap1 >= deletion.Length / 2.0 || overlap1 >= insertion.Length / 2.0)
                        {
                            diffs.Insert(pointer, new Diff(Op.Equal, insertion[..overlap1]));
                            diffs[pointer - 1].Text = deletion[..(deletion.Length - overlap1)];
                            diffs[pointer + 1].Text = insertion[overlap1..];
                            pointer++;
                        }
                    }
                    else if (
                        overlap2 >= deletion.Length / 2.0
                        || overlap2 >= insertion.Length / 2.0
                    )
                    {
                        diffs.Insert(pointer, new Diff(Op.Equal, deletion[..overlap2]));
                        diffs[pointer - 1].Op = Op.Insert;
                        diffs[pointer - 1].Text = insertion[..(insertion.Length - overlap2)];
                        diffs[pointer + 1].Op = Op.Delete;
                        diffs[pointer + 1].Text = deletion[overlap2..];
                        pointer++;
                    }
                    pointer++;
                }
                pointer++;
            }
        }

        /// <summary>How good a boundary between <paramref name="one"/> and <paramref name="two"/> is (6 best, 0 worst).</summary>
        private static int Score(string one, string two)
        {
            if (one.Length == 0 || two.Length == 0)
            {
                return 6;
            }
            var char1 = one[^1];
            var char2 = two[0];
            var nonAlphaNumeric1 = !char.IsAsciiLetterOrDigit(char1);
            var nonAlphaNumeric2 = !char.IsAsciiLetterOrDigit(char2);
            var whitespace1 = nonAlphaNumeric1 && char.IsWhiteSpace(char1);
            var whitespace2 = nonAlphaNumeric2 && char.IsWhiteSpace(char2);
            var lineBreak1 = whitespace1 && char1 is '\r' or '\n';
            var lineBreak2 = whitespace2 && char2 is '\r' or '\n';
            var blankLine1 =
                lineBreak1
                && (
                    one.EndsWith("\n\n", StringComparison.Ordinal)
                    || one.EndsWith("\n\r\n", StringComparison.Ordinal)
                );
            var blankLine2 =
                lineBreak2
                && (
                    two.StartsWith("\n\n", StringComparison.Ordinal)
                    || two.StartsWith("\r\n\n", StringComparison.Ordinal)
                    || two.StartsWith("\n\r\n", StringComparison.Ordinal)
                    || two.StartsWith("\r\n\r\n", StringComparison.Ordinal)
                );
            if (blankLine1 || blankLine2)
            {
                return 5;
            }
            if (lineBreak1 || lineBreak2)
            {
                return 4;
            }
            if (nonAlphaNumeric1 && !whitespace1 && whitespace2)
            {
                return 3;
            }
            if (whitespace1 || whitespace2)
            {
                return 2;
            }
            return nonAlphaNumeric1 || nonAlphaNumeric2 ? 1 : 0;
        }

        private static int CommonPrefix(string a, string b)
        {
            var n = 0;
            while (n < a.Length && n < b.Length && a[n] == b[n])
            {
                n++;
            }
            return n;
        }

        private static int CommonSuffix(string a, string b)
        {
            var n = 0;
            while (n < a.Length && n < b.Length && a[a.Length - 1 - n] == b[b.Length - 1 - n])
            {
                n++;
            }
            return n;
        }

        /// <summary>The length of the longest suffix of <paramref name="a"/> that is a prefix of <paramref name="b"/>.</summary>
        private static int CommonOverlap(string a, string b)
        {
            for (var length = Math.Min(a.Length, b.Length); length > 0; length--)
            {
                if (a.EndsWith(b[..length], StringComparison.Ordinal))
                {
                    return length;
                }
            }
            return 0;
        }
    }

    private sealed class Diff(Op op, string text)
    {
        public Op Op { get; set; } = op;

        public string Text { get; set; } = text;
    }
}
