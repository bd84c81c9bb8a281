namespace Functional.Emulators.Provisioning;

/// <summary>
/// The provisioning side's state — vendors with their tokens, models, serial numbers, content and groups — kept next
/// to the resource tree, guarded by the same lock and saved in the same state file.
/// </summary>
internal sealed class ProvisioningState
{
    /// <summary>The id under which the token given at start-up (<c>--vendor-token</c>) is listed.</summary>
    public const string SeedTokenId = "default";

    /// <summary>Vendors by name.</summary>
    public SortedDictionary<string, Vendor> Vendors { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds the vendor given at start-up, owned by <paramref name="ownerRid"/> (the root client), unless a vendor of
    /// that name exists already (loaded from the state file); a token given at start-up is (re)set as its
    /// <see cref="SeedTokenId"/> token.
    /// </summary>
    public void Seed(string name, string? token, string ownerRid)
    {
        if (!Vendors.TryGetValue(name, out var vendor))
        {
            vendor = new Vendor(name, ownerRid);
            Vendors[name] = vendor;
        }
        if (token is not null)
        {
            vendor.Tokens[SeedTokenId] = token;
        }
    }

    /// <summary>The vendor one of whose tokens is <paramref name="token"/>, or null.</summary>
    public Vendor? ByToken(string token) =>
        Vendors.Values.FirstOrDefault(v =>
            v.Tokens.Values.Any(t => string.Equals(t, token, StringComparison.Ordinal))
        );

    /// <summary>The vendor registered by the client <paramref name="rid"/>, or null.</summary>
    public Vendor? ByOwner(string rid) =>
        Vendors.Values.FirstOrDefault(v =>
            string.Equals(v.OwnerRid, rid, StringComparison.Ordinal)
        );

    /// <summary>The models other vendors shared with <paramref name="vendor"/>, as (owner vendor, model).</summary>
    public IEnumerable<(Vendor Owner, DeviceModel Model)> SharedWith(Vendor vendor) =>
        Vendors.Values.SelectMany(owner =>
            owner
                .Models.Values.Where(m => m.SharedWith.Contains(vendor.Name))
                .Select(m => (owner, m))
        );
}
