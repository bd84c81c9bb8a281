using Functional.Core.Interpreter;
using Functional.Core.Provisioning;
using static Functional.Tests.Provisioning.ProvisioningBuilderTests;

namespace Functional.Tests.Provisioning;

/// <summary>Group builders (spec §3.5): requests, validation and answers.</summary>
public sealed class ProvisioningGroupTests
{
    private static string Form(HttpRequest r) => ((HttpBody.Form)r.Body).Encoded;

    private static T Ok<T>(Validation<ApiError, HttpEffect<T>> built, int status, string body) =>
        HttpInterpreter
            .Run(Valid(built), _ => HttpResponse.Text(status, body))
            .Match(v => v, e => throw new InvalidOperationException(e.Message));

    [Fact]
    public void Group_requests()
    {
        var list = RequestOf(Groups.List(VendorAuth, "m", ProvisioningPage.Of(0, 10)));
        Assert.Equal(
            "GET /provision/manage/group/m/?offset=0&limit=10",
            $"{list.Method} {list.PathAndQuery}"
        );
        Assert.Equal(RetrySafety.Safe, list.Retry);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Token)), list.Headers);
        var create = RequestOf(Groups.Create(VendorAuth, "m", "g1", "meta"));
        Assert.Equal("POST /provision/manage/group/m/", $"{create.Method} {create.PathAndQuery}");
        Assert.Equal("id=g1&meta=meta", Form(create));
        var info = RequestOf(Groups.Info(VendorAuth, "m", "g1"));
        Assert.Equal("GET /provision/manage/group/m/g1", $"{info.Method} {info.PathAndQuery}");
        var parents = RequestOf(
            Groups.ParentGroups(VendorAuth, "m", "g1", ProvisioningPage.Default)
        );
        Assert.Equal("/provision/manage/group/m/g1?show=groups", parents.PathAndQuery);
        var delete = RequestOf(Groups.Delete(VendorAuth, "m", "g1"));
        Assert.Equal(
            "DELETE /provision/manage/group/m/g1",
            $"{delete.Method} {delete.PathAndQuery}"
        );
        var members = RequestOf(
            Groups.Members(VendorAuth, "m", "g1", Some("sn"), Some("s1"), ProvisioningPage.Default)
        );
        Assert.Equal("/provision/manage/group/m/g1/?type=sn&id=s1", members.PathAndQuery);
        var add = RequestOf(
            Groups.AddMembers(VendorAuth, "m", "g1", "sn", Seq("a", "b"), Some("0"), None)
        );
        Assert.Equal("POST /provision/manage/group/m/g1/", $"{add.Method} {add.PathAndQuery}");
        Assert.Equal("type=sn&id%5B%5D=a&id%5B%5D=b&expire=0", Form(add));
        var remove = RequestOf(Groups.RemoveMembers(VendorAuth, "m", "g1", "sn", Seq1("a")));
        Assert.Equal("type=sn&id%5B%5D=a&delete=true", Form(remove));
    }

    [Fact]
    public void Group_builders_report_every_bad_argument_at_once()
    {
        var errors = Errors(
            Groups.AddMembers(VendorAuth, "..", "", "", Empty, Some("bad\ud800"), None)
        );
        Assert.Equal(
            new[] { "model", "id", "type", "memberIds", "expire" },
            errors.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
    }

    [Fact]
    public void Group_answers()
    {
        Assert.Equal(
            Seq(new GroupRow("g1", "m,1"), new GroupRow("g2", "")),
            Ok(Groups.List(VendorAuth, "m", ProvisioningPage.Default), 200, "g1,\"m,1\"\ng2,\n")
        );
        Assert.Empty(Ok(Groups.List(VendorAuth, "m", ProvisioningPage.Default), 204, ""));
        Assert.Equal(
            new GroupInfo("meta", 3),
            Ok(Groups.Info(VendorAuth, "m", "g"), 200, "meta,3\n")
        );
        Assert.Equal(
            Seq1(new GroupMember("sn", "s1", "", "x")),
            Ok(
                Groups.Members(VendorAuth, "m", "g", None, None, ProvisioningPage.Default),
                200,
                "sn,s1,,x\n"
            )
        );
    }
}
