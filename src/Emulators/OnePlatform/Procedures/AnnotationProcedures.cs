using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>tag and comment (undocumented / deprecated, §2.5).</summary>
internal static class AnnotationProcedures
{
    /// <summary>
    /// <c>[R, "add"|"remove", tag]</c> on a resource the caller can read: the caller's tag is added (idempotent) or
    /// removed. Visible through info <c>tags</c>/<c>tagged</c> and listing <c>{"tagged": [...]}</c>.
    /// </summary>
    public static CallOutcome Tag(CallContext ctx, JsonArray args)
    {
        if (args.Count != 3)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Read, out var resource, out var failure))
        {
            return failure;
        }
        if (
            !JsonArgs.TryString(args[1], out var action)
            || !JsonArgs.TryString(args[2], out var tag)
            || tag.Length == 0
        )
        {
            return CallOutcome.Invalid;
        }
        var mark = new TagMark(tag, ctx.Caller.Rid);
        switch (action)
        {
            case "add":
                if (!resource.Tags.Contains(mark))
                {
                    resource.Tags.Add(mark);
                }
                break;
            case "remove":
                resource.Tags.Remove(mark);
                break;
            default:
                return CallOutcome.Invalid;
        }
        ctx.Tree.Dirty = true;
        return CallOutcome.Done;
    }

    /// <summary><c>[R, "public"|"private", text]</c> on a resource in the caller's subtree; info <c>comments</c> lists them.</summary>
    public static CallOutcome Comment(CallContext ctx, JsonArray args)
    {
        if (args.Count != 3)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var resource, out var failure))
        {
            return failure;
        }
        if (
            !JsonArgs.TryString(args[1], out var visibility)
            || visibility is not ("public" or "private")
            || !JsonArgs.TryString(args[2], out var text)
        )
        {
            return CallOutcome.Invalid;
        }
        resource.Comments.Add(new Comment(visibility, text));
        ctx.Tree.Dirty = true;
        return CallOutcome.Done;
    }
}
