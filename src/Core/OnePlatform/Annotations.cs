using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>What <see cref="Annotations.Tag"/> does with the tag.</summary>
public enum TagAction
{
    /// <summary><c>add</c>.</summary>
    Add,

    /// <summary><c>remove</c>.</summary>
    Remove,
}

/// <summary>Who may see a comment.</summary>
public enum CommentVisibility
{
    /// <summary><c>public</c>.</summary>
    Public,

    /// <summary><c>private</c>.</summary>
    Private,
}

/// <summary>Builders for the undocumented annotation procedures: tag and comment.</summary>
public static class Annotations
{
    /// <summary>
    /// <c>tag [R, "add"|"remove", tag]</c> (undocumented; pyonep has the method but neither docs nor tests): adds or
    /// removes a tag on the resource. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Tag(
        ResourceId resource,
        TagAction action,
        string tag
    ) =>
        (
            ResourceId.Require("resource", resource),
            ArgumentChecks.Defined("action", action),
            ArgumentChecks.Name("tag", tag, nonEmpty: true)
        ).Apply(
            (r, a, t) =>
                RpcCall.NoResult(
                    "tag",
                    w =>
                    {
                        r.WriteTo(w);
                        w.WriteStringValue(a == TagAction.Remove ? "remove" : "add");
                        w.WriteStringValue(t);
                    }
                )
        );

    /// <summary>
    /// <c>comment [R, "public"|"private", text]</c> (deprecated, undocumented; exoline still sends it): attaches a
    /// comment to the resource (read back with the deprecated <c>info</c> option <c>comments</c>). No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Comment(
        ResourceId resource,
        CommentVisibility visibility,
        string text
    ) =>
        (
            ResourceId.Require("resource", resource),
            ArgumentChecks.Defined("visibility", visibility),
            ArgumentChecks.Text("text", text)
        ).Apply(
            (r, v, t) =>
                RpcCall.NoResult(
                    "comment",
                    w =>
                    {
                        r.WriteTo(w);
                        w.WriteStringValue(v == CommentVisibility.Private ? "private" : "public");
                        w.WriteStringValue(t);
                    }
                )
        );
}
