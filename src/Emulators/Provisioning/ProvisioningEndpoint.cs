using System.Diagnostics.CodeAnalysis;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// The Provisioning API face of the emulator (spec §3), on the same server and state as the RPC endpoint:
/// <c>/provision/manage/model/…</c> (vendor auth by <c>X-Exosite-Token</c> or <c>X-Exosite-CIK</c>, else 403) and
/// <c>POST /provision/activate</c> (no auth; empty <c>X-Exosite-*</c> headers are ignored). Each request runs under
/// the state lock; other paths are 404.
/// </summary>
internal sealed class ProvisioningEndpoint(
    EmulatorState state,
    ProvisioningState provisioning,
    ILogger logger
)
{
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
        try
        {
            var request = await ProvisioningRequest.ReadAsync(http, aborted).ConfigureAwait(false);
            ProvisioningReply reply;
            lock (state.Gate)
            {
                reply = Dispatch(request);
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
        catch (Exception ex)
            when (ex is OperationCanceledException or IOException or BadHttpRequestException)
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

    private ProvisioningReply Dispatch(ProvisioningRequest request)
    {
        var s = request.Segments;
        if (s is ["activate"])
        {
            return HttpMethods.IsPost(request.Method)
                ? ActivationHandler.Activate(state, provisioning, request)
                : ProvisioningReply.MethodNotAllowed;
        }
        var content = new ContentHandlers(state, provisioning);
        if (s is ["download"])
        {
            return HttpMethods.IsGet(request.Method)
                ? content.Download(request)
                : ProvisioningReply.MethodNotAllowed;
        }
        if (s is not ["manage", "model" or "content", ..])
        {
            return ProvisioningReply.NotFound;
        }
        if (!IsVendor(request))
        {
            return ProvisioningReply.Forbidden;
        }
        var models = new ModelHandlers(state, provisioning);
        var serials = new SerialNumberHandlers(state, provisioning);
        return s switch
        {
            ["manage", "model"] => models.Collection(request),
            ["manage", "model", var model] when request.TrailingSlash => serials.Collection(
                request,
                model
            ),
            ["manage", "model", var model] => models.One(request, model),
            ["manage", "model", var model, var sn] => serials.One(request, model, sn),
            ["manage", "content", var model] => content.Collection(request, model),
            ["manage", "content", var model, var id] => content.One(request, model, id),
            _ => ProvisioningReply.NotFound,
        };
    }

    private bool IsVendor(ProvisioningRequest request) =>
        (
            request.Token is { } token
            && provisioning.VendorToken is { } expected
            && string.Equals(token, expected, StringComparison.Ordinal)
        )
        || (
            request.Cik is { } cik
            && state.Tree.FindByCik(cik) is { IsClient: true, Status: ClientStatus.Activated }
        );
}
