using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Functional.PropertyTests.Models.OnePlatform;

/// <summary>
/// How a command names a resource: the calling (test) client itself, the k-th resource created so far in the
/// run (skipped when there is none), or an alias of the calling client.
/// </summary>
public abstract record Ref
{
    private Ref() { }

    /// <summary>The calling client (<c>{"alias": ""}</c>).</summary>
    public static Ref Self { get; } = new SelfRef();

    /// <summary>The resource made by the k-th successful create of the run.</summary>
    public static Ref At(int k) => new Index(k);

    /// <summary>An alias of the calling client.</summary>
    public static Ref Named(string alias) => new Alias(alias);

    /// <summary>The calling client.</summary>
    public sealed record SelfRef : Ref
    {
        /// <inheritdoc />
        public override string ToString() => "self";
    }

    /// <summary>The k-th created resource.</summary>
    /// <param name="K">Creation index.</param>
    public sealed record Index(int K) : Ref
    {
        /// <inheritdoc />
        public override string ToString() => "#" + K.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An alias.</summary>
    /// <param name="Name">The alias.</param>
    public sealed record Alias(string Name) : Ref
    {
        /// <inheritdoc />
        public override string ToString() => "@" + Show.Text(Name);
    }
}

/// <summary>
/// A record timestamp: <c>now-s</c> (sent as the negative offset -s, "seconds before now") or <c>T0-s</c> (an
/// absolute Unix time s seconds before the case started, so never in the future however the run is shrunk).
/// </summary>
/// <param name="FromNow">True for a negative offset, false for an absolute time.</param>
/// <param name="Seconds">The distance in seconds (at least 1 for offsets).</param>
public sealed record Stamp(bool FromNow, int Seconds)
{
    /// <inheritdoc />
    public override string ToString() =>
        (FromNow ? "now-" : "T0-") + Seconds.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One step of a generated One Platform session.</summary>
public abstract record Command;

/// <summary><c>create</c> a dataport under <paramref name="Parent"/>.</summary>
public sealed record CreateDataport(Ref Parent, DataFormat Format, string Name) : Command
{
    /// <inheritdoc />
    public override string ToString() =>
        $"create dataport {Show.Format(Format)} name={Show.Text(Name)} under {Parent}";
}

/// <summary><c>create</c> a client (limits: inherit) under <paramref name="Parent"/>.</summary>
public sealed record CreateClient(Ref Parent, string Name) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"create client name={Show.Text(Name)} under {Parent}";
}

/// <summary><c>write</c> one value at the server's now.</summary>
public sealed record Write(Ref Target, PointValue Value) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"write {Target} {Show.Value(Value)}";
}

/// <summary><c>record</c> several timestamped points.</summary>
public sealed record Record(Ref Target, ImmutableArray<(Stamp At, PointValue Value)> Entries)
    : Command
{
    /// <inheritdoc />
    public override string ToString() =>
        $"record {Target} ["
        + string.Join(", ", Entries.Select(e => $"{e.At}:{Show.Value(e.Value)}"))
        + "]";
}

/// <summary><c>read</c> with optional options (times as offsets from T0).</summary>
public sealed record Read(Ref Target, int? Start, int? End, SortOrder? Sort, long? Limit) : Command
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Start is { } s)
            parts.Add("start=" + Show.T0(s));
        if (End is { } e)
            parts.Add("end=" + Show.T0(e));
        if (Sort is { } o)
            parts.Add(o == SortOrder.Ascending ? "asc" : "desc");
        if (Limit is { } l)
            parts.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        return $"read {Target} {{{string.Join(" ", parts)}}}";
    }
}

/// <summary><c>flush</c> everything or a window (bounds as offsets from T0, strict).</summary>
public sealed record Flush(Ref Target, int? NewerThan, int? OlderThan) : Command
{
    /// <inheritdoc />
    public override string ToString() =>
        NewerThan is null && OlderThan is null
            ? $"flush {Target} all"
            : $"flush {Target}"
                + (NewerThan is { } n ? " newerthan=" + Show.T0(n) : "")
                + (OlderThan is { } o ? " olderthan=" + Show.T0(o) : "");
}

