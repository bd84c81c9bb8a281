using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>Shares and keys: share, revoke, activate, deactivate and grant. Codes and tokens are never echoed in errors.</summary>
public sealed partial class OnePlatformClient
{
    /// <summary>
    /// <c>share</c>: shares <paramref name="resource"/> (or, with <see cref="ShareOptions.Code"/>, updates that
    /// share's meta). Returns the share code.
    /// </summary>
    public Task<string> ShareAsync(
        Auth auth,
        ResourceId resource,
        ShareOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            SharesAndKeys.Share(resource, options ?? ShareOptions.Default),
            cancellationToken
        );

    /// <summary><c>revoke</c>: revokes a share code, or a client key (the client gets a new key to activate).</summary>
    public Task RevokeAsync(
        Auth auth,
        CodeType codeType,
        string code,
        CancellationToken cancellationToken = default
    ) => CallAsync(auth, SharesAndKeys.Revoke(codeType, code), cancellationToken);

    /// <summary>
    /// <c>activate</c>: activates a client key or share code for <paramref name="client"/>. With
    /// <see cref="ArgumentForm.Pyonep"/> the deprecated <c>[type, code]</c> form is sent, which needs
    /// <paramref name="client"/> = <see cref="ResourceId.Self"/>.
    /// </summary>
    public Task ActivateAsync(
        Auth auth,
        ResourceId client,
        CodeType codeType,
        string code,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            SharesAndKeys.Activate(client, codeType, code, Options.ArgumentForm),
            cancellationToken
        );

    /// <summary>
    /// <c>deactivate</c>: deactivates a client key, or removes <paramref name="client"/>'s activation of a share. With
    /// <see cref="ArgumentForm.Pyonep"/> the deprecated <c>[type, code]</c> form is sent, which needs
    /// <paramref name="client"/> = <see cref="ResourceId.Self"/>.
    /// </summary>
    public Task DeactivateAsync(
        Auth auth,
        ResourceId client,
        CodeType codeType,
        string code,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(
            auth,
            SharesAndKeys.Deactivate(client, codeType, code, Options.ArgumentForm),
            cancellationToken
        );

    /// <summary>
    /// <c>grant</c> (undocumented): a token allowed to call the listed procedures (e.g. <c>read</c>, <c>write</c>)
    /// on each listed RID, acting as <paramref name="resource"/>; it expires after <paramref name="ttl"/> (rounded up
    /// to whole seconds) when given. Returns the token, for <see cref="Auth.Token"/>.
    /// </summary>
    public Task<string> GrantAsync(
        Auth auth,
        ResourceId resource,
        IReadOnlyDictionary<string, IReadOnlyList<string>> permissions,
        TimeSpan? ttl = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var map = ToPermissionMap(permissions);
        return CallAsync(
            auth,
            ttl is { } t
                ? SharesAndKeys.Grant(resource, map, t)
                : SharesAndKeys.Grant(resource, map),
            cancellationToken
        );
    }

    internal static Map<string, Seq<string>> ToPermissionMap(
        IReadOnlyDictionary<string, IReadOnlyList<string>> permissions
    ) =>
        toMap(
            permissions.Select(kv =>
                (kv.Key, kv.Value is null ? Seq<string>() : toSeq(kv.Value.ToArray()))
            )
        );
}
