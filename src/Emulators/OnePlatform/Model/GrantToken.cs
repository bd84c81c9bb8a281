namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// A token from <c>grant</c>: authenticates as <see cref="ClientRid"/> and may only call the listed procedures on
/// the subtree of each permitted resource, until <see cref="ExpiresAt"/> (Unix seconds) if set.
/// </summary>
internal sealed class GrantToken(
    string token,
    string clientRid,
    IReadOnlyDictionary<string, IReadOnlyList<string>> permissions,
    long? expiresAt,
    string grantedBy
)
{
    public string Token { get; } = token;

    public string ClientRid { get; } = clientRid;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions { get; } = permissions;

    public long? ExpiresAt { get; } = expiresAt;

    public string GrantedBy { get; } = grantedBy;

    public bool IsExpired(long now) => ExpiresAt is long at && now >= at;
}
