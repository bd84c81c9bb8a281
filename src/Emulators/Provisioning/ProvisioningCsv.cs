using System.Text;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// CSV as the Provisioning API reads and writes it (RFC 4180): a field holding a comma, a double quote, CR or LF is
/// written in double quotes with inner quotes doubled; lines end with CRLF on output and CRLF or LF on input.
/// </summary>
internal static class ProvisioningCsv
{
    /// <summary>One output line (without its line end).</summary>
    public static string Line(params string[] fields) => string.Join(',', fields.Select(Field));

    /// <summary>The rows of a CSV body; blank lines are skipped; an unterminated quote runs to the end.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var rowHasContent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    rowHasContent = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    rowHasContent = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    break;
                default:
                    field.Append(c);
                    rowHasContent = true;
                    break;
            }
        }
        EndRow();
        return rows;

        void EndRow()
        {
            if (rowHasContent || field.Length > 0)
            {
                row.Add(field.ToString());
                rows.Add([.. row]);
            }
            row.Clear();
            field.Clear();
            rowHasContent = false;
        }
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
