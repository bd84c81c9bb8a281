namespace Functional.Core.OnePlatform;

/// <summary>The <c>basic.status</c> of a client or dispatch in <c>info</c>.</summary>
public enum ResourceStatus
{
    /// <summary>A status this library does not know (see <see cref="InfoBasic.StatusName"/>).</summary>
    Unknown,

    /// <summary><c>activated</c>: in use (a new client created by RPC is activated).</summary>
    Activated,

    /// <summary><c>locked</c>: its calls fail with <c>locked</c>.</summary>
    Locked,

    /// <summary><c>notactivated</c>: a provisioned client whose key has not been activated yet.</summary>
    NotActivated,

    /// <summary><c>expired</c>: e.g. after a provisioning <c>disable</c>.</summary>
    Expired,
}
