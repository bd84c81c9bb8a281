using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// The Provisioning API's part of the state file: vendors with tokens and models; models with template, options,
/// shares, serial numbers (client, enabling vendor, log), ranges, content (blob as base64) and groups.
/// </summary>
internal static class ProvisioningStore
{
    public static JsonObject ToJson(ProvisioningState state)
    {
        var vendors = new JsonArray();
        foreach (var vendor in state.Vendors.Values)
        {
            vendors.Add(
                new JsonObject
                {
                    ["name"] = vendor.Name,
                    ["owner"] = vendor.OwnerRid,
                    ["tokens"] = new JsonObject([
                        .. vendor.Tokens.Select(t =>
                            KeyValuePair.Create(t.Key, (JsonNode?)t.Value)
                        ),
                    ]),
                    ["models"] = new JsonArray([.. vendor.Models.Values.Select(Model)]),
                }
            );
        }
        return new JsonObject { ["vendors"] = vendors };
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static ProvisioningState FromJson(JsonObject json)
    {
        var state = new ProvisioningState();
        foreach (var node in Array(json["vendors"]))
        {
            var vendor = new Vendor(Text(node?["name"]), Text(node?["owner"]));
            foreach (var (id, token) in node!["tokens"] as JsonObject ?? [])
            {
                vendor.Tokens[id] = Text(token);
            }
            foreach (var m in Array(node["models"]))
            {
                var model = ReadModel(m ?? throw new InvalidDataException("model"));
                vendor.Models[model.Name] = model;
            }
            state.Vendors[vendor.Name] = vendor;
        }
        return state;
    }

    private static JsonNode Model(DeviceModel model) =>
        new JsonObject
        {
            ["name"] = model.Name,
            ["rid"] = model.TemplateRid,
            ["code"] = model.Code,
            ["options"] = Strings(model.Options),
            ["sharedWith"] = Strings(model.SharedWith),
            ["ranges"] = new JsonArray([.. model.Ranges.Select(r => (JsonNode)r.ToJson())]),
            ["serialNumbers"] = new JsonArray([
                .. model.SerialNumbers.Values.Select(sn =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["sn"] = sn.Sn,
                            ["extra"] = sn.Extra,
                            ["client"] = sn.ClientRid,
                            ["enabledBy"] = sn.EnabledBy,
                            ["log"] = new JsonArray([
                                .. sn.Log.Select(e =>
                                    (JsonNode)new JsonArray(e.Timestamp, e.ConnectionInfo, e.Entry)
                                ),
                            ]),
                        }
                ),
            ]),
            ["content"] = new JsonArray([
                .. model.Content.Values.Select(c =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["id"] = c.Id,
                            ["meta"] = c.Meta,
                            ["protected"] = c.Protected,
                            ["type"] = c.ContentType,
                            ["updated"] = c.Updated,
                            ["data"] = Convert.ToBase64String(c.Data),
                        }
                ),
            ]),
            ["groups"] = new JsonArray([
                .. model.Groups.Values.Select(g =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["id"] = g.Id,
                            ["meta"] = g.Meta,
                            ["members"] = new JsonArray([
                                .. g.Members.Select(m =>
                                    (JsonNode)new JsonArray(m.Type, m.Id, m.Expire, m.Meta)
                                ),
                            ]),
                        }
                ),
            ]),
        };

    private static DeviceModel ReadModel(JsonNode m)
    {
        var model = new DeviceModel(Text(m["name"]))
        {
            TemplateRid = Optional(m["rid"]),
            Code = Optional(m["code"]),
            Options = [.. Array(m["options"]).Select(Text)],
        };
        foreach (var vendor in Array(m["sharedWith"]))
        {
            model.SharedWith.Add(Text(vendor));
        }
        foreach (var r in Array(m["ranges"]))
        {
            model.Ranges.Add(
                SerialNumberRange.FromJson(r) ?? throw new InvalidDataException("range")
            );
        }
        foreach (var s in Array(m["serialNumbers"]))
        {
            var serial = new SerialNumber(Text(s?["sn"]), Text(s?["extra"]))
            {
                ClientRid = Optional(s!["client"]),
                EnabledBy = Optional(s["enabledBy"]),
            };
            foreach (var e in Array(s["log"]))
            {
                serial.Log.Add(new ActivationLogEntry(Long(e?[0]), Text(e?[1]), Text(e?[2])));
            }
            model.SerialNumbers[serial.Sn] = serial;
        }
        foreach (var c in Array(m["content"]))
        {
            var item = new ContentItem(
                Text(c?["id"]),
                Text(c?["meta"]),
                c?["protected"] is JsonValue p && p.TryGetValue<bool>(out var b) && b,
                Long(c?["updated"])
            )
            {
                ContentType = Text(c?["type"]),
            };
            try
            {
                item.Data = Convert.FromBase64String(Text(c?["data"]));
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException("content data is not base64", ex);
            }
            model.Content[item.Id] = item;
        }
        foreach (var g in Array(m["groups"]))
        {
            var group = new ProvisioningGroup(Text(g?["id"]), Text(g?["meta"]));
            foreach (var x in Array(g?["members"]))
            {
                group.Members.Add(
                    new GroupMember(Text(x?[0]), Text(x?[1]), Text(x?[2]), Text(x?[3]))
                );
            }
            model.Groups[group.Id] = group;
        }
        return model;
    }

    private static JsonArray Strings(IEnumerable<string> values) =>
        new([.. values.Select(v => (JsonNode)v)]);

    private static string Text(JsonNode? node) =>
        JsonArgs.TryString(node, out var s)
            ? s
            : throw new InvalidDataException("expected a string");

    private static string? Optional(JsonNode? node) => node is null ? null : Text(node);

    private static long Long(JsonNode? node) =>
        JsonArgs.TryLong(node, out var l)
            ? l
            : throw new InvalidDataException("expected an integer");

    private static JsonArray Array(JsonNode? node) => node as JsonArray ?? [];
}
