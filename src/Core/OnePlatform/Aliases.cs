using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>What <see cref="Aliases.Lookup"/> looks up.</summary>
public enum LookupKind
{
    /// <summary><c>alias</c>: the RID an alias of the client names (the empty alias is the client itself).</summary>
    Alias,

    /// <summary><c>owner</c>: the RID of a resource's owner (within the caller's subtree).</summary>
    Owner,

    /// <summary><c>shared</c>: the RID of the resource a share code shares.</summary>
    Shared,
}

/// <summary>Builders for the alias procedures: map, unmap, lookup.</summary>
public static class Aliases
{
    /// <summary>
    /// <c>map ["alias", R, name]</c>: gives the resource an alias in the calling client, so that
    /// <c>{"alias": name}</c> names it. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Map(ResourceId resource, string alias) =>
        (
            ResourceId.Require("resource", resource),
            ArgumentChecks.Name("alias", alias, nonEmpty: true)
        ).Apply(
            (r, a) =>
                RpcCall.NoResult(
                    "map",
                    w =>
                    {
                        w.WriteStringValue("alias"u8);
                        r.WriteTo(w);
                        w.WriteStringValue(a);
                    }
                )
        );

    /// <summary>
    /// <c>unmap [R_client, "alias", name]</c> (with <see cref="ArgumentForm.Pyonep"/>: <c>["alias", name]</c>, where
    /// the client must be <see cref="ResourceId.Self"/>): removes an alias. Unmapping an alias that is not mapped
    /// succeeds. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Unmap(
        ResourceId client,
        string alias,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (
            ArgumentChecks.Client("client", client, form),
            ArgumentChecks.Name("alias", alias, nonEmpty: false)
        ).Apply(
            (c, a) =>
                RpcCall.NoResult(
                    "unmap",
                    w =>
                    {
                        if (form != ArgumentForm.Pyonep)
                            c.WriteTo(w);
                        w.WriteStringValue("alias"u8);
                        w.WriteStringValue(a);
                    }
                )
        );

    /// <summary>
    /// <c>lookup [R_client, type, value]</c> (with <see cref="ArgumentForm.Pyonep"/>: <c>[type, value]</c>, where the
    /// client must be <see cref="ResourceId.Self"/>). The value is an alias (<see cref="LookupKind.Alias"/>; the empty
    /// alias gives the client's own RID), a RID (<see cref="LookupKind.Owner"/>) or a share code
    /// (<see cref="LookupKind.Shared"/>, a credential: never echoed). Result: the RID found.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Lookup(
        ResourceId client,
        LookupKind kind,
        string value,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (
            ArgumentChecks.Client("client", client, form),
            ArgumentChecks.Defined("kind", kind),
            kind switch
            {
                LookupKind.Alias => ArgumentChecks.Name("value", value, nonEmpty: false),
                LookupKind.Owner => Identifier.Validate("value", value),
                LookupKind.Shared => Identifier.Validate("value", value, secret: true),
                _ => Success<ApiError, string>(value),
            }
        ).Apply(
            (c, k, v) =>
                RpcCall.Create(
                    "lookup",
                    w =>
                    {
                        if (form != ArgumentForm.Pyonep)
                            c.WriteTo(w);
                        w.WriteStringValue(KindName(k));
                        w.WriteStringValue(v);
                    },
                    answer => ArgumentChecks.IdentifierResult(answer, "a 40-hex RID"),
                    readOnly: true
                )
        );

    private static string KindName(LookupKind kind) =>
        kind switch
        {
            LookupKind.Owner => "owner",
            LookupKind.Shared => "shared",
            _ => "alias",
        };
}
