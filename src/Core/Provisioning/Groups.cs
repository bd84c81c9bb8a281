using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>One group of a model: <c>&lt;group id&gt;,&lt;meta&gt;</c>.</summary>
/// <param name="Id">The group id.</param>
/// <param name="Meta">Its meta text.</param>
public sealed record GroupRow(string Id, string Meta);

/// <summary>A group's info: <c>&lt;meta&gt;,&lt;count&gt;</c>.</summary>
/// <param name="Meta">The meta text.</param>
/// <param name="Count">How many members it has.</param>
public sealed record GroupInfo(string Meta, long Count);

/// <summary>One member of a group: <c>&lt;type&gt;,&lt;memberid&gt;,&lt;expire&gt;,&lt;meta&gt;</c>.</summary>
/// <param name="Type">The member type (e.g. <c>sn</c>, <c>content</c>, <c>group</c>).</param>
/// <param name="MemberId">The member's id.</param>
/// <param name="Expire">The expiry as the server wrote it (empty when none).</param>
/// <param name="Meta">The member's meta text.</param>
public sealed record GroupMember(string Type, string MemberId, string Expire, string Meta);

/// <summary>A member to remove from a group by CSV: <c>&lt;type&gt;,&lt;id&gt;</c>.</summary>
/// <param name="Type">The member type (e.g. <c>sn</c>, <c>content</c>, <c>group</c>).</param>
/// <param name="MemberId">The member's id.</param>
public sealed record GroupMemberRef(string Type, string MemberId);

/// <summary>Builders for groups (spec §3.5): <c>/provision/manage/group/&lt;model&gt;/…</c>.</summary>
public static class Groups
{
    private const string Root = ProvisioningChecks.Prefix + "/manage/group";

    private static string ModelPath(string model) => PathSegments.Join(Root, model) + "/";

    private static string GroupPath(string model, string id) => PathSegments.Join(Root, model, id);

