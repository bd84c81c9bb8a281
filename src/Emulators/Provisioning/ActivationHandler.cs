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
            request.Field("vendor") is not { } vendorName
            || !provisioning.Vendors.TryGetValue(vendorName, out var vendor)
            || request.Field("model") is not { } name
            || !vendor.Models.TryGetValue(name, out var model)
            || request.Field("sn") is not { } sn
            || model.Find(sn, keep: true) is not { } serial
        )
        {
            return ProvisioningReply.NotFound;
        }
        var client = state.Tree.Find(serial.ClientRid);
        var refusal = client switch
        {
            not { IsClient: true } => "not enabled",
            { Status: ClientStatus.Activated } => "already activated",
            { Status: ClientStatus.Expired } => "disabled",
            { Status: ClientStatus.NotActivated } => null,
            _ => "not enabled",
        };
        serial.Log.Add(
            new ActivationLogEntry(
                state.Now,
                request.ConnectionInfo,
                refusal is null ? "activated" : "activation refused: " + refusal
            )
        );
        state.Tree.Dirty = true; // the log changes even when activation is refused
        if (refusal is not null)
        {
            return ProvisioningReply.Conflict;
        }
        client!.Status = ClientStatus.Activated;
        return new ProvisioningReply(StatusCodes.Status200OK, ProvisioningReply.Text, client.Cik!);
    }
}
