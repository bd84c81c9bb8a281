using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// Client limits (§2.5 client description). A numeric limit caps the group of resources counted against that
/// client: what it owns directly plus everything its descendants own for which they declared <c>"inherit"</c>
/// (recursively). Entity types (client, dataport, datarule, dispatch) and <c>share</c> are enforced; <c>disk</c>
/// and the daily consumables are counted but not enforced.
/// </summary>
internal static class Limits
{
    /// <summary>The documented limit keys, in the order descriptions list them.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "client",
        "dataport",
        "datarule",
        "disk",
        "dispatch",
        "email",
        "email_bucket",
        "http",
        "http_bucket",
        "share",
        "sms",
        "sms_bucket",
        "xmpp",
        "xmpp_bucket",
    ];

    private static readonly string[] Enforced =
    [
        "client",
        "dataport",
        "datarule",
        "dispatch",
        "share",
    ];

    /// <summary>The root client's limits: generous numbers, nothing inherited.</summary>
    public const long RootLimit = 1_000_000_000;

    /// <summary>The numeric limit, or null for "inherit". A missing key is 0 (the documented default).</summary>
    public static long? Of(Resource client, string key)
    {
        var node = (client.Description["limits"] as JsonObject)?[key];
        if (JsonArgs.TryString(node, out var s) && s == "inherit")
        {
            return null;
        }
        return JsonArgs.TryLong(node, out var n) ? n : 0;
    }

    /// <summary>
    /// True when every enforced limit that governs <paramref name="client"/> (its own, or the nearest ancestor's
    /// when it inherits) is at least the group's current use. Call after a tentative change.
    /// </summary>
    public static bool Satisfied(ResourceTree tree, Resource client)
    {
        foreach (var key in Enforced)
        {
            var holder = client;
            long? limit = Of(holder, key);
            while (limit is null && tree.Parent(holder) is { } parent)
            {
                holder = parent;
                limit = Of(holder, key);
            }
            if (limit is long max && GroupUsage(tree, holder, key) > max)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Use counted against <paramref name="holder"/>'s own limit for <paramref name="key"/>.</summary>
    public static long GroupUsage(ResourceTree tree, Resource holder, string key)
    {
        var total = Own(tree, holder, key);
        foreach (var child in tree.ChildrenOf(holder))
        {
            total += Contribution(tree, child, key);
        }
        return total;
    }

    private static long Contribution(ResourceTree tree, Resource resource, string key)
    {
        long total = resource.Kind.Name() == key ? 1 : 0;
        if (resource.IsClient && Of(resource, key) is null)
        {
            total += GroupUsage(tree, resource, key);
        }
        return total;
    }

    private static long Own(ResourceTree tree, Resource client, string key) =>
        key == "share" ? tree.Shares.Values.Count(s => s.CreatorRid == client.Rid) : 0;
}
