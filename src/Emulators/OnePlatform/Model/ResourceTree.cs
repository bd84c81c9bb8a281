using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// The whole emulated platform: the resource tree under the root client, CIK index, share codes and grant tokens.
/// Not thread-safe: every access happens under <see cref="EmulatorState"/>'s lock.
/// </summary>
internal sealed class ResourceTree
{
    private readonly Dictionary<string, Resource> resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> ciks = new(StringComparer.Ordinal);
    private Dictionary<string, List<string>>? subscribers;

    public ResourceTree(IdGenerator ids, string rootRid)
    {
        Ids = ids;
        RootRid = rootRid;
    }

    public IdGenerator Ids { get; }

    public string RootRid { get; }

    public Resource Root => resources[RootRid];

    public IEnumerable<Resource> All => resources.Values;

    public Dictionary<string, Share> Shares { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GrantToken> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by every mutation; the state file is rewritten when it is set.</summary>
    public bool Dirty { get; set; }

    /// <summary>Raised after a point is stored on a series (wakes <c>wait</c> calls).</summary>
    public event Action<Resource, long, DataValue>? PointStored;

    public void NotifyPointStored(Resource resource, long timestamp, DataValue value) =>
        PointStored?.Invoke(resource, timestamp, value);

    /// <summary>A fresh 40-hex identifier not used by any RID, CIK, share code or token.</summary>
    public string NewId()
    {
        while (true)
        {
            var id = Ids.Next();
            if (
                !resources.ContainsKey(id)
                && !ciks.ContainsKey(id)
                && !Shares.ContainsKey(id)
                && !Tokens.ContainsKey(id)
            )
            {
                return id;
            }
        }
    }

    public bool IsUsedId(string id) =>
        resources.ContainsKey(id)
        || ciks.ContainsKey(id)
        || Shares.ContainsKey(id)
        || Tokens.ContainsKey(id);

    public Resource? Find(string? rid) =>
        rid is not null && resources.TryGetValue(rid, out var r) ? r : null;

    public Resource? FindByCik(string? cik) =>
        cik is not null && ciks.TryGetValue(cik, out var rid) ? Find(rid) : null;

    public Resource? Parent(Resource resource) => Find(resource.ParentRid);

    public IEnumerable<Resource> ChildrenOf(Resource resource)
    {
        foreach (var rid in resource.Children)
        {
            if (Find(rid) is { } child)
            {
                yield return child;
            }
        }
    }

    /// <summary>Owner, owner's owner, … up to the root (excluding the resource itself).</summary>
    public IEnumerable<Resource> Ancestors(Resource resource)
    {
        var current = Parent(resource);
        while (current is not null)
        {
            yield return current;
            current = Parent(current);
        }
    }

    public bool IsProperAncestor(Resource ancestor, Resource resource)
    {
        foreach (var a in Ancestors(resource))
        {
            if (ReferenceEquals(a, ancestor))
            {
                return true;
            }
        }
        return false;
    }

    public bool InSubtree(Resource root, Resource resource) =>
        ReferenceEquals(root, resource) || IsProperAncestor(root, resource);

    /// <summary>The resource and all its descendants, pre-order, children in creation order.</summary>
    public List<Resource> Subtree(Resource root)
    {
        var result = new List<Resource>();
        var stack = new Stack<Resource>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            result.Add(r);
            for (var i = r.Children.Count - 1; i >= 0; i--)
            {
                if (Find(r.Children[i]) is { } child)
                {
                    stack.Push(child);
                }
            }
        }
        return result;
    }

    /// <summary>Registers a resource (and its CIK) and appends it to its owner's children.</summary>
    public void Add(Resource resource)
    {
        resources[resource.Rid] = resource;
        if (resource.Cik is not null)
        {
            ciks[resource.Cik] = resource.Rid;
        }
        if (Parent(resource) is { } parent && !parent.Children.Contains(resource.Rid))
        {
            parent.Children.Add(resource.Rid);
        }
        subscribers = null;
        Dirty = true;
    }

