using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>Everything one call runs with: the state, the calling client, the token (if any) and the clock.</summary>
internal sealed class CallContext(
    EmulatorState state,
    Resource caller,
    GrantToken? token,
    string procedure,
    long now
)
{
    public EmulatorState State { get; } = state;

    public ResourceTree Tree => State.Tree;

    /// <summary>The client the call acts as (after <c>client_id</c>/<c>resource_id</c>/token resolution).</summary>
    public Resource Caller { get; } = caller;

    public GrantToken? Token { get; } = token;

    public string Procedure { get; } = procedure;

    /// <summary>Unix seconds at the start of the call.</summary>
    public long Now { get; } = now;

    /// <summary>
    /// Token calls may only run the granted procedures on the subtree of a granted resource; CIK calls are
    /// unrestricted here (ownership is checked by the resolver).
    /// </summary>
    public bool Permits(Resource target)
    {
        if (Token is null)
        {
            return true;
        }
        foreach (var (rid, procedures) in Token.Permissions)
        {
            if (
                procedures.Contains(Procedure, StringComparer.Ordinal)
                && Tree.Find(rid) is { } granted
                && Tree.InSubtree(granted, target)
            )
            {
                return true;
            }
        }
        return false;
    }
}
