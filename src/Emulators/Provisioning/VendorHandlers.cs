using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// Vendor registration (<c>/provision/register</c>), vendor tokens (<c>/provision/admin/auth/</c>) and model shares
/// (<c>/provision/manage/share/&lt;model&gt;/…</c>) of §3.6.
/// </summary>
internal sealed class VendorHandlers(EmulatorState state, ProvisioningState provisioning)
{
    /// <summary>
    /// <c>GET</c> → the caller's vendor name (by token or vendor CIK); <c>POST vendor=</c> → registers a new vendor
    /// owned by the CIK's client (409 when the name is taken or the client has one); <c>POST delete=true&amp;vendor=</c>
    /// → removes the caller's own vendor with its models.
    /// </summary>
    public ProvisioningReply Register(ProvisioningRequest request, Resource? client)
    {
        var caller =
            (request.Token is { } token ? provisioning.ByToken(token) : null)
            ?? (client is not null ? provisioning.ByOwner(client.Rid) : null);
        if (HttpMethods.IsGet(request.Method))
        {
            return caller is not null ? Text(caller.Name)
                : client is not null ? ProvisioningReply.NotFound
                : ProvisioningReply.Forbidden;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Field("vendor") is not { Length: > 0 } name)
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Flag("delete"))
        {
            if (caller is null)
            {
                return ProvisioningReply.Forbidden;
            }
            if (!provisioning.Vendors.ContainsKey(name))
            {
                return ProvisioningReply.NotFound;
            }
            if (caller.Name != name)
            {
                return ProvisioningReply.Forbidden;
            }
            provisioning.Vendors.Remove(name);
            foreach (var other in provisioning.Vendors.Values)
            {
                foreach (var model in other.Models.Values)
                {
                    model.SharedWith.Remove(name);
                }
            }
            return ProvisioningReply.ResetContent;
        }
        if (client is null)
        {
            return ProvisioningReply.Forbidden;
        }
        if (provisioning.Vendors.ContainsKey(name) || provisioning.ByOwner(client.Rid) is not null)
        {
            return ProvisioningReply.Conflict;
        }
        provisioning.Vendors[name] = new Vendor(name, client.Rid);
        return ProvisioningReply.ResetContent;
    }

    /// <summary><c>/provision/admin/auth/[&lt;id&gt;]</c> for the vendor of the calling vendor CIK.</summary>
    public ProvisioningReply Tokens(ProvisioningRequest request, Vendor vendor, string? id)
    {
        if (id is not null)
        {
            if (!vendor.Tokens.TryGetValue(id, out var token))
            {
                return ProvisioningReply.NotFound;
            }
            if (HttpMethods.IsGet(request.Method))
            {
                return Text(token);
            }
            if (!HttpMethods.IsDelete(request.Method))
            {
                return ProvisioningReply.MethodNotAllowed;
            }
            vendor.Tokens.Remove(id);
            return ProvisioningReply.ResetContent;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            return ProvisioningReply.CsvLines(vendor.Tokens.Keys);
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Field("id") is not { Length: > 0 } name)
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Flag("delete"))
        {
            return vendor.Tokens.Remove(name)
                ? ProvisioningReply.ResetContent
                : ProvisioningReply.NotFound;
        }
        if (vendor.Tokens.ContainsKey(name))
        {
            return ProvisioningReply.Conflict;
        }
        var created = state.Tree.NewId();
        vendor.Tokens[name] = created;
        return Text(created);
    }

    /// <summary><c>/provision/manage/share/&lt;model&gt;/[&lt;vendor&gt;]</c> on one of the caller's models.</summary>
    public ProvisioningReply Shares(
        ProvisioningRequest request,
        Vendor caller,
        string name,
        string? vendor
    )
    {
        if (!caller.Models.TryGetValue(name, out var model))
        {
            return ProvisioningReply.NotFound;
        }
        if (vendor is not null)
        {
            if (HttpMethods.IsGet(request.Method))
            {
                return model.SharedWith.Contains(vendor)
                    ? ProvisioningReply.NoContent
                    : ProvisioningReply.NotFound;
            }
            if (!HttpMethods.IsDelete(request.Method))
            {
                return ProvisioningReply.MethodNotAllowed;
            }
            return model.SharedWith.Remove(vendor)
                ? ProvisioningReply.ResetContent
                : ProvisioningReply.NotFound;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            return model.SharedWith.Count == 0
                ? ProvisioningReply.NoContent
                : ProvisioningReply.CsvLines(model.SharedWith);
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Field("vendor") is not { Length: > 0 } other)
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Flag("delete"))
        {
            return model.SharedWith.Remove(other)
                ? ProvisioningReply.ResetContent
                : ProvisioningReply.NotFound;
        }
        if (!provisioning.Vendors.ContainsKey(other))
        {
            return ProvisioningReply.NotFound;
        }
        if (other == caller.Name)
        {
            return ProvisioningReply.BadRequest;
        }
        model.SharedWith.Add(other);
        return ProvisioningReply.ResetContent;
    }

    private static ProvisioningReply Text(string body) =>
        new(StatusCodes.Status200OK, ProvisioningReply.Text, body);
}
