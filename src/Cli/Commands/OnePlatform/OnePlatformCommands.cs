using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Cli.Targets;
using Functional.Core.OnePlatform;
using LE = LanguageExt;

namespace Functional.Cli.Commands.OnePlatform;

/// <summary>
/// <c>fxo onep</c>: every One Platform RPC procedure as a command (as exoline users know them), plus <c>tree</c> and
/// <c>copy</c>. Resources are a RID (40 hex), an alias (<c>alias:name</c> or any other text), or omitted for the
/// calling client. The commands live in the other <c>OnePlatform*Commands.cs</c> files of this folder.
/// </summary>
internal static partial class OnePlatformCommands
{
    /// <summary>The CIK to act with (recursive on the group).</summary>
    internal static readonly Option<string?> Cik = new("--cik", "-k")
    {
        Description =
            "CIK (or key name from the config, <cik>:c<rid>, <cik>:r<rid>, token:<t>) to act with. Default: $FXO_CIK, onep.cik in the config, else the embedded root CIK.",
        Recursive = true,
    };

    /// <summary>The <c>onep</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "onep",
            "One Platform RPC: read, write and record data, create and manage clients, dataports, datarules and dispatches, shares and tokens."
        );
        group.Options.Add(Cik);
        foreach (
            var command in new[]
            {
                Read(host),
                Write(host),
                Record(host),
                Flush(host),
                Wait(host),
                Create(host),
                Clone(host),
                Listing(host),
                Info(host),
                Update(host),
                Drop(host),
                Move(host),
                Usage(host),
                Map(host),
                Unmap(host),
                Lookup(host),
                Share(host),
                Revoke(host),
                Activate(host),
                Deactivate(host),
                Grant(host),
                Tag(host),
                Comment(host),
                Tree(host),
                Copy(host),
            }
        )
        {
            group.Subcommands.Add(command);
        }
        return group;
    }

    /// <summary>The action of a command that talks to One Platform: opens the target with <c>--cik</c> and runs <paramref name="body"/>.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Run(
        CliHost host,
        Func<CliContext, OnePlatformTarget, CancellationToken, Task<int>> body
    ) =>
        CliRun.Action(
            host,
            async (context, ct) =>
            {
                await using var target = await context
                    .OpenOnePlatformAsync(context.Parse.GetValue(Cik), ct)
                    .ConfigureAwait(false);
                return await body(context, target, ct).ConfigureAwait(false);
            }
        );

    /// <summary>An optional resource argument (omitted = the caller).</summary>
    private static Argument<string?> ResourceArgument(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>A required resource argument.</summary>
    private static Argument<string> RequiredResource(string name, string description) =>
        new(name) { Description = description };

    /// <summary>
    /// A resource as typed: a 40-hex RID, <c>alias:name</c>, any other text as an alias, or null/empty for the caller.
    /// </summary>
    internal static ResourceId Resource(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ResourceId.Self;
        }
        if (text.StartsWith("alias:", StringComparison.Ordinal))
        {
            return text.Length == 6 ? ResourceId.Self : ResourceId.Alias(text[6..]);
        }
        return IsRid(text) ? ResourceId.Rid(text.ToLowerInvariant()) : ResourceId.Alias(text);
    }

    /// <summary>Whether <paramref name="text"/> is 40 hex characters.</summary>
    internal static bool IsRid(string? text) => HexId.Is(text);

    /// <summary>How a resource is shown: the text given, or <c>(self)</c>.</summary>
    internal static string Label(string? text) => string.IsNullOrEmpty(text) ? "(self)" : text;

    /// <summary>The same credentials acting as the client <paramref name="rid"/> (exoline's <c>&lt;cik&gt;:c&lt;rid&gt;</c>).</summary>
    internal static Auth AsClient(Auth auth, string rid) =>
        auth switch
        {
            Auth.ByCik c => Auth.CikAsClient(c.Key, rid),
            Auth.ByCikAsClient c => Auth.CikAsClient(c.Key, rid),
            Auth.ByCikAsOwner c => Auth.CikAsClient(c.Key, rid),
            Auth.ByToken t => Auth.TokenAsClient(t.Value, rid),
            _ => auth,
        };

    /// <summary>The RID of <paramref name="text"/> (a RID as is; an alias or the caller looked up).</summary>
    internal static async Task<string> RidOfAsync(
        OnePlatformTarget target,
        string? text,
        CancellationToken ct
    )
    {
        var resource = Resource(text);
        return resource switch
        {
            ResourceId.ByRid r => r.Value,
            ResourceId.ByAlias a => await target
                .Client.LookupAsync(target.Auth, ResourceId.Self, LookupKind.Alias, a.Name, ct)
                .ConfigureAwait(false),
            _ => await target
                .Client.LookupAsync(target.Auth, ResourceId.Self, LookupKind.Alias, "", ct)
                .ConfigureAwait(false),
        };
    }

    private static readonly Regex Relative = new(
        @"^-(\d+)(s|m|h|d|w)$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1)
    );

    /// <summary>
    /// A time as typed: Unix seconds, ISO 8601 (UTC unless it has an offset), <c>now</c>, or relative to now
    /// (<c>-30s</c>, <c>-5m</c>, <c>-1h</c>, <c>-2d</c>, <c>-1w</c>). Errors name <paramref name="option"/>.
    /// </summary>
    internal static long ParseTime(string text, string option)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var trimmed = text.Trim();
        if (trimmed == "now")
        {
            return now;
        }
        if (
            long.TryParse(
                trimmed,
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out var unix
            )
        )
        {
            return unix;
        }
        var match = Relative.Match(trimmed);
        if (match.Success)
        {
            var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups[2].Value switch
            {
                "s" => 1L,
                "m" => 60L,
                "h" => 3600L,
                "d" => 86400L,
                _ => 604800L,
            };
            return now - (amount * unit);
        }
        if (
            DateTimeOffset.TryParse(
                trimmed,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var at
            )
        )
        {
            return at.ToUnixTimeSeconds();
        }
        throw new CliUsageException(
            $"{option}: '{text}' is not a time (unix seconds, ISO 8601 such as 2024-05-01T12:00:00Z, now, or relative such as -1h)"
        );
    }

    /// <summary>An optional time option.</summary>
    private static Option<string?> TimeOption(string name, string description) =>
        new(name)
        {
            Description = description + " Unix seconds, ISO 8601, now, or relative (-1h, -2d).",
        };

    /// <summary>A point value as JSON.</summary>
    internal static JsonNode? ValueJson(PointValue value) =>
        value switch
        {
            PointValue.Integer i => JsonValue.Create(i.Value),
            PointValue.Float f => JsonValue.Create(f.Value),
            PointValue.Text t => JsonValue.Create(t.Value),
            PointValue.Other o => JsonNode.Parse(o.Value.GetRawText()),
            _ => null,
        };

    /// <summary>A point as <c>{"timestamp", "value"}</c> (plus <c>resource</c> when given).</summary>
    internal static JsonObject PointJson(CliContext context, Point point, string? resource = null)
    {
        var o = new JsonObject();
        if (resource is not null)
        {
            o["resource"] = resource;
        }
        o["timestamp"] = context.Output.TimestampJson(point.Timestamp);
        o["value"] = ValueJson(point.Value);
        return o;
    }

    /// <summary>Prints a key/value result: a two-column table, or the JSON object under <c>--json</c>.</summary>
    internal static void Result(
        CliContext context,
        JsonObject json,
        IEnumerable<(string Key, string Value)> rows
    ) => CommandHelpers.FieldsOrJson(context, json, rows);

    /// <summary>Prints the result of a command that only changes something: <c>{"ok": true, ...}</c> or a line.</summary>
    internal static void Done(CliContext context, string message, JsonObject? json = null)
    {
        if (context.Output.Json)
        {
            var o = json ?? [];
            o["ok"] = true;
            context.Output.WriteJson(o);
            return;
        }
        context.Output.Line(message);
    }

    /// <summary>Reads <paramref name="path"/>, or standard input for <c>-</c>.</summary>
    internal static async Task<string> ReadInputAsync(
        CliContext context,
        string path,
        string option
    )
    {
        if (path != "-" && !File.Exists(path))
        {
            throw new CliUsageException($"{option}: file '{path}' does not exist");
        }
        return await CommandHelpers
            .ReadTextAsync(context, path, CancellationToken.None)
            .ConfigureAwait(false);
    }

    /// <summary>Parses JSON text (an object), naming <paramref name="option"/> when it is not.</summary>
    internal static JsonElement ParseObject(string text, string option)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw new CliUsageException($"{option}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{option}: not valid JSON ({e.Message})");
        }
    }

    /// <summary>A LanguageExt Option as a nullable reference.</summary>
    internal static T? OrNull<T>(LE.Option<T> option)
        where T : class => option.MatchUnsafe(v => v, () => null);

    /// <summary>The four listable resource types.</summary>
    internal static readonly ResourceType[] AllTypes =
    [
        ResourceType.Client,
        ResourceType.Dataport,
        ResourceType.Datarule,
        ResourceType.Dispatch,
    ];

    /// <summary>The wire name of a type.</summary>
    internal static string TypeName(ResourceType type) => type.ToString().ToLowerInvariant();
}
