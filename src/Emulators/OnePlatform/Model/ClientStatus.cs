namespace Functional.Emulators.OnePlatform.Model;

/// <summary>Activation state of a client's CIK (reported by info basic.status; "locked" comes from the description).</summary>
internal enum ClientStatus
{
    Activated,
    NotActivated,
    Expired,
}

internal static class ClientStatuses
{
    public static string Name(this ClientStatus status) =>
        status switch
        {
            ClientStatus.Activated => "activated",
            ClientStatus.NotActivated => "notactivated",
            _ => "expired",
        };

    public static ClientStatus Parse(string? name) =>
        name switch
        {
            "notactivated" => ClientStatus.NotActivated,
            "expired" => ClientStatus.Expired,
            _ => ClientStatus.Activated,
        };
}
