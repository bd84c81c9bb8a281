using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>The alias procedures: map, unmap and lookup.</summary>
public sealed partial class OnePlatformClient
{
    /// <summary><c>map</c>: gives <paramref name="resource"/> the alias <paramref name="alias"/> in the calling client.</summary>
    public Task MapAsync(
        Auth auth,
        ResourceId resource,
        string alias,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Aliases.Map(resource, alias), cancellationToken);

    /// <summary>
    /// <c>unmap</c>: removes the alias <paramref name="alias"/> of <paramref name="client"/> (unmapping a missing
    /// alias succeeds). With <see cref="ArgumentForm.Pyonep"/> the deprecated <c>["alias", name]</c> form is sent,
    /// which needs <paramref name="client"/> = <see cref="ResourceId.Self"/>.
    /// </summary>
    public Task UnmapAsync(
        Auth auth,
        ResourceId client,
        string alias,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, Aliases.Unmap(client, alias, Options.ArgumentForm), cancellationToken);

    /// <summary>
    /// <c>lookup</c>: the RID an alias of <paramref name="client"/> names (the empty alias: the client itself), the
    /// owner of a RID, or the resource a share code shares. With <see cref="ArgumentForm.Pyonep"/> the deprecated
    /// <c>[type, value]</c> form is sent, which needs <paramref name="client"/> = <see cref="ResourceId.Self"/>.
    /// </summary>
    public Task<string> LookupAsync(
        Auth auth,
        ResourceId client,
        LookupKind kind,
        string value,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            Aliases.Lookup(client, kind, value, Options.ArgumentForm),
            cancellationToken
        );
}