    public void SetCik(Resource client, string cik)
    {
        if (client.Cik is not null)
        {
            ciks.Remove(client.Cik);
        }
        client.Cik = cik;
        ciks[cik] = client.Rid;
        Dirty = true;
    }

    /// <summary>Moves a resource under another owner (no checks).</summary>
    public void Reparent(Resource resource, Resource newParent)
    {
        Parent(resource)?.Children.Remove(resource.Rid);
        resource.ParentRid = newParent.Rid;
        newParent.Children.Add(resource.Rid);
        Dirty = true;
    }

    /// <summary>
    /// Removes a resource and its whole subtree, with every alias pointing into it, its share codes (and the
    /// activations of them), tokens granted to removed clients and the CIKs of removed clients.
    /// </summary>
    public void RemoveSubtree(Resource root)
    {
        var removed = Subtree(root);
        var gone = new HashSet<string>(removed.Select(r => r.Rid), StringComparer.Ordinal);
        Parent(root)?.Children.Remove(root.Rid);
        foreach (var r in removed)
        {
            resources.Remove(r.Rid);
            if (r.Cik is not null)
            {
                ciks.Remove(r.Cik);
            }
        }
        foreach (var client in resources.Values.Where(r => r.IsClient))
        {
            foreach (
                var alias in client
                    .Aliases.Where(a => gone.Contains(a.Value))
                    .Select(a => a.Key)
                    .ToList()
            )
            {
                client.Aliases.Remove(alias);
            }
        }
        foreach (
            var code in Shares
                .Values.Where(s => gone.Contains(s.Rid) || gone.Contains(s.CreatorRid))
                .Select(s => s.Code)
                .ToList()
        )
        {
            Shares.Remove(code);
        }
        foreach (
            var share in Shares.Values.Where(s =>
                s.ActivatorRid is not null && gone.Contains(s.ActivatorRid)
            )
        )
        {
            share.ActivatorRid = null;
        }
        foreach (
            var token in Tokens
                .Values.Where(t => gone.Contains(t.ClientRid))
                .Select(t => t.Token)
                .ToList()
        )
        {
            Tokens.Remove(token);
        }
        subscribers = null;
        Dirty = true;
    }

    /// <summary>Resources whose description subscribes to <paramref name="rid"/>, in creation order.</summary>
    public IReadOnlyList<Resource> SubscribersOf(string rid)
    {
        if (subscribers is null)
        {
            subscribers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var r in Subtree(Root))
            {
                if (r.Subscribe is { } source)
                {
                    if (!subscribers.TryGetValue(source, out var list))
                    {
                        list = [];
                        subscribers[source] = list;
                    }
                    list.Add(r.Rid);
                }
            }
        }
        return subscribers.TryGetValue(rid, out var rids)
            ? [.. rids.Select(Find).OfType<Resource>()]
            : [];
    }

    /// <summary>Call after a description's <c>subscribe</c> changed.</summary>
    public void InvalidateSubscriptions() => subscribers = null;

    /// <summary>
    /// Read access: the resource is in the caller's subtree, public (itself or an ancestor), or shared with the
    /// caller through an activated share code (of itself or an ancestor).
    /// </summary>
    public bool CanRead(Resource caller, Resource resource)
    {
        if (InSubtree(caller, resource))
        {
            return true;
        }
        var chain = new List<Resource> { resource };
        chain.AddRange(Ancestors(resource));
        if (chain.Any(r => r.IsPublic))
        {
            return true;
        }
        var rids = new HashSet<string>(chain.Select(r => r.Rid), StringComparer.Ordinal);
        return Shares.Values.Any(s => s.ActivatorRid == caller.Rid && rids.Contains(s.Rid));
    }

    /// <summary>Creates a resource object with a fresh RID (and a CIK for clients) without registering it.</summary>
    public Resource NewResource(
        ResourceKind kind,
        Resource parent,
        JsonObject description,
        long now
    )
    {
        var resource = new Resource(NewId(), kind, parent.Rid, description, now);
        if (kind == ResourceKind.Client)
        {
            resource.Cik = NewId();
        }
        return resource;
    }
}