    /// <summary><c>GET …/group/&lt;model&gt;/[?offset&amp;limit]</c>: <c>&lt;group id&gt;,&lt;meta&gt;</c> rows; 204 none.</summary>
    public static Validation<ApiError, HttpEffect<Seq<GroupRow>>> List(
        ProvisioningAuth auth,
        string model,
        ProvisioningPage page
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningPage.Require("page", page)
        ).Apply(
            (a, m, p) =>
                ProvisioningChecks.Send(
                    p.AddTo(ProvisioningChecks.Request("GET", ModelPath(m), a)),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows =>
                                ProvisioningResponses.Each(
                                    rows,
                                    (row, _) =>
                                        Right<ApiError, GroupRow>(
                                            new GroupRow(row[0], string.Join(",", row.Skip(1)))
                                        )
                                )
                            )
                )
        );

    /// <summary><c>POST …/group/&lt;model&gt;/</c> form <c>id=&amp;meta=</c>: creates a group. 205; 409 when it exists.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Create(
        ProvisioningAuth auth,
        string model,
        string id,
        string meta
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            ProvisioningChecks.Text("meta", meta)
        ).Apply(
            (a, m, i, me) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", ModelPath(m), a)
                        .WithBody(ProvisioningChecks.Form(("id", i), ("meta", me))),
                    ProvisioningResponses.Done
                )
        );

    /// <summary><c>GET …/group/&lt;model&gt;/&lt;id&gt;</c>: <c>&lt;meta&gt;,&lt;count&gt;</c>.</summary>
    public static Validation<ApiError, HttpEffect<GroupInfo>> Info(
        ProvisioningAuth auth,
        string model,
        string id
    ) =>
        Group(
            auth,
            model,
            id,
            (a, m, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", GroupPath(m, i), a),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows =>
                                rows.Count == 1 && rows.Head.Count >= 2
                                    ? ProvisioningResponses
                                        .Integer(rows.Head.Last, "a member count")
                                        .Map(n => new GroupInfo(
                                            string.Join(",", rows.Head.Take(rows.Head.Count - 1)),
                                            n
                                        ))
                                    : ProvisioningResponses.Malformed<GroupInfo>(
                                        "one <meta>,<count> row",
                                        $"found {rows.Count} row(s)"
                                    )
                            )
                )
        );

    /// <summary><c>GET …/group/&lt;model&gt;/&lt;id&gt;?show=groups[&amp;offset&amp;limit]</c>: parent group ids; 204 none.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> ParentGroups(
        ProvisioningAuth auth,
        string model,
        string id,
        ProvisioningPage page
    ) => ProvisioningChecks.GroupsOf(auth, model, "id", id, page, GroupPath);

    /// <summary><c>DELETE …/group/&lt;model&gt;/&lt;id&gt;</c>. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Delete(
        ProvisioningAuth auth,
        string model,
        string id
    ) =>
        Group(
            auth,
            model,
            id,
            (a, m, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("DELETE", GroupPath(m, i), a),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>GET …/group/&lt;model&gt;/&lt;id&gt;/[?type=][&amp;id=][&amp;offset&amp;limit]</c>: the members; 204 none.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Seq<GroupMember>>> Members(
        ProvisioningAuth auth,
        string model,
        string id,
        Option<string> type,
        Option<string> memberId,
        ProvisioningPage page
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            type.Match(
                t => ProvisioningChecks.Name("type", t),
                () => Success<ApiError, string>("")
            ),
            memberId.Match(
                t => ProvisioningChecks.Name("memberId", t),
                () => Success<ApiError, string>("")
            ),
            ProvisioningPage.Require("page", page)
        ).Apply(
            (a, m, i, _, _, p) =>
            {
                var request = ProvisioningChecks.Request("GET", GroupPath(m, i) + "/", a);
                request = type.Match(t => request.WithQuery("type", t), () => request);
                request = memberId.Match(t => request.WithQuery("id", t), () => request);
                return ProvisioningChecks.Send(
                    p.AddTo(request),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows =>
                                ProvisioningResponses.Each(
                                    rows,
                                    (row, n) =>
                                        row.Count >= 3
                                            ? Right<ApiError, GroupMember>(
                                                new GroupMember(
                                                    row[0],
                                                    row[1],
                                                    row[2],
                                                    string.Join(",", row.Skip(3))
                                                )
                                            )
                                            : ProvisioningResponses.Malformed<GroupMember>(
                                                "<type>,<memberid>,<expire>,<meta> rows",
                                                $"row {n} has {row.Count} field(s)"
                                            )
                                )
                            )
                );
            }
        );

    /// <summary>
    /// <c>POST …/group/&lt;model&gt;/&lt;id&gt;/</c> form <c>type=&amp;id[]=…[&amp;expire=][&amp;meta=]</c>: adds members. 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> AddMembers(
        ProvisioningAuth auth,
        string model,
        string id,
        string type,
        Seq<string> memberIds,
        Option<string> expire,
        Option<string> meta
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            ProvisioningChecks.Name("type", type),
            ProvisioningChecks.Names("memberIds", memberIds),
            expire.Match(
                e => ProvisioningChecks.Text("expire", e),
                () => Success<ApiError, string>("")
            ),
            meta.Match(e => ProvisioningChecks.Text("meta", e), () => Success<ApiError, string>(""))
        ).Apply(
            (a, m, i, t, ids, _, _) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", GroupPath(m, i) + "/", a)
                        .WithBody(
                            ProvisioningChecks.Form(
                                Seq1(new QueryParam("type", t))
                                    + ids.Map(x => new QueryParam("id[]", x))
                                    + expire.Map(e => new QueryParam("expire", e)).ToSeq()
                                    + meta.Map(e => new QueryParam("meta", e)).ToSeq()
                            )
                        ),
                    ProvisioningResponses.Done
                )
        );

    /// <summary><c>POST …/group/&lt;model&gt;/&lt;id&gt;/</c> form <c>type=&amp;id[]=…&amp;delete=true</c>: removes members. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> RemoveMembers(
        ProvisioningAuth auth,
        string model,
        string id,
        string type,
        Seq<string> memberIds
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            ProvisioningChecks.Name("type", type),
            ProvisioningChecks.Names("memberIds", memberIds)
        ).Apply(
            (a, m, i, t, ids) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", GroupPath(m, i) + "/", a)
                        .WithBody(
                            ProvisioningChecks.Form(
                                Seq1(new QueryParam("type", t))
                                    + ids.Map(x => new QueryParam("id[]", x))
                                    + Seq1(new QueryParam("delete", "true"))
                            )
                        ),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>POST …/group/&lt;model&gt;/&lt;id&gt;/</c> with a <c>text/csv</c> body of
    /// <c>&lt;type&gt;,&lt;memberid&gt;,&lt;expire&gt;,&lt;meta&gt;</c> lines: adds members of any types at once (a field
    /// holding a comma, quote or line break is quoted). 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> AddMembersCsv(
        ProvisioningAuth auth,
        string model,
        string id,
        Seq<GroupMember> members
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            Each(
                members,
                (i, m) =>
                    (
                        ProvisioningChecks.Name($"members[{i}].type", m.Type),
                        ProvisioningChecks.Name($"members[{i}].memberId", m.MemberId),
                        ProvisioningChecks.Text($"members[{i}].expire", m.Expire),
                        ProvisioningChecks.Text($"members[{i}].meta", m.Meta)
                    ).Apply((_, _, _, _) => m)
            )
        ).Apply(
            (a, m, i, ms) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", GroupPath(m, i) + "/", a)
                        .WithBody(
                            SerialNumbers.Csv(
                                ms.Map(x => Seq(x.Type, x.MemberId, x.Expire, x.Meta))
                            )
                        ),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>DELETE …/group/&lt;model&gt;/&lt;id&gt;/</c> with a <c>text/csv</c> body of <c>&lt;type&gt;,&lt;id&gt;</c> lines:
    /// removes members of any types at once. 205.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> RemoveMembersCsv(
        ProvisioningAuth auth,
        string model,
        string id,
        Seq<GroupMemberRef> members
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Segment("id", id),
            Each(
                members,
                (i, m) =>
                    (
                        ProvisioningChecks.Name($"members[{i}].type", m.Type),
                        ProvisioningChecks.Name($"members[{i}].memberId", m.MemberId)
                    ).Apply((_, _) => m)
            )
        ).Apply(
            (a, m, i, ms) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("DELETE", GroupPath(m, i) + "/", a)
                        .WithBody(SerialNumbers.Csv(ms.Map(x => Seq(x.Type, x.MemberId)))),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>A non-empty list whose items are all present and pass <paramref name="check"/>, as <c>members[i]</c>.</summary>
    private static Validation<ApiError, Seq<T>> Each<T>(
        Seq<T> items,
        Func<int, T, Validation<ApiError, T>> check
    )
        where T : class =>
        items.IsEmpty
            ? ProvisioningChecks.Problem<Seq<T>>("members", "must not be empty")
            : items
                .Map(
                    (i, x) =>
                        x is null
                            ? ProvisioningChecks.Problem<T>($"members[{i}]", "is required")
                            : check(i, x)
                )
                .Sequence()
                .Map(toSeq);

    private static Validation<ApiError, HttpEffect<T>> Group<T>(
        ProvisioningAuth auth,
        string model,
        string id,
        Func<ProvisioningAuth, string, string, HttpEffect<T>> build
    ) => ProvisioningChecks.Item(auth, model, "id", id, build);
}
