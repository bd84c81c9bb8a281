using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>Batch methods for map, unmap and lookup.</summary>
public sealed partial class OnePlatformBatch
{
    /// <summary>Adds <c>map</c>.</summary>
    public OnePlatformBatch Map(ResourceId resource, string alias) =>
        Add(Aliases.Map(resource, alias));

    /// <summary>Adds <c>unmap</c> (in the client's <see cref="OnePlatformClientOptions.ArgumentForm"/>).</summary>
    public OnePlatformBatch Unmap(ResourceId client, string alias) =>
        Add(Aliases.Unmap(client, alias, this.client.Options.ArgumentForm));

    /// <summary>Adds <c>lookup</c> (in the client's <see cref="OnePlatformClientOptions.ArgumentForm"/>); its result is the RID.</summary>
    public OnePlatformBatch Lookup(ResourceId client, LookupKind kind, string value) =>
        Add(Aliases.Lookup(client, kind, value, this.client.Options.ArgumentForm));
}
