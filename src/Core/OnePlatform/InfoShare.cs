using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>
/// One entry of <c>info</c>'s <c>shares</c>: <c>{"activator": rid|null, "code", "meta"}</c>. The code is a
/// credential and never appears in <see cref="ToString"/>.
/// </summary>
/// <param name="Activator">The client that activated the share, if any.</param>
/// <param name="Code">The share code (secret).</param>
/// <param name="Meta">The share's meta text.</param>
public sealed record InfoShare(Option<string> Activator, string Code, string Meta)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"InfoShare {{ Activator = {Activator.IfNone("none")}, Code = ***, Meta = {Meta} }}";

    /// <summary>Reads one entry; None when it is not an object with a string code.</summary>
    internal static Option<InfoShare> FromJson(JsonElement e) =>
        e.ValueKind != JsonValueKind.Object
            ? None
            : InfoJson
                .Text(e, "code")
                .Map(code => new InfoShare(
                    InfoJson.Text(e, "activator"),
                    code,
                    InfoJson.Text(e, "meta").IfNone("")
                ));

    /// <summary>Reads the list; None when it or any entry has the wrong shape.</summary>
    internal static Option<Seq<InfoShare>> ListFromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array)
            return None;
        var shares = new List<InfoShare>(e.GetArrayLength());
        foreach (var x in e.EnumerateArray())
        {
            var share = FromJson(x);
            if (share.IsNone)
                return None;
            shares.Add((InfoShare)share);
        }
        return toSeq(shares);
    }
}
