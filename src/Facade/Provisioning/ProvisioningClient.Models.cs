using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

public sealed partial class ProvisioningClient
{
    /// <summary>The vendor's client models (<c>GET /provision/manage/model/</c>).</summary>
    public Task<IReadOnlyList<string>> ListModelsAsync(
        ProvisioningAuth auth,
        CancellationToken cancellationToken = default
    ) => ListAsync(Models.List(auth), cancellationToken);

    /// <summary>The models other vendors share with this vendor.</summary>
    public Task<IReadOnlyList<SharedModel>> ListSharedModelsAsync(
        ProvisioningAuth auth,
        CancellationToken cancellationToken = default
    ) => ListAsync(Models.ListShared(auth), cancellationToken);

    /// <summary>Creates <paramref name="model"/> from <paramref name="template"/> (default options: all cloned).</summary>
    public Task CreateModelAsync(
        ProvisioningAuth auth,
        string model,
        ModelTemplate template,
        ModelOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            Models.Create(auth, model, template, options ?? ModelOptions.Default),
            cancellationToken
        );

    /// <summary>The template and options of <paramref name="model"/>.</summary>
    public Task<ModelInfo> GetModelAsync(
        ProvisioningAuth auth,
        string model,
        CancellationToken cancellationToken = default
    ) => SendAsync(Models.Info(auth, model), cancellationToken);

    /// <summary>Changes the template and options of <paramref name="model"/>.</summary>
    public Task UpdateModelAsync(
        ProvisioningAuth auth,
        string model,
        ModelTemplate template,
        ModelOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            Models.Update(auth, model, template, options ?? ModelOptions.Default),
            cancellationToken
        );

    /// <summary>Deletes <paramref name="model"/> (with <see cref="ProvisioningClientOptions.ArgumentForm"/> Pyonep, with pyonep's <c>delete=true&amp;model=&amp;confirm=true</c> body).</summary>
    public Task DeleteModelAsync(
        ProvisioningAuth auth,
        string model,
        CancellationToken cancellationToken = default
    ) => SendAsync(Models.Delete(auth, model, Options.ArgumentForm), cancellationToken);
}
