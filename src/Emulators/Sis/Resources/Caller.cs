using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Who makes a write: a stored user, or nobody when auth is off (then everything is allowed).</summary>
internal sealed record Caller(JsonObject? User)
{
    /// <summary>The caller when auth is disabled.</summary>
    public static readonly Caller Anonymous = new((JsonObject?)null);

    /// <summary>Auth is off: no checks, no <c>_created_by</c>.</summary>
    public bool AuthOff => User is null;

    /// <summary>The user's name, or null with auth off.</summary>
    public string? Name => SisJson.Str(User, "name");

    /// <summary>Super users pass every permission check (not locked/immutable).</summary>
    public bool IsSuper => User is not null && Meta.Truthy(User["super_user"]);
}
