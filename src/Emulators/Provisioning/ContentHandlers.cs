using System.Globalization;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// Content (§3.4) on <c>/provision/manage/content/&lt;model&gt;/…</c> and the device-side download (§3.7) on
/// <c>/provision/download</c>, with byte ranges (<c>X-Y</c>, <c>X-</c>, <c>-Y</c>; 206 + <c>Content-Range</c>).
/// Unprotected items are offered to every serial number, protected ones to the serial numbers that share a group with
/// them (§3.5).
/// </summary>
internal sealed class ContentHandlers(EmulatorState state, ProvisioningState provisioning)
{
    /// <summary><c>/provision/manage/content/&lt;model&gt;/</c>.</summary>
    public ProvisioningReply Collection(ProvisioningRequest request, Vendor vendor, string name)
    {
        if (!vendor.Models.TryGetValue(name, out var model))
        {
            return ProvisioningReply.BadRequest;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            var sn = request.QueryValue("sn");
            if (sn is not null && model.Find(sn) is null)
            {
                return ProvisioningReply.BadRequest;
            }
            return ProvisioningReply.CsvLines(
                model
                    .Content.Values.Where(c => sn is null || Visible(model, sn, c))
                    .Select(c => ProvisioningCsv.Line(c.Id))
            );
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Field("id") is not { Length: > 0 } id)
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Flag("delete"))
        {
            return model.Content.Remove(id)
                ? ProvisioningReply.ResetContent
                : ProvisioningReply.NotFound;
        }
        if (model.Content.ContainsKey(id))
        {
            return ProvisioningReply.Conflict;
        }
        model.Content[id] = new ContentItem(
            id,
            request.Field("meta") ?? "",
            request.Flag("protected"),
            state.Now
        );
        return ProvisioningReply.ResetContent;
    }

    /// <summary><c>/provision/manage/content/&lt;model&gt;/&lt;id&gt;</c>.</summary>
    public ProvisioningReply One(ProvisioningRequest request, Vendor vendor, string name, string id)
    {
        if (!vendor.Models.TryGetValue(name, out var model))
        {
            return HttpMethods.IsGet(request.Method)
                ? ProvisioningReply.Forbidden
                : ProvisioningReply.NotFound;
        }
        if (!model.Content.TryGetValue(id, out var item))
        {
            return ProvisioningReply.NotFound;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            if (request.QueryValue("sn") is { } sn)
            {
                if (model.Find(sn) is null)
                {
                    return ProvisioningReply.BadRequest;
                }
                if (!Visible(model, sn, item))
                {
                    return ProvisioningReply.Forbidden;
                }
            }
            if (request.QueryValue("download") == "true")
            {
                return Blob(item, request.Range);
            }
            return request.QueryValue("show") switch
            {
                "groups" => GroupHandlers.GroupsHolding(request, model, "content", item.Id),
                null => ProvisioningReply.CsvLines([
                    request.QueryValue("sn") is null
                        ? Info(item, withProtected: true)
                        : Info(item, withProtected: false),
                ]),
                _ => ProvisioningReply.BadRequest,
            };
        }
        if (HttpMethods.IsPost(request.Method))
        {
            item.Data = request.Bytes;
            item.ContentType = request.ContentType ?? "application/octet-stream";
            item.Updated = state.Now;
            return ProvisioningReply.ResetContent;
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            model.Content.Remove(id);
            foreach (var group in model.Groups.Values)
            {
                group.Members.RemoveAll(m => m.Type == "content" && m.Id == id);
            }
            return ProvisioningReply.ResetContent;
        }
        return ProvisioningReply.MethodNotAllowed;
    }

    /// <summary><c>GET /provision/download?vendor&amp;model[&amp;id][&amp;info=true]</c> with the device's CIK.</summary>
    public ProvisioningReply Download(ProvisioningRequest request)
    {
        if (
            request.QueryValue("vendor") is not { } vendorName
            || !provisioning.Vendors.TryGetValue(vendorName, out var vendor)
            || request.QueryValue("model") is not { } name
            || !vendor.Models.TryGetValue(name, out var model)
            || request.Cik is not { } cik
            || state.Tree.FindByCik(cik) is not { Status: ClientStatus.Activated } device
            || model.SerialNumbers.Values.FirstOrDefault(sn => sn.ClientRid == device.Rid)
                is not { } serial
        )
        {
            return ProvisioningReply.Forbidden;
        }
        if (request.QueryValue("id") is not { } id)
        {
            return ProvisioningReply.CsvLines(
                model
                    .Content.Values.Where(c => Visible(model, serial.Sn, c))
                    .Select(c => ProvisioningCsv.Line(c.Id))
            );
        }
        if (!model.Content.TryGetValue(id, out var item) || !Visible(model, serial.Sn, item))
        {
            return ProvisioningReply.Forbidden;
        }
        return request.QueryValue("info") == "true"
            ? ProvisioningReply.CsvLines([Info(item, withProtected: false)])
            : Blob(item, request.Range);
    }

    private bool Visible(DeviceModel model, string sn, ContentItem item) =>
        !item.Protected || GroupHandlers.Allows(model, sn, item.Id, state.Now);

    private static string Info(ContentItem item, bool withProtected)
    {
        var fields = new List<string>
        {
            item.ContentType,
            item.Data.Length.ToString(CultureInfo.InvariantCulture),
            item.Updated.ToString(CultureInfo.InvariantCulture),
            item.Meta,
        };
        if (withProtected)
        {
            fields.Add(item.Protected ? "true" : "false");
        }
        return ProvisioningCsv.Line([.. fields]);
    }

    private static ProvisioningReply Blob(ContentItem item, string? range)
    {
        var length = item.Data.Length;
        if (range is null)
        {
            return new ProvisioningReply(
                StatusCodes.Status200OK,
                item.ContentType,
                Blob: item.Data
            );
        }
        if (!TryRange(range, length, out var first, out var last))
        {
            return new ProvisioningReply(
                StatusCodes.Status416RangeNotSatisfiable,
                ContentRange: $"bytes */{length}"
            );
        }
        return new ProvisioningReply(
            StatusCodes.Status206PartialContent,
            item.ContentType,
            Blob: item.Data[first..(last + 1)],
            ContentRange: $"bytes {first}-{last}/{length}"
        );
    }

    /// <summary><c>bytes=X-Y</c> (inclusive), <c>bytes=X-</c> (to the end), <c>bytes=-Y</c> (last Y bytes).</summary>
    private static bool TryRange(string header, int length, out int first, out int last)
    {
        first = 0;
        last = -1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }
        var parts = header["bytes=".Length..].Split('-');
        if (parts.Length != 2)
        {
            return false;
        }
        var hasFirst = int.TryParse(
            parts[0],
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var x
        );
        var hasLast = int.TryParse(
            parts[1],
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var y
        );
        if (hasFirst && (parts[1].Length == 0 || hasLast))
        {
            first = x;
            last = hasLast ? Math.Min(y, length - 1) : length - 1;
            return first <= last && first < length;
        }
        if (parts[0].Length == 0 && hasLast && y > 0 && length > 0)
        {
            first = Math.Max(0, length - y);
            last = length - 1;
            return true;
        }
        return false;
    }
}
