using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>
/// Stores points and pushes them down subscriptions: a dataport subscribed to the source stores the
/// (preprocessed) value, a datarule evaluates its rule, a dispatch records what it would have sent (nothing is
/// sent) and draws one unit of its method's consumable from its owner. Propagation depth is bounded so a
/// subscription cycle cannot loop.
/// </summary>
internal static class DataFlow
{
    private const int MaxDepth = 8;

    /// <summary>A value written by a caller: preprocess, store, propagate. False when preprocessing made it unstorable.</summary>
    public static bool Write(
        ResourceTree tree,
        Resource target,
        long timestamp,
        DataValue value,
        long now
    )
    {
        if (Preprocess.Apply(tree, target, value) is not DataValue processed)
        {
            return false;
        }
        Store(tree, target, timestamp, processed, now, 0);
        return true;
    }

    /// <summary>Stores a point (same timestamp overwrites), applies retention, wakes waiters, feeds subscribers.</summary>
    public static void Store(
        ResourceTree tree,
        Resource resource,
        long timestamp,
        DataValue value,
        long now,
        int depth
    )
    {
        resource.Points[timestamp] = value;
        Retention.Apply(resource, now);
        tree.Dirty = true;
        tree.NotifyPointStored(resource, timestamp, value);
        if (depth >= MaxDepth)
        {
            return;
        }
        foreach (var subscriber in tree.SubscribersOf(resource.Rid))
        {
            Deliver(tree, subscriber, timestamp, value, now, depth + 1);
        }
    }

    private static void Deliver(
        ResourceTree tree,
        Resource subscriber,
        long timestamp,
        DataValue value,
        long now,
        int depth
    )
    {
        switch (subscriber.Kind)
        {
            case ResourceKind.Dataport:
                if (Preprocess.Apply(tree, subscriber, value) is DataValue stored)
                {
                    Store(tree, subscriber, timestamp, stored, now, depth);
                }
                break;
            case ResourceKind.Datarule:
                if (Preprocess.Apply(tree, subscriber, value) is DataValue input)
                {
                    RuleEngine.OnInput(tree, subscriber, timestamp, input, now, depth);
                }
                break;
            case ResourceKind.Dispatch:
                var message =
                    JsonArgs.TryString(subscriber.Description["message"], out var m) && m.Length > 0
                        ? m
                        : value.AsText();
                Store(tree, subscriber, timestamp, DataValue.OfString(message), now, depth);
                if (
                    tree.Parent(subscriber) is { } owner
                    && JsonArgs.TryString(subscriber.Description["method"], out var method)
                )
                {
                    owner.Consumption.Add(new Consumption(timestamp, ConsumableOf(method)));
                }
                break;
            default:
                break;
        }
    }

    /// <summary>http_get/http_post/http_put draw from http; email, sms and xmpp from themselves.</summary>
    public static string ConsumableOf(string method) =>
        method.StartsWith("http", StringComparison.Ordinal) ? "http" : method;
}
