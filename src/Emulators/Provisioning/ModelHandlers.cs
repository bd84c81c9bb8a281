using System.Text;
using Functional.Emulators.OnePlatform;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>Models (§3.1): list, create (from a template RID or share code), info, update and delete.</summary>
internal sealed class ModelHandlers(EmulatorState state, ProvisioningState provisioning)
{
    private static readonly string[] KnownOptions = ["noaliases", "nocomments", "nohistorical"];

    /// <summary><c>/provision/manage/model/</c>.</summary>
    public ProvisioningReply Collection(ProvisioningRequest request, Vendor vendor)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return request.QueryValue("show") == "shared"
                ? ProvisioningReply.CsvLines(
                    provisioning
                        .SharedWith(vendor)
                        .Select(s => ProvisioningCsv.Line(s.Owner.Name, s.Model.Name))
                )
                : ProvisioningReply.CsvLines(vendor.Models.Keys);
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Field("model") is not { Length: > 0 } name)
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Flag("delete"))
        {
            return vendor.Models.Remove(name)
                ? ProvisioningReply.ResetContent
                : ProvisioningReply.NotFound;
        }
        if (vendor.Models.ContainsKey(name))
        {
            return ProvisioningReply.Conflict;
        }
        var model = new DeviceModel(name);
        if (Apply(request, vendor, model) is { } failure)
        {
            return failure;
        }
        vendor.Models[name] = model;
        return ProvisioningReply.ResetContent;
    }

    /// <summary><c>/provision/manage/model/&lt;model&gt;</c>.</summary>
    public ProvisioningReply One(ProvisioningRequest request, Vendor vendor, string name)
    {
        if (!vendor.Models.TryGetValue(name, out var model))
        {
            return ProvisioningReply.NotFound;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            var body = new StringBuilder();
            body.Append(model.TemplateRid is { } rid ? "rid=" + rid : "code=" + model.Code);
            foreach (var option in model.Options)
            {
                body.Append("&options[]=").Append(option);
            }
            return new ProvisioningReply(
                StatusCodes.Status200OK,
                ProvisioningReply.Form,
                body.ToString()
            );
        }
        if (HttpMethods.IsPut(request.Method))
        {
            return Apply(request, vendor, model) ?? ProvisioningReply.ResetContent;
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            vendor.Models.Remove(name);
            return ProvisioningReply.ResetContent;
        }
        return ProvisioningReply.MethodNotAllowed;
    }

    /// <summary>
    /// Sets the template (exactly one of <c>rid</c> — a client in the vendor's own subtree — and <c>code</c> — any
    /// share code) and options; null when accepted, 400 otherwise.
    /// </summary>
    private ProvisioningReply? Apply(ProvisioningRequest request, Vendor vendor, DeviceModel model)
    {
        var rid = request.Field("rid");
        var code = request.Field("code");
        var options = request.Fields("options");
        if ((rid is null) == (code is null) || options.Any(o => !KnownOptions.Contains(o)))
        {
            return ProvisioningReply.BadRequest;
        }
        if (
            rid is not null
            && (
                state.Tree.Find(rid) is not { IsClient: true } template
                || state.Tree.Find(vendor.OwnerRid) is not { } creator
                || !state.Tree.InSubtree(creator, template)
            )
        )
        {
            return ProvisioningReply.BadRequest;
        }
        if (code is not null && !state.Tree.Shares.ContainsKey(code))
        {
            return ProvisioningReply.BadRequest;
        }
        model.TemplateRid = rid;
        model.Code = code;
        model.Options = [.. options.Distinct(StringComparer.Ordinal)];
        return null;
    }
}
