using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

public sealed partial class ProvisioningClient
{
    /// <summary>The groups of <paramref name="model"/>.</summary>
    public Task<IReadOnlyList<GroupRow>> ListGroupsAsync(
        ProvisioningAuth auth,
        string model,
        ProvisioningPage? page = null,
        CancellationToken cancellationToken = default
    ) => ListAsync(Groups.List(auth, model, page ?? ProvisioningPage.Default), cancellationToken);

    /// <summary>Creates group <paramref name="id"/> with its description.</summary>
    public Task CreateGroupAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        string meta,
        CancellationToken cancellationToken = default
    ) => SendAsync(Groups.Create(auth, model, id, meta), cancellationToken);

    /// <summary>The description of group <paramref name="id"/>.</summary>
    public Task<GroupInfo> GetGroupInfoAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Groups.Info(auth, model, id), cancellationToken);

    /// <summary>The groups group <paramref name="id"/> belongs to.</summary>
    public Task<IReadOnlyList<string>> ListParentGroupsAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        ProvisioningPage? page = null,
        CancellationToken cancellationToken = default
    ) =>
        ListAsync(
            Groups.ParentGroups(auth, model, id, page ?? ProvisioningPage.Default),
            cancellationToken
        );

    /// <summary>Deletes group <paramref name="id"/>.</summary>
    public Task DeleteGroupAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Groups.Delete(auth, model, id), cancellationToken);

    /// <summary>The members of group <paramref name="id"/>, optionally only those of one type or one id.</summary>
    public Task<IReadOnlyList<GroupMember>> ListGroupMembersAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        string? type = null,
        string? memberId = null,
        ProvisioningPage? page = null,
        CancellationToken cancellationToken = default
    ) =>
        ListAsync(
            Groups.Members(
                auth,
                model,
                id,
                Opt(type),
                Opt(memberId),
                page ?? ProvisioningPage.Default
            ),
            cancellationToken
        );

    /// <summary>Adds members of one <paramref name="type"/> to group <paramref name="id"/>.</summary>
    public Task AddGroupMembersAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        string type,
        IEnumerable<string> memberIds,
        string? expire = null,
        string? meta = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            Groups.AddMembers(auth, model, id, type, Items(memberIds), Opt(expire), Opt(meta)),
            cancellationToken
        );

    /// <summary>Removes members of one <paramref name="type"/> from group <paramref name="id"/>.</summary>
    public Task RemoveGroupMembersAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        string type,
        IEnumerable<string> memberIds,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(Groups.RemoveMembers(auth, model, id, type, Items(memberIds)), cancellationToken);

    /// <summary>Adds members of any types to group <paramref name="id"/> as one CSV upload.</summary>
    public Task AddGroupMembersCsvAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        IEnumerable<GroupMember> members,
        CancellationToken cancellationToken = default
    ) => SendAsync(Groups.AddMembersCsv(auth, model, id, Items(members)), cancellationToken);

    /// <summary>Removes members of any types from group <paramref name="id"/> as one CSV upload.</summary>
    public Task RemoveGroupMembersCsvAsync(
        ProvisioningAuth auth,
        string model,
        string id,
        IEnumerable<GroupMemberRef> members,
        CancellationToken cancellationToken = default
    ) => SendAsync(Groups.RemoveMembersCsv(auth, model, id, Items(members)), cancellationToken);
}
