using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// Groups of a model (§3.5) on <c>/provision/manage/group/&lt;model&gt;/…</c>: the group list, one group (meta and
/// member count, parent groups) and its members (<c>&lt;type&gt;,&lt;memberid&gt;,&lt;expire&gt;,&lt;meta&gt;</c>, added
/// and removed by form or CSV). Members of type <c>sn</c> and <c>content</c> in one group (directly or through member
/// groups of type <c>group</c>) let that serial number see that protected content; a member whose numeric
/// <c>expire</c> has passed no longer counts.
/// </summary>
internal static class GroupHandlers
{
    /// <summary>Dispatches <c>…/&lt;model&gt;/</c>, <c>…/&lt;model&gt;/&lt;id&gt;</c> and <c>…/&lt;model&gt;/&lt;id&gt;/</c>.</summary>
    public static ProvisioningReply Handle(
        ProvisioningRequest request,
        DeviceModel model,
        string? id
    )
    {
        if (id is null)
        {
            return Collection(request, model);
        }
        if (!model.Groups.TryGetValue(id, out var group))
        {
            return ProvisioningReply.NotFound;
        }
        return request.TrailingSlash ? Members(request, model, group) : One(request, model, group);
    }

    /// <summary>The ids of the groups holding the member (<paramref name="type"/>, <paramref name="id"/>), paged; 204 none.</summary>
    public static ProvisioningReply GroupsHolding(
        ProvisioningRequest request,
        DeviceModel model,
        string type,
        string id
    )
    {
        var ids = Page(
                request,
                model.Groups.Values.Where(g => g.Members.Any(m => m.Type == type && m.Id == id))
            )
            .Select(g => ProvisioningCsv.Line(g.Id))
            .ToList();
        return ids.Count == 0 ? ProvisioningReply.NoContent : ProvisioningReply.CsvLines(ids);
    }

    /// <summary>
    /// Whether serial number <paramref name="sn"/> shares a group with content <paramref name="contentId"/> (members
    /// of member groups count, unexpired members only).
    /// </summary>
    public static bool Allows(DeviceModel model, string sn, string contentId, long now) =>
        model.Groups.Values.Any(g =>
            Holds(model, g, "sn", sn, now, []) && Holds(model, g, "content", contentId, now, [])
        );

