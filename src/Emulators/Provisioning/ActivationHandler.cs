using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// <c>POST /provision/activate</c> with form <c>vendor&amp;model&amp;sn</c> (§3.7): returns the enabled client's CIK
/// once and marks it <c>activated</c>; 404 for an unknown vendor, model or SN; 409 when the SN has no client or its
/// CIK is not waiting for activation (already activated, or disabled).
/// </summary>
internal static class ActivationHandler
{
    public static ProvisioningReply Activate(
        EmulatorState state,
        ProvisioningState provisioning,
        ProvisioningRequest request
    )
    {
        if (
            !string.Equals(request.Field("vendor"), provisioning.Vendor, StringComparison.Ordinal)
            || request.Field("model") is not { } name
            || !provisioning.Models.TryGetValue(name, out var model)
            || request.Field("sn") is not { } sn
            || !model.SerialNumbers.TryGetValue(sn, out var serial)
        )
        {
            return ProvisioningReply.NotFound;
        }
        if (
            state.Tree.Find(serial.ClientRid) is not { IsClient: true } client
            || client.Status != ClientStatus.NotActivated
        )
        {
            return ProvisioningReply.Conflict;
        }
        client.Status = ClientStatus.Activated;
        state.Tree.Dirty = true;
        return new ProvisioningReply(StatusCodes.Status200OK, ProvisioningReply.Text, client.Cik!);
    }
}
