using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

public sealed partial class ProvisioningClient
{
    /// <summary>The vendors <paramref name="model"/> is shared with.</summary>
    public Task<IReadOnlyList<string>> ListSharesAsync(
        ProvisioningAuth auth,
        string model,
        CancellationToken cancellationToken = default
    ) => ListAsync(Vendors.ListShares(auth, model), cancellationToken);

    /// <summary>Shares <paramref name="model"/> with <paramref name="vendor"/>.</summary>
    public Task ShareModelAsync(
        ProvisioningAuth auth,
        string model,
        string vendor,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.Share(auth, model, vendor), cancellationToken);

    /// <summary>Whether <paramref name="model"/> is shared with <paramref name="vendor"/>.</summary>
    public Task<bool> IsModelSharedAsync(
        ProvisioningAuth auth,
        string model,
        string vendor,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.IsShared(auth, model, vendor), cancellationToken);

    /// <summary>Stops sharing <paramref name="model"/> with <paramref name="vendor"/>.</summary>
    public Task UnshareModelAsync(
        ProvisioningAuth auth,
        string model,
        string vendor,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.Unshare(auth, model, vendor), cancellationToken);

    /// <summary>The vendor name the key belongs to (with <see cref="ProvisioningClientOptions.ArgumentForm"/> Pyonep the key goes as <c>X-Exosite-Token</c>).</summary>
    public Task<string> ShowVendorAsync(
        ProvisioningAuth auth,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.Show(auth, Options.ArgumentForm), cancellationToken);

    /// <summary>Registers the vendor name <paramref name="vendor"/> for the key's client.</summary>
    public Task RegisterVendorAsync(
        ProvisioningAuth auth,
        string vendor,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.Register(auth, vendor), cancellationToken);

    /// <summary>Unregisters the vendor name <paramref name="vendor"/> (with <see cref="ProvisioningClientOptions.ArgumentForm"/> Pyonep the key goes as <c>X-Exosite-Token</c>).</summary>
    public Task UnregisterVendorAsync(
        ProvisioningAuth auth,
        string vendor,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.Unregister(auth, vendor, Options.ArgumentForm), cancellationToken);

    /// <summary>The ids of the vendor's tokens.</summary>
    public Task<IReadOnlyList<string>> ListTokensAsync(
        ProvisioningAuth auth,
        CancellationToken cancellationToken = default
    ) => ListAsync(Vendors.ListTokens(auth), cancellationToken);

    /// <summary>Creates token <paramref name="id"/>; returns the token (a secret: keep it out of logs).</summary>
    public Task<string> CreateTokenAsync(
        ProvisioningAuth auth,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.CreateToken(auth, id), cancellationToken);

    /// <summary>The token with id <paramref name="id"/> (a secret: keep it out of logs).</summary>
    public Task<string> GetTokenAsync(
        ProvisioningAuth auth,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.GetToken(auth, id), cancellationToken);

    /// <summary>Deletes token <paramref name="id"/>.</summary>
    public Task DeleteTokenAsync(
        ProvisioningAuth auth,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Vendors.DeleteToken(auth, id), cancellationToken);
}
