using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// Serial numbers of a model (§3.2, §3.3) and their lifecycle (§3.8): add, remove, list, info, enable with an owner
/// (clones the template client, status <c>notactivated</c>), regenerate, remap, disable and delete.
/// </summary>
internal sealed class SerialNumberHandlers(EmulatorState state, ProvisioningState provisioning)
{
    /// <summary><c>/provision/manage/model/&lt;model&gt;/</c>.</summary>
    public ProvisioningReply Collection(ProvisioningRequest request, string name)
    {
        if (!provisioning.Models.TryGetValue(name, out var model))
        {
            return ProvisioningReply.NotFound;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            return request.QueryValue("show") == "ranges"
                ? new ProvisioningReply(
                    StatusCodes.Status200OK,
                    "application/javascript; charset=utf-8",
                    "{\"ranges\":[]}"
                )
                : List(request, model);
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            Remove(model, request.CsvLines ?? request.Fields("sn"));
            return ProvisioningReply.ResetContent;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Flag("delete") || request.Flag("remove"))
        {
            Remove(model, request.Fields("sn"));
            return ProvisioningReply.ResetContent;
        }
        var added = request.CsvLines is { } lines
            ? lines
                .Select(line => line.Split(',', 2))
                .Select(cells => (Sn: cells[0], Extra: cells.Length > 1 ? cells[1] : ""))
                .ToList()
            : request
                .Fields("sn")
                .Select(sn => (Sn: sn, Extra: request.Field("extra") ?? ""))
                .ToList();
        if (added.Count == 0 || added.Any(a => a.Sn.Length == 0))
        {
            return ProvisioningReply.BadRequest;
        }
        if (
            added.Any(a => model.SerialNumbers.ContainsKey(a.Sn))
            || added.Select(a => a.Sn).Distinct(StringComparer.Ordinal).Count() != added.Count
        )
        {
            return ProvisioningReply.Conflict;
        }
        foreach (var (sn, extra) in added)
        {
            model.SerialNumbers[sn] = new SerialNumber(sn, extra);
        }
        return ProvisioningReply.ResetContent;
    }

    /// <summary><c>/provision/manage/model/&lt;model&gt;/&lt;sn&gt;</c>.</summary>
    public ProvisioningReply One(ProvisioningRequest request, string name, string sn)
    {
        if (
            !provisioning.Models.TryGetValue(name, out var model)
            || !model.SerialNumbers.TryGetValue(sn, out var serial)
        )
        {
            return ProvisioningReply.NotFound;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            return request.QueryValue("show") is not null || Client(serial) is not { } client
                ? ProvisioningReply.NoContent
                : ProvisioningReply.CsvLines([
                    $"{client.Status.Name()},{client.Rid},{serial.Extra}",
                ]);
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            model.SerialNumbers.Remove(sn);
            return ProvisioningReply.ResetContent;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        if (request.Flag("disable"))
        {
            if (Client(serial) is not { } client)
            {
                return ProvisioningReply.Conflict;
            }
            client.Status = ClientStatus.Expired;
            state.Tree.Dirty = true;
            return ProvisioningReply.ResetContent;
        }
        if (!request.Flag("enable"))
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Field("owner") is { } owner)
        {
            return Enable(model, serial, owner);
        }
        if (request.Field("oldsn") is { } oldSn)
        {
            if (
                Client(serial) is not null
                || !model.SerialNumbers.TryGetValue(oldSn, out var old)
                || Client(old) is not { } moved
            )
            {
                return ProvisioningReply.Conflict;
            }
            old.ClientRid = null;
            serial.ClientRid = moved.Rid;
            Regenerate(moved);
            return ProvisioningReply.ResetContent;
        }
        if (Client(serial) is not { } existing)
        {
            return ProvisioningReply.Conflict;
        }
        Regenerate(existing);
        return ProvisioningReply.ResetContent;
    }

    private ProvisioningReply List(ProvisioningRequest request, DeviceModel model)
    {
        var offset = Number(request.QueryValue("offset"), 0);
        var limit = Math.Clamp(Number(request.QueryValue("limit"), 5), 5, 1000);
        var withStatus = request.QueryValue("status") == "true";
        var rows = model
            .SerialNumbers.Values.Skip(offset)
            .Take(limit)
            .Select(serial =>
            {
                var client = Client(serial);
                var rid = client?.Rid ?? "";
                return withStatus
                    ? $"{serial.Sn},{client?.Status.Name() ?? ""},{rid},{serial.Extra}"
                    : $"{serial.Sn},{rid},{serial.Extra}";
            });
        return ProvisioningReply.CsvLines(rows);
    }

    private ProvisioningReply Enable(DeviceModel model, SerialNumber serial, string ownerRid)
    {
        if (state.Tree.Find(ownerRid) is not { IsClient: true } owner)
        {
            return ProvisioningReply.BadRequest;
        }
        var template =
            model.TemplateRid is { } rid ? state.Tree.Find(rid)
            : model.Code is { } code && state.Tree.Shares.TryGetValue(code, out var share)
                ? state.Tree.Find(share.Rid)
            : null;
        if (Client(serial) is not null || template is not { IsClient: true })
        {
            return ProvisioningReply.Conflict;
        }
        var client = TemplateCloner.Clone(state.Tree, template, owner, model.Options, state.Now);
        if (!Limits.Satisfied(state.Tree, owner))
        {
            state.Tree.RemoveSubtree(client);
            return ProvisioningReply.Conflict;
        }
        var device = new JsonObject
        {
            ["device"] = new JsonObject
            {
                ["type"] = "vendor",
                ["vendor"] = provisioning.Vendor,
                ["model"] = model.Name,
                ["sn"] = serial.Sn,
            },
        };
        client.Description["meta"] = device.ToJsonString();
        client.Status = ClientStatus.NotActivated;
        serial.ClientRid = client.Rid;
        state.Tree.Dirty = true;
        return new ProvisioningReply(StatusCodes.Status200OK, ProvisioningReply.Csv, client.Rid);
    }

    /// <summary>New CIK, status <c>notactivated</c>: the old CIK stops working at once.</summary>
    private void Regenerate(Resource client)
    {
        state.Tree.SetCik(client, state.Tree.NewId());
        client.Status = ClientStatus.NotActivated;
    }

    private Resource? Client(SerialNumber serial) =>
        state.Tree.Find(serial.ClientRid) is { IsClient: true } client ? client : null;

    private static void Remove(DeviceModel model, IEnumerable<string> serials)
    {
        foreach (var line in serials)
        {
            model.SerialNumbers.Remove(line.Split(',', 2)[0]);
        }
    }

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : fallback;
}
