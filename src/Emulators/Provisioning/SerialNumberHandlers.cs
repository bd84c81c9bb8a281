using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.OnePlatform.Model;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// Serial numbers of a model (§3.2, §3.3) and their lifecycle (§3.8): add (form, <c>sn[]</c>, CSV, JSON ranges),
/// remove, list, ranges, info, groups, activation log, enable with an owner (clones the template client, status
/// <c>notactivated</c>), regenerate, remap, disable and delete. Through a share only enable, disable and re-enable
/// and a list of the caller's own serial numbers are allowed.
/// </summary>
internal sealed class SerialNumberHandlers(EmulatorState state)
{
    private static readonly JsonDocumentOptions JsonLimits = new() { MaxDepth = 16 };

    /// <summary><c>/provision/manage/model/&lt;model&gt;/</c>.</summary>
    public ProvisioningReply Collection(ProvisioningRequest request, ModelScope scope)
    {
        var model = scope.Model;
        if (HttpMethods.IsGet(request.Method))
        {
            if (request.QueryValue("show") == "ranges")
            {
                return scope.Shared ? ProvisioningReply.Forbidden : Ranges(model);
            }
            return List(request, scope);
        }
        if (scope.Shared)
        {
            return ProvisioningReply.Forbidden;
        }
        if (request.IsJson)
        {
            return HttpMethods.IsPost(request.Method) || HttpMethods.IsDelete(request.Method)
                ? ChangeRanges(model, request, add: HttpMethods.IsPost(request.Method))
                : ProvisioningReply.MethodNotAllowed;
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            Remove(model, request.CsvRows?.Select(row => row[0]) ?? request.Fields("sn"));
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
        var added = request.CsvRows is { } rows
            ? rows.Select(cells =>
                    (Sn: cells[0], Extra: cells.Length > 1 ? string.Join(',', cells[1..]) : "")
                )
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
    public ProvisioningReply One(ProvisioningRequest request, ModelScope scope, string sn)
    {
        var model = scope.Model;
        if (model.Find(sn, keep: HttpMethods.IsPost(request.Method)) is not { } serial)
        {
            return ProvisioningReply.NotFound;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            return scope.Shared ? ProvisioningReply.Forbidden : Show(request, model, serial);
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            if (scope.Shared)
            {
                return ProvisioningReply.Forbidden;
            }
            model.SerialNumbers.Remove(sn);
            return ProvisioningReply.ResetContent;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        var enabledElsewhere =
            scope.Shared && serial.ClientRid is not null && serial.EnabledBy != scope.Caller.Name;
        if (request.Flag("disable"))
        {
            if (enabledElsewhere)
            {
                return ProvisioningReply.Forbidden;
            }
            if (Client(serial) is not { } client)
            {
                return ProvisioningReply.Conflict;
            }
            client.Status = ClientStatus.Expired;
            return ProvisioningReply.ResetContent;
        }
        if (!request.Flag("enable"))
        {
            return ProvisioningReply.BadRequest;
        }
        if (request.Field("owner") is { } owner)
        {
            return Enable(scope, serial, owner);
        }
        if (enabledElsewhere)
        {
            return ProvisioningReply.Forbidden;
        }
        if (request.Field("oldsn") is { } oldSn)
        {
            if (
                scope.Shared
                || Client(serial) is not null
                || model.Find(oldSn, keep: true) is not { } old
                || Client(old) is not { } moved
            )
            {
                return scope.Shared ? ProvisioningReply.Forbidden : ProvisioningReply.Conflict;
            }
            old.ClientRid = null;
            serial.ClientRid = moved.Rid;
            serial.EnabledBy = old.EnabledBy;
            old.EnabledBy = null;
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

    /// <summary>GET one serial number: its client row, its groups (<c>show=groups</c>) or its log (<c>show=log</c>).</summary>
    private ProvisioningReply Show(
        ProvisioningRequest request,
        DeviceModel model,
        SerialNumber serial
    )
    {
        switch (request.QueryValue("show"))
        {
            case "log":
                return serial.Log.Count == 0
                    ? ProvisioningReply.NoContent
                    : ProvisioningReply.CsvLines(
                        serial.Log.Select(e =>
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"{e.Timestamp},{e.ConnectionInfo},{e.Entry}"
                            )
                        )
                    );
            case "groups":
                return GroupHandlers.GroupsHolding(request, model, "sn", serial.Sn);
            case null:
                return Client(serial) is not { } client
                    ? ProvisioningReply.NoContent
                    : ProvisioningReply.CsvLines([
                        ProvisioningCsv.Line(client.Status.Name(), client.Rid, serial.Extra),
                    ]);
            default:
                return ProvisioningReply.BadRequest;
        }
    }

    private ProvisioningReply List(ProvisioningRequest request, ModelScope scope)
    {
        var offset = Number(request.QueryValue("offset"), 0);
        var limit = Math.Clamp(Number(request.QueryValue("limit"), 5), 5, 1000);
        var withStatus = request.QueryValue("status") == "true";
        var rows = scope
            .Model.SerialNumbers.Values.Where(serial =>
                !scope.Shared || serial.EnabledBy == scope.Caller.Name
            )
            .Skip(offset)
            .Take(limit)
            .Select(serial =>
            {
                var client = Client(serial);
                var rid = client?.Rid ?? "";
                var extra = scope.Shared ? "" : serial.Extra;
                return withStatus
                    ? ProvisioningCsv.Line(serial.Sn, client?.Status.Name() ?? "", rid, extra)
                    : ProvisioningCsv.Line(serial.Sn, rid, extra);
            });
        return ProvisioningReply.CsvLines(rows);
    }

    private static ProvisioningReply Ranges(DeviceModel model)
    {
        var ranges = new JsonArray([.. model.Ranges.Select(r => (JsonNode)r.ToJson())]);
        return new ProvisioningReply(
            StatusCodes.Status200OK,
            "application/javascript; charset=utf-8",
            new JsonObject { ["ranges"] = ranges }.ToJsonString()
        );
    }

    /// <summary>Adds or deletes the ranges of a <c>{"ranges":[…]}</c> body; 400 when any range is invalid.</summary>
    private static ProvisioningReply ChangeRanges(
        DeviceModel model,
        ProvisioningRequest request,
        bool add
    )
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Bytes, documentOptions: JsonLimits);
        }
        catch (JsonException)
        {
            return ProvisioningReply.BadRequest;
        }
        if (body is not JsonObject { } o || o["ranges"] is not JsonArray items || items.Count == 0)
        {
            return ProvisioningReply.BadRequest;
        }
        var ranges = items.Select(SerialNumberRange.FromJson).ToList();
        if (ranges.Any(r => r is null))
        {
            return ProvisioningReply.BadRequest;
        }
        foreach (var range in ranges)
        {
            if (add && !model.Ranges.Contains(range!))
            {
                model.Ranges.Add(range!);
            }
            else if (!add)
            {
                model.Ranges.Remove(range!);
            }
        }
        return ProvisioningReply.ResetContent;
    }

    private ProvisioningReply Enable(ModelScope scope, SerialNumber serial, string ownerRid)
    {
        var model = scope.Model;
        if (state.Tree.Find(ownerRid) is not { IsClient: true } owner)
        {
            return ProvisioningReply.BadRequest;
        }
        if (
            state.Tree.Find(scope.Caller.OwnerRid) is not { } creator
            || !state.Tree.InSubtree(creator, owner)
        )
        {
            return ProvisioningReply.Forbidden;
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
                ["vendor"] = scope.Owner.Name,
                ["model"] = model.Name,
                ["sn"] = serial.Sn,
            },
        };
        client.Description["meta"] = device.ToJsonString();
        client.Status = ClientStatus.NotActivated;
        serial.ClientRid = client.Rid;
        serial.EnabledBy = scope.Caller.Name;
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
        foreach (var sn in serials)
        {
            model.SerialNumbers.Remove(sn);
        }
    }

    internal static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : fallback;
}
