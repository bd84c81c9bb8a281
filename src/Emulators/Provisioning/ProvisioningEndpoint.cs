using System.Diagnostics.CodeAnalysis;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// The Provisioning API face of the emulator (spec §3), on the same server and state as the RPC endpoint:
/// <c>/provision/manage/model/…</c> (vendor auth by <c>X-Exosite-Token</c> or <c>X-Exosite-CIK</c>, else 403) and
/// <c>POST /provision/activate</c> (no auth; empty <c>X-Exosite-*</c> headers are ignored). Each request runs under
/// the state lock; other paths are 404. Management requests act for one vendor (<see cref="Caller"/>).
/// </summary>
internal sealed class ProvisioningEndpoint(
    EmulatorState state,
    ILogger logger,
    long maxBodyBytes = ProvisioningEndpoint.DefaultMaxBodyBytes
)
{
    /// <summary>The body limit when none is given (the emulator's default <c>MaxRequestBodyBytes</c>).</summary>
    public const long DefaultMaxBodyBytes = 16 * 1024 * 1024;

    private readonly ProvisioningState provisioning = state.Provisioning;

    /// <summary>Whether a request path belongs to the Provisioning API.</summary>
    public static bool Handles(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/provision", StringComparison.Ordinal);

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "Whatever a request contains, the server answers instead of crashing."
    )]
    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var aborted = http.RequestAborted;
        // Kestrel's own limit is off (the RPC endpoint answers "too large" itself); here a larger body is a 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }
        try
        {
            var request = await ProvisioningRequest.ReadAsync(http, aborted).ConfigureAwait(false);
            request = request with { Segments = ExactSegments(http) ?? request.Segments };
            ProvisioningReply reply;
            lock (state.Gate)
            {
                reply = Dispatch(request);
                if (!HttpMethods.IsGet(request.Method) && reply.Status < 400)
                {
                    state.Tree.Dirty = true;
                }
                state.Commit();
            }
            http.Response.StatusCode = reply.Status;
            if (reply.ContentRange is { } range)
            {
                http.Response.Headers.ContentRange = range;
            }
            if (reply.Blob is { } blob)
            {
                http.Response.Headers.AcceptRanges = "bytes";
                http.Response.ContentType = reply.ContentType;
                await http.Response.Body.WriteAsync(blob, aborted).ConfigureAwait(false);
            }
            else if (reply.ContentType is { } type)
            {
                http.Response.ContentType = type;
                await http.Response.WriteAsync(reply.Body, aborted).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException ex)
        {
            // A body beyond the limit (413) or a broken one (400).
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = ex.StatusCode;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away or sent a broken stream: nothing to answer.
        }
        catch (Exception ex)
        {
            Log.Crashed(logger, "provisioning request", ex);
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    /// <summary>
    /// The path segments after <c>/provision/</c>, each percent-decoded exactly once. Kestrel's decoded path keeps
    /// <c>%2F</c> encoded but decodes <c>%25</c>, so <c>%252F</c> and <c>%2F</c> look alike there and a second decoding
    /// would turn an escaped <c>%</c> into something else: the segments come from the raw request target instead, with
    /// dot segments removed as Kestrel does. Null when the raw target is not a plain path (absolute form) or does not
    /// line up with the routed path, in which case the routed path's segments are used.
    /// </summary>
    private static string[]? ExactSegments(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith('/'))
        {
            return null;
        }
        var kept = new List<string>();
        foreach (var part in raw.Split('?', 2)[0].Split('/').Skip(1))
        {
            var dots = part.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (dots == ".")
            {
                continue;
            }
            if (dots == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                continue;
            }
            kept.Add(part);
        }
        var routed = (http.Request.Path.Value ?? "/").Split('/').Skip(1).ToArray();
        if (
            kept.Count != routed.Length
            || kept.Count == 0
            || !kept[0].Equals("provision", StringComparison.Ordinal)
        )
        {
            return null;
        }
        return [.. kept.Skip(1).Where(p => p.Length > 0).Select(p => Uri.UnescapeDataString(p))];
    }

    private ProvisioningReply Dispatch(ProvisioningRequest request)
    {
        var s = request.Segments;
        var content = new ContentHandlers(state, provisioning);
        var vendors = new VendorHandlers(state, provisioning);
        switch (s)
        {
            case ["activate"]:
                return HttpMethods.IsPost(request.Method)
                    ? ActivationHandler.Activate(state, provisioning, request)
                    : ProvisioningReply.MethodNotAllowed;
            case ["download"]:
                return HttpMethods.IsGet(request.Method)
                    ? content.Download(request)
                    : ProvisioningReply.MethodNotAllowed;
            case ["register"]:
                // pyonep sends a vendor CIK in X-Exosite-Token here (§1.7 vendor_show/unregister): accept it as a CIK.
                return vendors.Register(
                    request,
                    CallerClient(request) ?? ActivatedClient(request.Token)
                );
            case ["admin", "auth", .. var rest] when rest.Length <= 1:
                return
                    CallerClient(request) is { } client
                    && provisioning.ByOwner(client.Rid) is { } owned
                    ? vendors.Tokens(request, owned, rest.Length == 1 ? rest[0] : null)
                    : ProvisioningReply.Forbidden;
            case ["manage", "model" or "content" or "group" or "share", ..]:
                break;
            default:
                return ProvisioningReply.NotFound;
        }
        if (Caller(request) is not { } caller)
        {
            return ProvisioningReply.Forbidden;
        }
        var models = new ModelHandlers(state, provisioning);
        var serials = new SerialNumberHandlers(state);
        return s switch
        {
            ["manage", "model"] => models.Collection(request, caller),
            ["manage", "model", var model] when request.TrailingSlash => WithScope(
                request,
                caller,
                model,
                scope => serials.Collection(request, scope)
            ),
            ["manage", "model", var model] => request.SharedVendor is { } other
            && other != caller.Name
                ? ProvisioningReply.Forbidden
                : models.One(request, caller, model),
            ["manage", "model", var model, var sn] => WithScope(
                request,
                caller,
                model,
                scope => serials.One(request, scope, sn)
            ),
            ["manage", "content", var model] => content.Collection(request, caller, model),
            ["manage", "content", var model, var id] => content.One(request, caller, model, id),
            ["manage", "group", var model, .. var rest] when rest.Length <= 1 =>
                caller.Models.TryGetValue(model, out var owned)
                    ? GroupHandlers.Handle(request, owned, rest.Length == 1 ? rest[0] : null)
                    : ProvisioningReply.NotFound,
            ["manage", "share", var model] => vendors.Shares(request, caller, model, null),
            ["manage", "share", var model, var vendor] => vendors.Shares(
                request,
                caller,
                model,
                vendor
            ),
            _ => ProvisioningReply.NotFound,
        };
    }

    /// <summary>
    /// Resolves the model a serial-number request addresses: the caller's own, or — with <c>X-Exosite-Vendor</c> (or
    /// <c>shared=</c> on a list) naming another vendor — that vendor's model, when it is shared with the caller.
    /// </summary>
    private ProvisioningReply WithScope(
        ProvisioningRequest request,
        Vendor caller,
        string name,
        Func<ModelScope, ProvisioningReply> handle
    )
    {
        var other = request.SharedVendor ?? request.QueryValue("shared");
        if (other is null || other == caller.Name)
        {
            return caller.Models.TryGetValue(name, out var own)
                ? handle(new ModelScope(caller, caller, own))
                : ProvisioningReply.NotFound;
        }
        if (
            !provisioning.Vendors.TryGetValue(other, out var owner)
            || !owner.Models.TryGetValue(name, out var model)
        )
        {
            return ProvisioningReply.NotFound;
        }
        return model.SharedWith.Contains(caller.Name)
            ? handle(new ModelScope(owner, caller, model))
            : ProvisioningReply.Forbidden;
    }

    /// <summary>
    /// The vendor a management request acts for: the vendor holding the <c>X-Exosite-Token</c>, or the vendor
    /// registered by the activated client whose CIK is in <c>X-Exosite-CIK</c>; null (→ 403) otherwise.
    /// </summary>
    private Vendor? Caller(ProvisioningRequest request) =>
        request.Token is { } token ? provisioning.ByToken(token)
        : CallerClient(request) is { } client ? provisioning.ByOwner(client.Rid)
        : null;

    private Resource? CallerClient(ProvisioningRequest request) => ActivatedClient(request.Cik);

    private Resource? ActivatedClient(string? cik) =>
        cik is not null
        && state.Tree.FindByCik(cik) is { IsClient: true, Status: ClientStatus.Activated } client
            ? client
            : null;
}
