using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// Copies a model's template client subtree under an owner with fresh RIDs and CIKs (as the RPC <c>create clone</c>
/// does): aliases and subscriptions inside the copy are re-pointed to the copies, aliases pointing outside are
/// dropped; the model options <c>noaliases</c>, <c>nocomments</c> and <c>nohistorical</c> leave those parts out.
/// </summary>
internal static class TemplateCloner
{
    /// <summary>Clones <paramref name="source"/> under <paramref name="owner"/> and returns the new top client.</summary>
    public static Resource Clone(
        ResourceTree tree,
        Resource source,
        Resource owner,
        IReadOnlyCollection<string> options,
        long now
    )
    {
        var noAliases = options.Contains("noaliases");
        var noComments = options.Contains("nocomments");
        var noHistorical = options.Contains("nohistorical");
        var originals = tree.Subtree(source);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        foreach (var original in originals)
        {
            ids[original.Rid] = NewId(tree, fresh);
        }
        Resource? top = null;
        foreach (var original in originals)
        {
            var isTop = ReferenceEquals(original, source);
            var description = (JsonObject)original.Description.DeepClone();
            if (
                original.Subscribe is { } subscribed
                && ids.TryGetValue(subscribed, out var newSource)
            )
            {
                description["subscribe"] = newSource;
            }
            var copy = new Resource(
                ids[original.Rid],
                original.Kind,
                isTop ? owner.Rid : ids[original.ParentRid!],
                description,
                now
            );
            if (copy.IsClient)
            {
                copy.Cik = NewId(tree, fresh);
                if (!noAliases)
                {
                    foreach (var (alias, target) in original.Aliases)
                    {
                        if (ids.TryGetValue(target, out var newTarget))
                        {
                            copy.Aliases[alias] = newTarget;
                        }
                    }
                }
            }
            if (!noHistorical)
            {
                foreach (var (timestamp, value) in original.Points)
                {
                    copy.Points[timestamp] = value;
                }
            }
            if (!noComments)
            {
                copy.Comments.AddRange(original.Comments);
            }
            tree.Add(copy);
            top ??= copy;
        }
        return top!;
    }

    private static string NewId(ResourceTree tree, HashSet<string> fresh)
    {
        string id;
        do
        {
            id = tree.NewId();
        } while (!fresh.Add(id));
        return id;
    }
}
