using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>The resource procedures: create, move, update, info, listing, drop and usage.</summary>
public sealed partial class OnePlatformClient
{
    /// <summary>
    /// <c>create</c> a client under <paramref name="parent"/> (default description: every key at the platform's
    /// default). Returns the new client's RID. With <see cref="ArgumentForm.Pyonep"/> the deprecated
    /// <c>[type, desc]</c> form is sent, which needs <paramref name="parent"/> = <see cref="ResourceId.Self"/>.
    /// </summary>
    public Task<string> CreateClientAsync(
        Auth auth,
        ResourceId parent,
        ClientDescription? description = null,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Resources.Create(
                parent,
                description ?? ClientDescription.Default,
                Options.ArgumentForm
            ),
            cancellationToken
        );

    /// <summary><c>create</c> a dataport under <paramref name="parent"/>. Returns the new RID.</summary>
    public Task<string> CreateDataportAsync(
        Auth auth,
        ResourceId parent,
        DataportDescription description,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Resources.Create(parent, description, Options.ArgumentForm),
            cancellationToken
        );

    /// <summary><c>create</c> a datarule under <paramref name="parent"/>. Returns the new RID.</summary>
    public Task<string> CreateDataruleAsync(
        Auth auth,
        ResourceId parent,
        DataruleDescription description,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Resources.Create(parent, description, Options.ArgumentForm),
            cancellationToken
        );

    /// <summary><c>create</c> a dispatch under <paramref name="parent"/>. Returns the new RID.</summary>
    public Task<string> CreateDispatchAsync(
        Auth auth,
        ResourceId parent,
        DispatchDescription description,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Resources.Create(parent, description, Options.ArgumentForm),
            cancellationToken
        );

    /// <summary><c>create</c> a clone of a client (by RID or share code) under <paramref name="parent"/>. Returns the new client's RID.</summary>
    public Task<string> CloneAsync(
        Auth auth,
        ResourceId parent,
        CloneDescription description,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Resources.Create(parent, description, Options.ArgumentForm),
            cancellationToken
        );

    /// <summary><c>move</c>: gives <paramref name="resource"/> the owner <paramref name="destination"/>, re-creating its aliases there unless <paramref name="aliases"/> is false.</summary>
    public Task MoveAsync(
        Auth auth,
        ResourceId resource,
        ResourceId destination,
        bool aliases = true,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Resources.Move(resource, destination, aliases), cancellationToken);

    /// <summary><c>update</c>: merges the keys set in <paramref name="update"/> into the resource's description.</summary>
    public Task UpdateAsync(
        Auth auth,
        ResourceId resource,
        ResourceUpdate update,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Resources.Update(resource, update), cancellationToken);

    /// <summary><c>info</c>: the requested parts (default: every part the caller may see).</summary>
    public Task<ResourceInfo> InfoAsync(
        Auth auth,
        ResourceId resource,
        InfoOptions? options = null,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Resources.Info(resource, options ?? InfoOptions.All), cancellationToken);

    /// <summary>
    /// <c>listing</c>: the RIDs of <paramref name="client"/>'s resources of each of <paramref name="types"/>
    /// (default options: the ones it owns). With <see cref="ArgumentForm.Pyonep"/> and
    /// <paramref name="client"/> = <see cref="ResourceId.Self"/>, the deprecated <c>[[types], options]</c> is sent.
    /// </summary>
    public Task<Listing> ListingAsync(
        Auth auth,
        ResourceId client,
        IEnumerable<ResourceType> types,
        ListingOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Resources.Listing(
                client,
                types is null ? Seq<ResourceType>() : toSeq(types.ToArray()),
                options ?? ListingOptions.Default,
                Options.ArgumentForm
            ),
            cancellationToken
        );

    /// <summary><c>drop</c>: deletes <paramref name="resource"/> (a client with its whole subtree).</summary>
    public Task DropAsync(
        Auth auth,
        ResourceId resource,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Resources.Drop(resource), cancellationToken);

    /// <summary><c>usage</c>: how much of <paramref name="metric"/> <paramref name="client"/> used between the two times.</summary>
    public Task<long> UsageAsync(
        Auth auth,
        ResourceId client,
        UsageMetric metric,
        DateTimeOffset start,
        DateTimeOffset end,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Resources.Usage(client, metric, start, end), cancellationToken);

    /// <summary><c>usage</c> with the window in Unix seconds.</summary>
    public Task<long> UsageAsync(
        Auth auth,
        ResourceId client,
        UsageMetric metric,
        long startTime,
        long endTime,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Resources.Usage(client, metric, startTime, endTime), cancellationToken);
}
