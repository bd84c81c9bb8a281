using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>Batch methods for share, revoke, activate, deactivate and grant.</summary>
public sealed partial class OnePlatformBatch
{
    /// <summary>Adds <c>share</c>; its result is the share code.</summary>
    public OnePlatformBatch Share(ResourceId resource, ShareOptions? options = null) =>
        Add(SharesAndKeys.Share(resource, options ?? ShareOptions.Default));

    /// <summary>Adds <c>revoke</c>.</summary>
    public OnePlatformBatch Revoke(CodeType codeType, string code) =>
        Add(SharesAndKeys.Revoke(codeType, code));

    /// <summary>Adds <c>activate</c> (in the client's <see cref="OnePlatformClientOptions.ArgumentForm"/>).</summary>
    public OnePlatformBatch Activate(ResourceId client, CodeType codeType, string code) =>
        Add(SharesAndKeys.Activate(client, codeType, code, this.client.Options.ArgumentForm));

    /// <summary>Adds <c>deactivate</c> (in the client's <see cref="OnePlatformClientOptions.ArgumentForm"/>).</summary>
    public OnePlatformBatch Deactivate(ResourceId client, CodeType codeType, string code) =>
        Add(SharesAndKeys.Deactivate(client, codeType, code, this.client.Options.ArgumentForm));

    /// <summary>Adds <c>grant</c>; its result is the token.</summary>
    public OnePlatformBatch Grant(
        ResourceId resource,
        IReadOnlyDictionary<string, IReadOnlyList<string>> permissions,
        TimeSpan? ttl = null
    )
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var map = OnePlatformClient.ToPermissionMap(permissions);
        return Add(
            ttl is { } t
                ? SharesAndKeys.Grant(resource, map, t)
                : SharesAndKeys.Grant(resource, map)
        );
    }
}
