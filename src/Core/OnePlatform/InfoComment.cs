using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>One entry of <c>info</c>'s deprecated <c>comments</c>: <c>[visibility, text]</c>.</summary>
/// <param name="Visibility">Who may see it (<c>public</c> or <c>private</c>).</param>
/// <param name="Text">The comment.</param>
public sealed record InfoComment(string Visibility, string Text)
{
    /// <summary>Reads the list of <c>[visibility, text]</c> pairs; None when it has another shape.</summary>
    internal static Option<Seq<InfoComment>> ListFromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array)
            return None;
        var comments = new List<InfoComment>(e.GetArrayLength());
        foreach (var x in e.EnumerateArray())
        {
            if (
                x.ValueKind != JsonValueKind.Array
                || x.GetArrayLength() != 2
                || x[0].ValueKind != JsonValueKind.String
                || x[1].ValueKind != JsonValueKind.String
            )
                return None;
            comments.Add(new InfoComment(x[0].GetString()!, x[1].GetString()!));
        }
        return toSeq(comments);
    }
}
