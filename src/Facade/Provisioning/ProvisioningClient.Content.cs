using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

public sealed partial class ProvisioningClient
{
    /// <summary>The content ids of <paramref name="model"/>.</summary>
    public Task<IReadOnlyList<string>> ListContentAsync(
        ProvisioningAuth auth,
        string model,
        CancellationToken cancellationToken = default
    ) => ListAsync(Content.List(auth, model), cancellationToken);

    /// <summary>The content ids a serial number may download.</summary>
    public Task<IReadOnlyList<string>> ListSerialNumberContentAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => ListAsync(Content.ListForSerialNumber(auth, model, serialNumber), cancellationToken);

    /// <summary>Creates the content entry <paramref name="id"/> with its description.</summary>
    public Task CreateContentAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        string meta,
        bool isProtected = false,
        CancellationToken cancellationToken = default
    ) => SendAsync(Content.Create(auth, model, id, meta, isProtected), cancellationToken);

    /// <summary>Uploads the bytes of content <paramref name="id"/> with their media type.</summary>
    public Task UploadContentAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        ReadOnlyMemory<byte> data,
        string contentType,
        CancellationToken cancellationToken = default
    ) => SendAsync(Content.Upload(auth, model, id, data, contentType), cancellationToken);

    /// <summary>The description of content <paramref name="id"/>.</summary>
    public Task<ContentInfo> GetContentInfoAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Content.Info(auth, model, id), cancellationToken);

    /// <summary>Downloads content <paramref name="id"/>, or only <paramref name="range"/> of it (a 206 answer).</summary>
    public Task<ContentBlob> DownloadContentAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        ByteRange? range = null,
        CancellationToken cancellationToken = default
    ) => SendAsync(Content.Download(auth, model, id, Opt(range)), cancellationToken);

    /// <summary>The groups content <paramref name="id"/> belongs to.</summary>
    public Task<IReadOnlyList<string>> ListContentGroupsAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        ProvisioningPage? page = null,
        CancellationToken cancellationToken = default
    ) =>
        ListAsync(
            Content.Groups(auth, model, id, page ?? ProvisioningPage.Default),
            cancellationToken
        );

    /// <summary>Deletes content <paramref name="id"/>.</summary>
    public Task DeleteContentAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Content.Delete(auth, model, id), cancellationToken);
}
