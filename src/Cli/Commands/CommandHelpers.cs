using System.Text.Json.Nodes;
using Functional.Cli.Output;

namespace Functional.Cli.Commands;

/// <summary>Helpers shared by the command groups: key/value results and reading input files.</summary>
internal static class CommandHelpers
{
    /// <summary>A two-column <c>Field</c>/<c>Value</c> table of <paramref name="rows"/>.</summary>
    public static void FieldTable(
        CliOutput output,
        IEnumerable<(string Field, string Value)> rows
    ) =>
        output.Table(
            ["Field", "Value"],
            rows.Select(r => (IReadOnlyList<string>)[r.Field, r.Value])
        );

    /// <summary>A single object: a <c>Field</c>/<c>Value</c> table, or <paramref name="json"/> under <c>--json</c>.</summary>
    public static void FieldsOrJson(
        CliContext context,
        JsonObject json,
        IEnumerable<(string Field, string Value)> rows
    )
    {
        if (context.Output.Json)
        {
            context.Output.WriteJson(json);
            return;
        }
        FieldTable(context.Output, rows);
    }

    /// <summary>The text of <paramref name="path"/>, or standard input for <c>-</c>.</summary>
    public static async Task<string> ReadTextAsync(
        CliContext context,
        string path,
        CancellationToken ct
    ) =>
        path == "-"
            ? await context.Host.In.ReadToEndAsync(ct).ConfigureAwait(false)
            : await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
}