/// <summary><c>drop</c>.</summary>
public sealed record Drop(Ref Target) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"drop {Target}";
}

/// <summary><c>map</c> an alias in the calling client.</summary>
public sealed record MapAlias(Ref Target, string Alias) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"map {Target} as {Show.Text(Alias)}";
}

/// <summary><c>unmap</c> an alias of the calling client.</summary>
public sealed record UnmapAlias(string Alias) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"unmap {Show.Text(Alias)}";
}

/// <summary><c>lookup alias</c> in the calling client ("" = the client itself).</summary>
public sealed record LookupAlias(string Alias) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"lookup alias {Show.Text(Alias)}";
}

/// <summary><c>lookup owner</c> of a resource (by RID).</summary>
public sealed record LookupOwner(Ref Target) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"lookup owner of {Target}";
}

/// <summary><c>listing</c> of the clients and dataports a client owns (options <c>{}</c>) or has aliased (<c>{"aliased": true}</c>).</summary>
public sealed record ListOwned(Ref Target, bool Aliased) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"listing {Target}" + (Aliased ? " {aliased}" : " {}");
}

/// <summary><c>info</c> with <c>{}</c> (every part) of a client.</summary>
public sealed record InfoAll(Ref Target) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"info {Target} {{}}";
}

/// <summary><c>info</c> (the parts asked depend on what the model knows the resource to be).</summary>
public sealed record Info(Ref Target) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"info {Target}";
}

/// <summary><c>update</c> the name.</summary>
public sealed record UpdateName(Ref Target, string Name) : Command
{
    /// <inheritdoc />
    public override string ToString() => $"update {Target} name={Show.Text(Name)}";
}

/// <summary>Moves the emulator's clock forward (no request).</summary>
public sealed record Tick(int Seconds) : Command
{
    /// <inheritdoc />
    public override string ToString() =>
        "tick +" + Seconds.ToString(CultureInfo.InvariantCulture) + "s";
}

/// <summary>A generated session: the commands, printed as a numbered list.</summary>
/// <param name="Commands">The commands in order.</param>
public sealed record Scenario(ImmutableArray<Command> Commands)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Commands.Length} commands:");
        for (var i = 0; i < Commands.Length; i++)
            sb.Append(CultureInfo.InvariantCulture, $"\n  {i + 1, 2}. {Commands[i]}");
        return sb.ToString();
    }
}

/// <summary>Short, unambiguous renderings shared by the commands, the model and the observed results.</summary>
public static class Show
{
    /// <summary>A string as JSON (quoted and escaped, non-ASCII kept).</summary>
    public static string Text(string s) =>
        JsonSerializer.Serialize(
            s,
            new JsonSerializerOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }
        );

    /// <summary>A value with its type visible: <c>42</c>, <c>42.0</c>, <c>"42"</c>.</summary>
    public static string Value(PointValue v) =>
        v switch
        {
            PointValue.Integer i => i.Value.ToString(CultureInfo.InvariantCulture),
            PointValue.Float f => FloatText(f.Value),
            PointValue.Text t => Text(t.Value),
            _ => "?" + v,
        };

    private static string FloatText(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return
            s.Contains('.', StringComparison.Ordinal)
            || s.Contains('E', StringComparison.Ordinal)
            || s.Contains('N', StringComparison.Ordinal)
            ? s
            : s + ".0";
    }

    /// <summary>An offset from the case's start time.</summary>
    public static string T0(long offset) =>
        offset < 0
            ? "T0" + offset.ToString(CultureInfo.InvariantCulture)
            : "T0+" + offset.ToString(CultureInfo.InvariantCulture);

    /// <summary>A data format's wire name.</summary>
    public static string Format(DataFormat f) =>
        f switch
        {
            DataFormat.Float => "float",
            DataFormat.Integer => "integer",
            _ => "string",
        };

    /// <summary>Points as <c>[T0+3:42, T0-1:"x"]</c>.</summary>
    public static string Points(IEnumerable<(long Ts, PointValue Value)> points, long t0) =>
        "[" + string.Join(", ", points.Select(p => $"{T0(p.Ts - t0)}:{Value(p.Value)}")) + "]";
}
