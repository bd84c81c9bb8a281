using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Builders for the resource procedures: create (client, dataport, datarule, dispatch, clone), move, update,
/// info, listing, drop and usage. Procedures with a deprecated argument shape send it with
/// <see cref="ArgumentForm.Pyonep"/>.
/// </summary>
public static class Resources
{
    /// <summary>
    /// <c>create [R_parent, "client", desc]</c> (with <see cref="ArgumentForm.Pyonep"/>: the deprecated
    /// <c>["client", desc]</c>, which creates under the caller, so <paramref name="parent"/> must be
    /// <see cref="ResourceId.Self"/>). Result: the new client's RID.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Create(
        ResourceId parent,
        ClientDescription description,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        Create(
            "client",
            parent,
            description is null
                ? Required<ClientDescription>("description")
                : description.Validate("description"),
            (w, d) => d.WriteTo(w),
            form
        );

    /// <summary>
    /// <c>create [R_parent, "dataport", desc]</c> (pyonep's <c>createDataport</c>; with
    /// <see cref="ArgumentForm.Pyonep"/>: <c>["dataport", desc]</c> under the caller). Result: the new RID.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Create(
        ResourceId parent,
        DataportDescription description,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        Create(
            "dataport",
            parent,
            description is null
                ? Required<DataportDescription>("description")
                : description.Validate("description"),
            (w, d) => d.WriteTo(w),
            form
        );

    /// <summary>
    /// <c>create [R_parent, "datarule", desc]</c> (with <see cref="ArgumentForm.Pyonep"/>:
    /// <c>["datarule", desc]</c> under the caller). Result: the new RID.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Create(
        ResourceId parent,
        DataruleDescription description,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        Create(
            "datarule",
            parent,
            description is null
                ? Required<DataruleDescription>("description")
                : description.Validate("description"),
            (w, d) => d.WriteTo(w),
            form
        );

    /// <summary>
    /// <c>create [R_parent, "dispatch", desc]</c> (with <see cref="ArgumentForm.Pyonep"/>:
    /// <c>["dispatch", desc]</c> under the caller). Result: the new RID.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Create(
        ResourceId parent,
        DispatchDescription description,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        Create(
            "dispatch",
            parent,
            description is null
                ? Required<DispatchDescription>("description")
                : description.Validate("description"),
            (w, d) => d.WriteTo(w),
            form
        );

    /// <summary>
    /// <c>create [R_parent, "clone", desc]</c>: a copy of a client (by RID or non-activated share code) under
    /// <paramref name="parent"/> (with <see cref="ArgumentForm.Pyonep"/>: <c>["clone", desc]</c> under the
    /// caller). Result: the new client's RID.
    /// </summary>
    public static Validation<ApiError, RpcCall<string>> Create(
        ResourceId parent,
        CloneDescription description,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        Create(
            "clone",
            parent,
            description is null
                ? Required<CloneDescription>("description")
                : description.Validate("description"),
            (w, d) => d.WriteTo(w),
            form
        );

    private static Validation<ApiError, RpcCall<string>> Create<D>(
        string type,
        ResourceId parent,
        Validation<ApiError, D> description,
        Action<Utf8JsonWriter, D> writeDescription,
        ArgumentForm form
    ) =>
        (Parent(parent, form), description, Form("form", form)).Apply(
            (p, d, f) =>
                RpcCall.Create(
                    "create",
                    w =>
                    {
                        if (f == ArgumentForm.Documented)
                            p.WriteTo(w);
                        w.WriteStringValue(type);
                        writeDescription(w, d);
                    },
                    NewRid
                )
        );

    private static Validation<ApiError, ResourceId> Parent(ResourceId parent, ArgumentForm form) =>
        form == ArgumentForm.Pyonep && parent is not null && !parent.IsCaller
            ? Fail<ApiError, ResourceId>(
                new ApiError.InvalidArgument(
                    "parent",
                    "the pyonep form [type, desc] always creates under the caller: pass ResourceId.Self or use the documented form"
                )
            )
            : ResourceId.Require("parent", parent);

    private static Either<ApiError, string> NewRid(RpcAnswer answer) =>
        answer
            .RequireResult()
            .Bind(result =>
                result.ValueKind == JsonValueKind.String && Identifier.IsValid(result.GetString())
                    ? Right<ApiError, string>(result.GetString()!)
                    : Left<ApiError, string>(
                        answer.Malformed(
                            "the new resource's RID (40 lower-case hex characters)",
                            result
                        )
                    )
            );

    /// <summary>
    /// <c>move [R, R_destination, {"aliases": bool}]</c>: gives <paramref name="resource"/> a new owner.
    /// With <paramref name="aliases"/> (the default) its aliases are re-created in the new context; without,
    /// aliases that become invalid are deleted. A resource may not move itself. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Move(
        ResourceId resource,
        ResourceId destination,
        bool aliases = true
    ) =>
        (
            NotSelf("resource", resource, "move"),
            ResourceId.Require("destination", destination)
        ).Apply(
            (r, d) =>
                RpcCall.NoResult(
                    "move",
                    w =>
                    {
                        r.WriteTo(w);
                        d.WriteTo(w);
                        w.WriteStartObject();
                        w.WriteBoolean("aliases"u8, aliases);
                        w.WriteEndObject();
                    }
                )
        );