    private static ProvisioningReply Collection(ProvisioningRequest request, DeviceModel model)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var rows = Page(request, model.Groups.Values)
                .Select(g => ProvisioningCsv.Line(g.Id, g.Meta))
                .ToList();
            return rows.Count == 0 ? ProvisioningReply.NoContent : ProvisioningReply.CsvLines(rows);
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
            return Delete(model, id) ? ProvisioningReply.ResetContent : ProvisioningReply.NotFound;
        }
        if (model.Groups.ContainsKey(id))
        {
            return ProvisioningReply.Conflict;
        }
        model.Groups[id] = new ProvisioningGroup(id, request.Field("meta") ?? "");
        return ProvisioningReply.ResetContent;
    }

    private static ProvisioningReply One(
        ProvisioningRequest request,
        DeviceModel model,
        ProvisioningGroup group
    )
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return request.QueryValue("show") switch
            {
                "groups" => GroupsHolding(request, model, "group", group.Id),
                null => ProvisioningReply.CsvLines([
                    ProvisioningCsv.Line(
                        group.Meta,
                        group.Members.Count.ToString(CultureInfo.InvariantCulture)
                    ),
                ]),
                _ => ProvisioningReply.BadRequest,
            };
        }
        if (!HttpMethods.IsDelete(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        Delete(model, group.Id);
        return ProvisioningReply.ResetContent;
    }

    private static ProvisioningReply Members(
        ProvisioningRequest request,
        DeviceModel model,
        ProvisioningGroup group
    )
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var type = request.QueryValue("type");
            var id = request.QueryValue("id");
            var rows = Page(
                    request,
                    group.Members.Where(m =>
                        (type is null || m.Type == type) && (id is null || m.Id == id)
                    )
                )
                .Select(m => ProvisioningCsv.Line(m.Type, m.Id, m.Expire, m.Meta))
                .ToList();
            return rows.Count == 0 ? ProvisioningReply.NoContent : ProvisioningReply.CsvLines(rows);
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            if (request.CsvRows is not { Count: > 0 } rows || rows.Any(r => r.Length < 2))
            {
                return ProvisioningReply.BadRequest;
            }
            foreach (var row in rows)
            {
                group.Members.RemoveAll(m => m.Type == row[0] && m.Id == row[1]);
            }
            return ProvisioningReply.ResetContent;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return ProvisioningReply.MethodNotAllowed;
        }
        List<GroupMember> members;
        if (request.CsvRows is { } csv)
        {
            if (
                csv.Count == 0
                || csv.Any(r => r.Length < 2 || r[0].Length == 0 || r[1].Length == 0)
            )
            {
                return ProvisioningReply.BadRequest;
            }
            members =
            [
                .. csv.Select(r => new GroupMember(
                    r[0],
                    r[1],
                    r.Length > 2 ? r[2] : "",
                    r.Length > 3 ? string.Join(',', r[3..]) : ""
                )),
            ];
        }
        else
        {
            var ids = request.Fields("id");
            if (request.Field("type") is not { Length: > 0 } type || ids.Count == 0)
            {
                return ProvisioningReply.BadRequest;
            }
            if (request.Flag("delete"))
            {
                group.Members.RemoveAll(m => m.Type == type && ids.Contains(m.Id));
                return ProvisioningReply.ResetContent;
            }
            var expire = request.Field("expire") ?? "";
            var meta = request.Field("meta") ?? "";
            members = [.. ids.Select(id => new GroupMember(type, id, expire, meta))];
        }
        if (members.Any(m => !Exists(model, group, m)))
        {
            return ProvisioningReply.NotFound;
        }
        foreach (var member in members)
        {
            group.Members.RemoveAll(m => m.Type == member.Type && m.Id == member.Id);
            group.Members.Add(member);
        }
        return ProvisioningReply.ResetContent;
    }

    /// <summary>
    /// A member of a known type must exist (a group may not hold itself); members of other types are kept as given.
    /// </summary>
    private static bool Exists(DeviceModel model, ProvisioningGroup group, GroupMember member) =>
        member.Type switch
        {
            "sn" => model.Find(member.Id) is not null,
            "content" => model.Content.ContainsKey(member.Id),
            "group" => member.Id != group.Id && model.Groups.ContainsKey(member.Id),
            _ => true,
        };

    /// <summary>Removes a group and its memberships in other groups.</summary>
    private static bool Delete(DeviceModel model, string id)
    {
        if (!model.Groups.Remove(id))
        {
            return false;
        }
        foreach (var other in model.Groups.Values)
        {
            other.Members.RemoveAll(m => m.Type == "group" && m.Id == id);
        }
        return true;
    }

    private static bool Holds(
        DeviceModel model,
        ProvisioningGroup group,
        string type,
        string id,
        long now,
        HashSet<string> seen
    )
    {
        if (!seen.Add(group.Id))
        {
            return false;
        }
        foreach (var member in group.Members.Where(m => Live(m, now)))
        {
            if (member.Type == type && member.Id == id)
            {
                return true;
            }
            if (
                member.Type == "group"
                && model.Groups.TryGetValue(member.Id, out var inner)
                && Holds(model, inner, type, id, now, seen)
            )
            {
                return true;
            }
        }
        return false;
    }

    private static bool Live(GroupMember member, long now) =>
        !long.TryParse(
            member.Expire,
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var expire
        )
        || expire == 0
        || expire > now;

    private static IEnumerable<T> Page<T>(ProvisioningRequest request, IEnumerable<T> items) =>
        items
            .Skip(SerialNumberHandlers.Number(request.QueryValue("offset"), 0))
            .Take(Math.Clamp(SerialNumberHandlers.Number(request.QueryValue("limit"), 5), 5, 1000));
}
