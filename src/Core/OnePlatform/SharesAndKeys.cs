using System.Globalization;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>Which kind of code a <c>revoke</c>, <c>activate</c> or <c>deactivate</c> is about.</summary>
public enum CodeType
{
    /// <summary><c>client</c>: a client key (CIK).</summary>
    Client,

    /// <summary><c>share</c>: a share code.</summary>
    Share,
}

/// <summary>
/// Builders for shares and keys: share, revoke, activate, deactivate, and the undocumented grant. Codes and tokens
/// are credentials: they are validated without being echoed.
/// </summary>
public static class SharesAndKeys
{
    /// <summary>
    /// <c>share [R, {meta?, code?}]</c>: shares the resource (or, with <see cref="ShareOptions.Code"/>, updates that
    /// share's meta). Result: the share code (40 hex).
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Share(
        ResourceId resource,
        ShareOptions options
    ) =>
        (
            ResourceId.Require("resource", resource),
            ArgumentChecks.Required("options", options, o => o.Validate())
        ).Apply(
            (r, o) =>
                RpcCall.Create(
                    "share",
                    w =>
                    {
                        r.WriteTo(w);
                        o.WriteTo(w);
                    },
                    answer => ArgumentChecks.IdentifierResult(answer, "a 40-hex share code")
                )
        );

    /// <summary>
    /// <c>revoke [type, code]</c>: revokes a share code, or a client key (the client gets a new key that must be
    /// activated again). No result; <c>invalid</c> when the code is unknown, <c>noauth</c> when not the owner.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Revoke(CodeType codeType, string code) =>
        (
            ArgumentChecks.Defined("codeType", codeType),
            Identifier.Validate("code", code, secret: true)
        ).Apply(
            (t, c) =>
                RpcCall.NoResult(
                    "revoke",
                    w =>
                    {
                        w.WriteStringValue(TypeName(t));
                        w.WriteStringValue(c);
                    }
                )
        );