    /// <summary>
    /// <c>update [R, desc]</c>: merges the keys set in <paramref name="update"/> into the stored description.
    /// A resource may not update itself. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Update(
        ResourceId resource,
        ResourceUpdate update
    ) =>
        (
            NotSelf("resource", resource, "update"),
            update is null
                ? Required<ResourceUpdate>("description")
                : update.Validate("description")
        ).Apply(
            (r, u) =>
                RpcCall.NoResult(
                    "update",
                    w =>
                    {
                        r.WriteTo(w);
                        u.WriteTo(w);
                    }
                )
        );

    /// <summary>
    /// <c>info [R, options]</c>: the requested parts of what the platform knows about
    /// <paramref name="resource"/> (<see cref="InfoOptions.All"/>: every part the caller may see).
    /// </summary>
    public static Validation<ApiError, RpcCall<ResourceInfo>> Info(
        ResourceId resource,
        InfoOptions options
    ) =>
        (
            ResourceId.Require("resource", resource),
            options is null
                ? Required<InfoOptions>("options")
                : Success<ApiError, InfoOptions>(options)
        ).Apply(
            (r, o) =>
                RpcCall.Create(
                    "info",
                    w =>
                    {
                        r.WriteTo(w);
                        o.WriteTo(w);
                    },
                    answer =>
                        answer
                            .RequireResult()
                            .Bind(result => ResourceInfo.FromJson(answer, result)),
                    readOnly: true
                )
        );

    /// <summary>
    /// <c>listing [R_client, [types], options]</c>: the RIDs of <paramref name="client"/>'s resources of each
    /// type. With <see cref="ArgumentForm.Pyonep"/> and <paramref name="client"/> =
    /// <see cref="ResourceId.Self"/>, the deprecated <c>[[types], options]</c> (pyonep's
    /// <c>listing(auth, types, options)</c>); pyonep sends the documented form whenever a resource is given.
    /// The status <c>error</c> means an invalid type.
    /// </summary>
    public static Validation<ApiError, RpcCall<Listing>> Listing(
        ResourceId client,
        Seq<ResourceType> types,
        ListingOptions options,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (
            ResourceId.Require("client", client),
            Types(types),
            options is null ? Required<ListingOptions>("options") : options.Validate("options"),
            Form("form", form)
        ).Apply(
            (c, t, o, f) =>
                RpcCall.Create(
                    "listing",
                    w =>
                    {
                        if (f == ArgumentForm.Documented || !c.IsCaller)
                            c.WriteTo(w);
                        WriteTypes(w, t);
                        o.WriteTo(w);
                    },
                    answer => ParseListing(answer, t),
                    readOnly: true
                )
        );

    /// <summary>
    /// The deprecated one-argument <c>listing [[types]]</c> (pyonep's <c>listing(auth, types)</c>): the caller's
    /// own resources; the server answers with a list of RID lists in type order.
    /// </summary>
    public static Validation<ApiError, RpcCall<Listing>> Listing(Seq<ResourceType> types) =>
        Types(types)
            .Map(t =>
                RpcCall.Create(
                    "listing",
                    w => WriteTypes(w, t),
                    answer => ParseListing(answer, t),
                    readOnly: true
                )
            );

    private static Either<ApiError, Listing> ParseListing(
        RpcAnswer answer,
        Seq<ResourceType> types
    ) => answer.RequireResult().Bind(result => OnePlatform.Listing.FromJson(answer, result, types));

    private static Validation<ApiError, Seq<ResourceType>> Types(Seq<ResourceType> types)
    {
        if (types.IsEmpty)
            return Fail<ApiError, Seq<ResourceType>>(
                new ApiError.InvalidArgument("types", "must name at least one type")
            );
        var seen = new System.Collections.Generic.HashSet<ResourceType>();
        return ArgumentChecks
            .Each(
                "types",
                types,
                (n, t) =>
                    !Enum.IsDefined(t) ? ArgumentChecks.Problem(n, "is not a known value")
                    : !seen.Add(t) ? ArgumentChecks.Problem(n, "repeats an earlier type")
                    : ArgumentChecks.Ok
            )
            .Map(_ => types);
    }

    private static void WriteTypes(Utf8JsonWriter w, Seq<ResourceType> types)
    {
        w.WriteStartArray();
        foreach (var t in types)
            w.WriteStringValue(ResourceTypes.Name(t));
        w.WriteEndArray();
    }

    /// <summary>
    /// <c>drop [R]</c>: deletes <paramref name="resource"/>; dropping a client drops its whole subtree. The
    /// status <c>restricted</c> means the caller does not own it. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Drop(ResourceId resource) =>
        ResourceId
            .Require("resource", resource)
            .Map(r => RpcCall.NoResult("drop", w => r.WriteTo(w)));

    /// <summary>
    /// <c>usage [R_client, metric, starttime, endtime]</c>: how much of <paramref name="metric"/> the client used
    /// in the window (Unix seconds). Result: the number.
    /// </summary>
    public static Validation<ApiError, RpcCall<long>> Usage(
        ResourceId client,
        UsageMetric metric,
        long startTime,
        long endTime
    ) =>
        (
            ResourceId.Require("client", client),
            ArgumentChecks.Defined("metric", metric),
            ArgumentChecks.NonNegative("startTime", startTime),
            ArgumentChecks.NonNegative("endTime", endTime),
            startTime >= 0 && endTime >= 0 && endTime < startTime
                ? ArgumentChecks.Problem("endTime", "must not be before startTime")
                : ArgumentChecks.Ok
        ).Apply(
            (c, _, _, _, _) =>
                RpcCall.Create(
                    "usage",
                    w =>
                    {
                        c.WriteTo(w);
                        w.WriteStringValue(metric.ToString().ToLowerInvariant());
                        w.WriteNumberValue(startTime);
                        w.WriteNumberValue(endTime);
                    },
                    answer =>
                        answer
                            .RequireResult()
                            .Bind(result =>
                                InfoJson
                                    .Integer(result)
                                    .Filter(_ => IsWhole(result))
                                    .ToEither(() => answer.Malformed("a whole number", result))
                            ),
                    readOnly: true
                )
        );

    /// <summary><c>usage</c> over a window given as times (whole seconds).</summary>
    public static Validation<ApiError, RpcCall<long>> Usage(
        ResourceId client,
        UsageMetric metric,
        DateTimeOffset start,
        DateTimeOffset end
    ) => Usage(client, metric, start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds());

    private static bool IsWhole(JsonElement e) =>
        e.TryGetInt64(out _) || (e.TryGetDouble(out var d) && d == Math.Floor(d));

    private static Validation<ApiError, ResourceId> NotSelf(
        string field,
        ResourceId resource,
        string procedure
    ) =>
        resource is { IsCaller: true }
            ? Fail<ApiError, ResourceId>(
                new ApiError.InvalidArgument(
                    field,
                    $"a resource may not {procedure} itself: name a descendant"
                )
            )
            : ResourceId.Require(field, resource);

    private static Validation<ApiError, ArgumentForm> Form(string field, ArgumentForm form) =>
        ArgumentChecks.Defined(field, form).Map(_ => form);

    private static Validation<ApiError, T> Required<T>(string field) =>
        Fail<ApiError, T>(new ApiError.InvalidArgument(field, "is required"));
}
