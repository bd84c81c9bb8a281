using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;
using Functional.Core.Provisioning;
using Functional.Facade.Provisioning;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// What every <c>provision</c> command shares: the credential options, the action wrapper (opens the Provisioning
/// target, names the subject in API error messages), paging, input files and key/value output.
/// </summary>
internal static class ProvisioningCli
{
    /// <summary>The size of one page when a command reads a whole listing.</summary>
    public const int PageSize = 1000;

    /// <summary><c>--vendor-token</c> (recursive on <c>provision</c>).</summary>
    public static Option<string?> VendorToken { get; } =
        new("--vendor-token")
        {
            Description =
                "Vendor token (X-Exosite-Token). Default: $FXO_VENDOR_TOKEN, provision.token in the config file, else --cik; with neither, the embedded emulator's token.",
            Recursive = true,
        };

    /// <summary><c>--cik</c> (recursive on <c>provision</c>): manage with the vendor's CIK instead of a token.</summary>
    public static Option<string?> Cik { get; } =
        new("--cik")
        {
            Description =
                "Manage with the vendor client's CIK (X-Exosite-CIK) or a key name from the config file, instead of a vendor token.",
            Recursive = true,
        };

    /// <summary>
    /// The action for a command that talks to the Provisioning API: opens the target, runs
    /// <paramref name="body"/>, and reports an API refusal as <c>fxo: &lt;subject&gt;: &lt;status&gt;: &lt;message&gt;</c> with exit code 1.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(
        CliHost host,
        Func<ParseResult, string> subject,
        Func<CliContext, ProvisioningTarget, CancellationToken, Task<int>> body
    ) =>
        CliRun.Action(
            host,
            async (context, ct) =>
            {
                await using var target = await context
                    .OpenProvisioningAsync(
                        context.Parse.GetValue(VendorToken),
                        context.Parse.GetValue(Cik),
                        ct
                    )
                    .ConfigureAwait(false);
                try
                {
                    return await body(context, target, ct).ConfigureAwait(false);
                }
                catch (ProvisioningException e)
                {
                    await context
                        .Host.Error.WriteLineAsync($"fxo: {subject(context.Parse)}: {Explain(e)}")
                        .ConfigureAwait(false);
                    return ExitCodes.ApiError;
                }
            }
        );

    /// <summary>What an API error names: the model, and <c>&lt;kind&gt; '&lt;item&gt;'</c> when an item is given.</summary>
    public static string ModelSubject(
        ParseResult p,
        Argument<string> model,
        string kind,
        Argument<string>? item
    ) =>
        item is null
            ? $"model '{p.GetValue(model)}'"
            : $"model '{p.GetValue(model)}', {kind} '{p.GetValue(item)}'";

    /// <summary>
    /// The outcome of a change to one named thing: <c>&lt;kind&gt; '&lt;name&gt;' &lt;done&gt;</c>, or
    /// <c>{"&lt;key&gt;": name, "done"}</c> under <c>--json</c>.
    /// </summary>
    public static void Changed(
        CliContext context,
        string kind,
        string key,
        string name,
        string done
    ) => Done(context, $"{kind} '{name}' {done}", new JsonObject { [key] = name, ["done"] = done });

    /// <summary>
    /// The outcome of creating or deleting an item of a model: <c>&lt;kind&gt; '&lt;id&gt;' &lt;done&gt;
    /// &lt;preposition&gt; model '&lt;model&gt;'</c>, or <c>{"model", "&lt;key&gt;", "done"}</c> under <c>--json</c>.
    /// </summary>
    public static void ModelItemDone(
        CliContext context,
        string model,
        string kind,
        string key,
        string id,
        string done,
        string preposition
    ) =>
        Done(
            context,
            $"{kind} '{id}' {done} {preposition} model '{model}'",
            new JsonObject
            {
                ["model"] = model,
                [key] = id,
                ["done"] = done,
            }
        );

    /// <summary>The <c>delete</c> command of an item of a model (a content item, a group).</summary>
    public static Command DeleteModelItem(
        CliHost host,
        string description,
        Argument<string> item,
        string kind,
        string key,
        Func<ProvisioningTarget, string, string, CancellationToken, Task> delete
    )
    {
        var model = ModelArgument();
        var command = new Command("delete", description) { model, item };
        command.SetAction(
            Action(
                host,
                p => ModelSubject(p, model, kind, item),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var id = context.Parse.GetRequiredValue(item);
                    await delete(target, name, id, ct).ConfigureAwait(false);
                    ModelItemDone(context, name, kind, key, id, "deleted", "from");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    /// <summary>The <c>groups</c> command of an item of a model (a content item, a serial number).</summary>
    public static Command ItemGroups(
        CliHost host,
        string description,
        Argument<string> item,
        string kind,
        Func<
            ProvisioningTarget,
            string,
            string,
            ProvisioningPage,
            CancellationToken,
            Task<IReadOnlyList<string>>
        > list
    )
    {
        var model = ModelArgument();
        var offset = OffsetOption();
        var limit = LimitOption();
        var command = new Command("groups", description) { model, item, offset, limit };
        command.SetAction(
            Action(
                host,
                p => ModelSubject(p, model, kind, item),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var id = context.Parse.GetRequiredValue(item);
                    Column(
                        context,
                        "Group",
                        await PagedAsync(
                                context,
                                "groups",
                                context.Parse.GetValue(offset),
                                context.Parse.GetValue(limit),
                                page => list(target, name, id, page, ct)
                            )
                            .ConfigureAwait(false)
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    /// <summary>The server's refusal in words, with a hint for the common statuses.</summary>
    public static string Explain(ProvisioningException e) =>
        e.Status switch
        {
            404 => $"not found ({e.Message})",
            403 =>
                $"forbidden: check the vendor token or CIK (vendor tokens and registration need the vendor's --cik) and that the model belongs to this vendor ({e.Message})",
            409 => $"conflict: it already exists or is not in the state this needs ({e.Message})",
            400 => $"refused: unknown vendor, model or item, or a bad value ({e.Message})",
            _ => e.Message,
        };

    /// <summary>A positional argument holding a model name.</summary>
    public static Argument<string> ModelArgument() =>
        new("model") { Description = "The client model's name." };

    /// <summary>A positional argument holding one serial number.</summary>
    public static Argument<string> SerialArgument() =>
        new("sn") { Description = "The serial number." };

    /// <summary><c>--offset</c>: where a listing starts.</summary>
    public static Option<int> OffsetOption() =>
        new("--offset")
        {
            Description = "Skip this many entries (default 0).",
            Validators =
            {
                r =>
                {
                    if (r.GetValueOrDefault<int>() < 0)
                    {
                        r.AddError("--offset: must not be negative");
                    }
                },
            },
        };

    /// <summary><c>--limit</c>: one page of at most this many entries (else the whole listing, page by page).</summary>
    public static Option<int?> LimitOption() =>
        new("--limit")
        {
            Description =
                "Return at most this many entries (1..1000) in one request; without it, the whole listing is read page by page.",
            Validators =
            {
                r =>
                {
                    if (r.GetValueOrDefault<int?>() is { } v && (v < 1 || v > PageSize))
                    {
                        r.AddError("--limit: must be between 1 and 1000");
                    }
                },
            },
        };

    /// <summary>
    /// One page (<paramref name="limit"/> given) or every entry from <paramref name="offset"/> on, page by page with a
    /// progress bar. The server answers at least 5 entries per page, so a short limit is applied here too.
    /// </summary>
    public static async Task<List<T>> PagedAsync<T>(
        CliContext context,
        string label,
        int offset,
        int? limit,
        Func<ProvisioningPage, Task<IReadOnlyList<T>>> fetch
    )
    {
        if (limit is { } l)
        {
            var page = await fetch(ProvisioningPage.Of(offset, l)).ConfigureAwait(false);
            return page.Take(l).ToList();
        }
        var all = new List<T>();
        using var bar = context.Progress(label, null);
        while (true)
        {
            var page = await fetch(ProvisioningPage.Of(offset + all.Count, PageSize))
                .ConfigureAwait(false);
            all.AddRange(page);
            bar.Advance(page.Count);
            if (page.Count < PageSize)
            {
                return all;
            }
        }
    }

    /// <summary>A single object: a <c>Field</c>/<c>Value</c> table, or <paramref name="json"/> under <c>--json</c>.</summary>
    public static void Fields(
        CliContext context,
        IEnumerable<(string Field, string Value)> rows,
        JsonObject json
    ) => CommandHelpers.FieldsOrJson(context, json, rows);

    /// <summary>A one-column list (<c>[{"&lt;header&gt;": value}, …]</c> under <c>--json</c>).</summary>
    public static void Column(CliContext context, string header, IEnumerable<string> values) =>
        context.Output.Table([header], values.Select(v => (IReadOnlyList<string>)[v]));

    /// <summary>The outcome of a change: <paramref name="message"/>, or <paramref name="json"/> under <c>--json</c>.</summary>
    public static void Done(CliContext context, string message, JsonObject json)
    {
        if (context.Output.Json)
        {
            context.Output.WriteJson(json);
        }
        else
        {
            context.Output.Line(message);
        }
    }

    /// <summary>The text of <paramref name="path"/>, or standard input for <c>-</c>.</summary>
    public static Task<string> ReadTextAsync(
        CliContext context,
        string path,
        CancellationToken ct
    ) => CommandHelpers.ReadTextAsync(context, path, ct);

    /// <summary>
    /// The bytes of <paramref name="path"/>, or of standard input for null or <c>-</c> (read as raw bytes from the
    /// process's standard input; a test host's text input is taken as UTF-8).
    /// </summary>
    public static async Task<byte[]> ReadBytesAsync(
        CliContext context,
        string? path,
        CancellationToken ct
    )
    {
        if (path is not null && path != "-")
        {
            return await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        }
        if (ReferenceEquals(context.Host.In, Console.In))
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            await stdin.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return buffer.ToArray();
        }
        return Encoding.UTF8.GetBytes(
            await context.Host.In.ReadToEndAsync(ct).ConfigureAwait(false)
        );
    }

    /// <summary>CSV records of <paramref name="text"/> (quoted fields allowed); blank lines are skipped.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Csv(string text, string option) =>
        ProvisioningResponses
            .ParseCsv(text)
            .Match(
                rows =>
                    rows.Map(r => (IReadOnlyList<string>)r.ToArray())
                        .Where(r => r.Count > 1 || (r.Count == 1 && r[0].Trim().Length > 0))
                        .ToList(),
                e => throw new CliUsageException($"{option}: not valid CSV: {e.Message}")
            );

    /// <summary>The value, or null.</summary>
    public static string? OrNull(this LanguageExt.Option<string> value) =>
        value.MatchUnsafe(v => v, () => null);

    /// <summary>The value, or empty.</summary>
    public static string OrEmpty(this LanguageExt.Option<string> value) => value.IfNone("");

    /// <summary>A JSON string or null.</summary>
    public static JsonNode? Json(string? value) => value is null ? null : JsonValue.Create(value);

    /// <summary>yes / no.</summary>
    public static string YesNo(bool value) => value ? "yes" : "no";
}