    /// <summary>
    /// <c>activate [R_client, type, code]</c> (with <see cref="ArgumentForm.Pyonep"/>: <c>[type, code]</c>, where the
    /// client must be <see cref="ResourceId.Self"/>): activates a client key or a share code for the client. No
    /// result; <c>invalid</c> when the code is unknown, used or expired, <c>noauth</c> when not the owner.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Activate(
        ResourceId client,
        CodeType codeType,
        string code,
        ArgumentForm form = ArgumentForm.Documented
    ) => CodeCall("activate", client, codeType, code, form);

    /// <summary>
    /// <c>deactivate [R_client, type, code]</c> (with <see cref="ArgumentForm.Pyonep"/>: <c>[type, code]</c>, where
    /// the client must be <see cref="ResourceId.Self"/>): deactivates and expires a client key, or removes the
    /// client's activation of a share (the code may also be the shared RID). No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Deactivate(
        ResourceId client,
        CodeType codeType,
        string code,
        ArgumentForm form = ArgumentForm.Documented
    ) => CodeCall("deactivate", client, codeType, code, form);

    /// <summary>
    /// <c>grant [R, {rid: [procedures]}]</c> (undocumented): a token that may call the listed procedures on the
    /// listed resources, acting as <paramref name="resource"/>. Result: the token (40 hex), for <see cref="Auth.Token"/>.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Grant(
        ResourceId resource,
        Map<string, Seq<string>> permissions
    ) => Grant(resource, permissions, Option<long>.None);

    /// <summary><c>grant [R, {rid: [procedures]}, {"ttl": seconds}]</c>: a token that expires after <paramref name="ttlSeconds"/>.</summary>
    public static Validation<ApiError, RpcCall<string>> Grant(
        ResourceId resource,
        Map<string, Seq<string>> permissions,
        long ttlSeconds
    ) => Grant(resource, permissions, Some(ttlSeconds));

    /// <summary><c>grant</c> with a time to live rounded up to whole seconds.</summary>
    public static Validation<ApiError, RpcCall<string>> Grant(
        ResourceId resource,
        Map<string, Seq<string>> permissions,
        TimeSpan ttl
    ) => Grant(resource, permissions, Some(CeilingDiv(ttl.Ticks, TimeSpan.TicksPerSecond)));

    /// <summary>Whole units, rounded up, computed on ticks (a double loses sub-second precision on long spans).</summary>
    internal static long CeilingDiv(long ticks, long perUnit) =>
        ticks / perUnit + (ticks % perUnit > 0 ? 1 : 0);

    /// <summary>
    /// <c>grant</c>; the third argument <c>{"ttl": seconds}</c> is sent only when <paramref name="ttlSeconds"/> is
    /// given. Every RID must be 40 hex, every resource needs at least one procedure, the ttl must be positive.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Grant(
        ResourceId resource,
        Map<string, Seq<string>> permissions,
        Option<long> ttlSeconds
    ) =>
        (
            ResourceId.Require("resource", resource),
            Permissions(permissions),
            ttlSeconds.Exists(t => t <= 0)
                ? ArgumentChecks.Problem<Unit>("ttl", "must be a positive number of seconds")
                : ArgumentChecks.Ok
        ).Apply(
            (r, p, _) =>
                RpcCall.Create(
                    "grant",
                    w =>
                    {
                        r.WriteTo(w);
                        w.WriteStartObject();
                        foreach (var (rid, procedures) in p)
                        {
                            w.WriteStartArray(rid);
                            foreach (var procedure in procedures)
                                w.WriteStringValue(procedure);
                            w.WriteEndArray();
                        }
                        w.WriteEndObject();
                        ttlSeconds.IfSome(t =>
                        {
                            w.WriteStartObject();
                            w.WriteNumber("ttl"u8, t);
                            w.WriteEndObject();
                        });
                    },
                    answer => ArgumentChecks.IdentifierResult(answer, "a 40-hex token")
                )
        );

    private static Validation<ApiError, Seq<(string Rid, Seq<string> Procedures)>> Permissions(
        Map<string, Seq<string>> permissions
    )
    {
        var entries = toSeq(permissions.AsEnumerable().ToArray());
        return (
            entries.IsEmpty
                ? ArgumentChecks.Problem<Unit>("permissions", "must grant at least one resource")
                : ArgumentChecks.Ok,
            ArgumentChecks.Each(
                entries,
                (e, i) =>
                {
                    var field = $"permissions[{i.ToString(CultureInfo.InvariantCulture)}]";
                    return (
                        Identifier.Validate(field, e.Key),
                        e.Value.IsEmpty
                            ? ArgumentChecks.Problem<Seq<string>>(
                                $"{field}.procedures",
                                "must name at least one procedure"
                            )
                            : ArgumentChecks.Each(
                                e.Value,
                                (p, j) =>
                                    Procedure(
                                        $"{field}.procedures[{j.ToString(CultureInfo.InvariantCulture)}]",
                                        p
                                    )
                            )
                    ).Apply((rid, procs) => (Rid: rid, Procedures: procs));
                }
            )
        ).Apply((_, es) => es);
    }

    private static Validation<ApiError, string> Procedure(string field, string? name) =>
        name switch
        {
            null => ArgumentChecks.Problem<string>(field, "is required"),
            "" => ArgumentChecks.Problem<string>(field, "must not be empty"),
            _ when !name.All(char.IsAsciiLetterLower) => ArgumentChecks.Problem<string>(
                field,
                "must be a procedure name (lower-case letters, e.g. read)"
            ),
            _ => Success<ApiError, string>(name),
        };

    private static Validation<ApiError, RpcCall<Unit>> CodeCall(
        string procedure,
        ResourceId client,
        CodeType codeType,
        string code,
        ArgumentForm form
    ) =>
        (
            ArgumentChecks.Client("client", client, form),
            ArgumentChecks.Defined("codeType", codeType),
            Identifier.Validate("code", code, secret: true)
        ).Apply(
            (c, t, k) =>
                RpcCall.NoResult(
                    procedure,
                    w =>
                    {
                        if (form != ArgumentForm.Pyonep)
                            c.WriteTo(w);
                        w.WriteStringValue(TypeName(t));
                        w.WriteStringValue(k);
                    }
                )
        );

    private static string TypeName(CodeType type) => type == CodeType.Share ? "share" : "client";
}
