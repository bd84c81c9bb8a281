using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>
/// <c>info</c>'s <c>aliases</c> part: <c>{"&lt;child rid&gt;": ["alias", …], …}</c>, or the marker
/// <c>"undefined"</c> when the caller is neither the resource nor its owner.
/// </summary>
public abstract record InfoAliases
{
    private InfoAliases() { }

    /// <summary>Reads the part; None when it has another shape.</summary>
    internal static Option<InfoAliases> FromJson(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String && e.ValueEquals("undefined"u8))
            return new Undefined();
        if (e.ValueKind != JsonValueKind.Object)
            return None;
        var known = Map<string, Seq<string>>();
        var hidden = new List<string>();
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String && p.Value.ValueEquals("undefined"u8))
            {
                hidden.Add(p.Name);
                continue;
            }
            var names = InfoJson.Strings(p.Value);
            if (names.IsNone)
                return None;
            known = known.AddOrUpdate(p.Name, (Seq<string>)names);
        }
        return new Known(known, toSeq(hidden));
    }

    /// <summary>The aliases by child RID.</summary>
    /// <param name="ByResource">Each child's aliases.</param>
    /// <param name="UndefinedFor">Children whose aliases the server reported as <c>"undefined"</c>.</param>
    public sealed record Known(Map<string, Seq<string>> ByResource, Seq<string> UndefinedFor)
        : InfoAliases;

    /// <summary><c>"undefined"</c>: the caller may not see the aliases.</summary>
    public sealed record Undefined : InfoAliases;
}
