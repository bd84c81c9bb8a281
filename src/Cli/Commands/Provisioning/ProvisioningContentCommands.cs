using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Core.Provisioning;
using static Functional.Cli.Commands.Provisioning.ProvisioningCli;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// <c>fxo provision content</c>: a model's downloadable content (spec §3.4) — list, info (<c>{"id", "type", "size",
/// "updated", "meta", "protected"}</c>), create, upload (file or standard input, <c>--type</c>), download (to a file
/// with <c>--output</c>, or to standard output: text as is; binary only when standard output is not a terminal),
/// delete, groups.
/// </summary>
internal static class ProvisioningContentCommands
{
    /// <summary>The <c>content</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "content",
            "Content (firmware, files) that a model's devices may download."
        );
        group.Subcommands.Add(List(host));
        group.Subcommands.Add(Info(host));
        group.Subcommands.Add(Create(host));
        group.Subcommands.Add(Upload(host));
        group.Subcommands.Add(Download(host));
        group.Subcommands.Add(Delete(host));
        group.Subcommands.Add(Groups(host));
        return group;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The content id." };

    private static string Subject(
        ParseResult p,
        Argument<string> model,
        Argument<string>? id = null
    ) => ModelSubject(p, model, "content", id);

    private static Command List(CliHost host)
    {
        var model = ModelArgument();
        var sn = new Option<string?>("--sn")
        {
            Description = "Only the content this serial number may download.",
        };
        var command = new Command("list", "List a model's content ids.") { model, sn };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var ids = context.Parse.GetValue(sn) is { } serial
                        ? await target
                            .Client.ListSerialNumberContentAsync(target.Auth, name, serial, ct)
                            .ConfigureAwait(false)
                        : await target
                            .Client.ListContentAsync(target.Auth, name, ct)
                            .ConfigureAwait(false);
                    Column(context, "ID", ids);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Info(CliHost host)
    {
        var model = ModelArgument();
        var id = IdArgument();
        var command = new Command(
            "info",
            "Show a content item's media type, size, upload time, meta and protection."
        )
        {
            model,
            id,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, id),
                async (context, target, ct) =>
                {
                    var contentId = context.Parse.GetRequiredValue(id);
                    var info = await target
                        .Client.GetContentInfoAsync(
                            target.Auth,
                            context.Parse.GetRequiredValue(model),
                            contentId,
                            ct
                        )
                        .ConfigureAwait(false);
                    var isProtected = info.Protected.Match(p => (bool?)p, () => null);
                    Fields(
                        context,
                        [
                            ("ID", contentId),
                            ("Type", info.ContentType),
                            ("Size", info.Size.ToString(CultureInfo.InvariantCulture)),
                            ("Updated", context.Output.Timestamp(info.Updated)),
                            ("Meta", info.Meta),
                            ("Protected", isProtected is { } b ? YesNo(b) : ""),
                        ],
                        new JsonObject
                        {
                            ["id"] = contentId,
                            ["type"] = info.ContentType,
                            ["size"] = info.Size,
                            ["updated"] = context.Output.TimestampJson(info.Updated),
                            ["meta"] = info.Meta,
                            ["protected"] = isProtected,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Option<string?> MetaOption() =>
        new("--meta") { Description = "Description text (default empty)." };

    private static Option<bool> ProtectedOption() =>
        new("--protected")
        {
            Description = "Only serial numbers in a group with this content may download it.",
        };

    private static Command Create(CliHost host)
    {
        var model = ModelArgument();
        var id = IdArgument();
        var meta = MetaOption();
        var protect = ProtectedOption();
        var command = new Command(
            "create",
            "Create a content entry (upload its bytes with 'upload')."
        )
        {
            model,
            id,
            meta,
            protect,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, id),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var contentId = context.Parse.GetRequiredValue(id);
                    await target
                        .Client.CreateContentAsync(
                            target.Auth,
                            name,
                            contentId,
                            context.Parse.GetValue(meta) ?? "",
                            context.Parse.GetValue(protect),
                            ct
                        )
                        .ConfigureAwait(false);
                    ModelItemDone(context, name, "content", "id", contentId, "created", "in");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Upload(CliHost host)
    {
        var model = ModelArgument();
        var id = IdArgument();
        var file = new Option<string?>("--file", "-f")
        {
            Description = "The file to upload (default or '-': standard input).",
        };
        var type = new Option<string>("--type")
        {
            Description = "The media type devices get with the download.",
            DefaultValueFactory = _ => "application/octet-stream",
        };
        var create = new Option<bool>("--create")
        {
            Description = "Create the content entry first (with --meta, --protected).",
        };
        var meta = MetaOption();
        var protect = ProtectedOption();
        var command = new Command(
            "upload",
            "Upload a content item's bytes from a file or standard input."
        )
        {
            model,
            id,
            file,
            type,
            create,
            meta,
            protect,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, id),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var contentId = parse.GetRequiredValue(id);
                    var bytes = await ReadBytesAsync(context, parse.GetValue(file), ct)
                        .ConfigureAwait(false);
                    if (parse.GetValue(create))
                    {
                        await target
                            .Client.CreateContentAsync(
                                target.Auth,
                                name,
                                contentId,
                                parse.GetValue(meta) ?? "",
                                parse.GetValue(protect),
                                ct
                            )
                            .ConfigureAwait(false);
                    }
                    var mediaType = parse.GetRequiredValue(type);
                    await target
                        .Client.UploadContentAsync(
                            target.Auth,
                            name,
                            contentId,
                            bytes,
                            mediaType,
                            ct
                        )
                        .ConfigureAwait(false);
                    Done(
                        context,
                        $"{bytes.Length} bytes uploaded to content '{contentId}' of model '{name}' ({mediaType})",
                        new JsonObject
                        {
                            ["model"] = name,
                            ["id"] = contentId,
                            ["size"] = bytes.Length,
                            ["type"] = mediaType,
                            ["done"] = "uploaded",
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Download(CliHost host)
    {
        var model = ModelArgument();
        var id = IdArgument();
        var output = new Option<string?>("--output", "-o")
        {
            Description =
                "Write the bytes to this file ('-' for standard output, binary allowed when it is not a terminal).",
        };
        var range = new Option<string?>("--range")
        {
            Description =
                "Only these bytes: X-Y (0-based, inclusive), X- (from X) or -Y (the last Y).",
        };
        var command = new Command(
            "download",
            "Download a content item to a file (--output) or standard output (text only on a terminal)."
        )
        {
            model,
            id,
            output,
            range,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, id),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var byteRange = parse.GetValue(range) is { } text ? ParseRange(text) : null;
                    var path = parse.GetValue(output);
                    var blob = await target
                        .Client.DownloadContentAsync(
                            target.Auth,
                            parse.GetRequiredValue(model),
                            parse.GetRequiredValue(id),
                            byteRange,
                            ct
                        )
                        .ConfigureAwait(false);
                    var bytes = blob.Bytes;
                    if (path is not null && path != "-")
                    {
                        await File.WriteAllBytesAsync(path, bytes.ToArray(), ct)
                            .ConfigureAwait(false);
                        await context
                            .Host.Error.WriteLineAsync(
                                $"{bytes.Length} bytes ({(blob.ContentType.Length > 0 ? blob.ContentType : "no media type")}) written to {path}"
                            )
                            .ConfigureAwait(false);
                        return ExitCodes.Ok;
                    }
                    if (IsText(bytes.Span))
                    {
                        await context
                            .Host.Out.WriteAsync(Encoding.UTF8.GetString(bytes.Span))
                            .ConfigureAwait(false);
                        await context.Host.Out.FlushAsync(ct).ConfigureAwait(false);
                        return ExitCodes.Ok;
                    }
                    if (
                        ReferenceEquals(context.Host.Out, Console.Out) && Console.IsOutputRedirected
                    )
                    {
                        await context.Host.Out.FlushAsync(ct).ConfigureAwait(false);
                        using var stdout = Console.OpenStandardOutput();
                        await stdout.WriteAsync(bytes, ct).ConfigureAwait(false);
                        await stdout.FlushAsync(ct).ConfigureAwait(false);
                        return ExitCodes.Ok;
                    }
                    throw new CliUsageException(
                        $"--output: content '{parse.GetValue(id)}' is binary ({bytes.Length} bytes): give a file name with --output; binary is never written to a terminal"
                    );
                }
            )
        );
        return command;
    }

    /// <summary>Valid UTF-8 without NUL or other control characters than tab, CR, LF.</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
    }

    private static ByteRange ParseRange(string text)
    {
        static long? Number(string s) =>
            long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var (a, b) = dash < 0 ? (null, null) : (text[..dash], text[(dash + 1)..]);
        return (a, b) switch
        {
            ("", { } y) when Number(y) is { } last && last > 0 => ByteRange.Last(last),
            ({ } x, "") when Number(x) is { } first => ByteRange.From(first),
            ({ } x, { } y) when Number(x) is { } first && Number(y) is { } last && first <= last =>
                ByteRange.Between(first, last),
            _ => throw new CliUsageException(
                $"--range: '{text}' is not X-Y (first <= last), X- or -Y"
            ),
        };
    }

    private static Command Delete(CliHost host) =>
        DeleteModelItem(
            host,
            "Delete a content item.",
            IdArgument(),
            "content",
            "id",
            (target, model, id, ct) => target.Client.DeleteContentAsync(target.Auth, model, id, ct)
        );

    private static Command Groups(CliHost host) =>
        ItemGroups(
            host,
            "List the groups a content item belongs to.",
            IdArgument(),
            "content",
            (target, model, id, page, ct) =>
                target.Client.ListContentGroupsAsync(target.Auth, model, id, page, ct)
        );
}
