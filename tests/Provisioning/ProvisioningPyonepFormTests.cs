using System.Text;
using Functional.Core.Provisioning;
using static Functional.Tests.Provisioning.ProvisioningBuilderTests;

namespace Functional.Tests.Provisioning;

/// <summary>
/// Golden requests for both spellings where pyonep differs from the documentation (spec §1.7), and the group
/// member CSV uploads (spec §3.5).
/// </summary>
public sealed class ProvisioningPyonepFormTests
{
    private static readonly ProvisioningAuth CikAuth = ProvisioningAuth.Cik(Cik);

    private static string Form(HttpRequest r) => Assert.IsType<HttpBody.Form>(r.Body).Encoded;

    private static string Csv(HttpRequest r)
    {
        var raw = Assert.IsType<HttpBody.Raw>(r.Body);
        Assert.Equal("text/csv; charset=utf-8", raw.ContentType);
        return Encoding.UTF8.GetString(raw.Bytes.Span);
    }

    private static string Line(HttpRequest r) => $"{r.Method} {r.PathAndQuery}";

    [Theory]
    [InlineData(ArgumentForm.Documented, "sn=sn%201&extra=x%26y")]
    [InlineData(ArgumentForm.Pyonep, "add=true&sn=sn%201&extra=x%26y")]
    public void Add_serial_number_in_both_spellings(ArgumentForm form, string body)
    {
        var r = RequestOf(SerialNumbers.Add(VendorAuth, "m", "sn 1", Some("x&y"), form));
        Assert.Equal("POST /provision/manage/model/m/", Line(r));
        Assert.Equal(body, Form(r));
    }

    [Theory]
    [InlineData(ArgumentForm.Documented, "sn%5B%5D=a&sn%5B%5D=b")]
    [InlineData(ArgumentForm.Pyonep, "add=true&sn%5B%5D=a&sn%5B%5D=b")]
    public void Add_many_serial_numbers_in_both_spellings(ArgumentForm form, string body)
    {
        var r = RequestOf(SerialNumbers.AddMany(VendorAuth, "m", Seq("a", "b"), form));
        Assert.Equal("POST /provision/manage/model/m/", Line(r));
        Assert.Equal(body, Form(r));
    }

    [Theory]
    [InlineData(ArgumentForm.Documented, "delete=true&sn%5B%5D=a&sn%5B%5D=b")]
    [InlineData(ArgumentForm.Pyonep, "remove=true&sn%5B%5D=a&sn%5B%5D=b")]
    public void Remove_many_serial_numbers_in_both_spellings(ArgumentForm form, string body)
    {
        var r = RequestOf(SerialNumbers.RemoveMany(VendorAuth, "m", Seq("a", "b"), form));
        Assert.Equal("POST /provision/manage/model/m/", Line(r));
        Assert.Equal(body, Form(r));
    }

    [Fact]
    public void Show_vendor_sends_the_key_as_a_token_in_the_pyonep_spelling()
    {
        var documented = RequestOf(Vendors.Show(CikAuth, ArgumentForm.Documented));
        var pyonep = RequestOf(Vendors.Show(CikAuth, ArgumentForm.Pyonep));
        Assert.Equal("GET /provision/register", Line(documented));
        Assert.Equal("GET /provision/register", Line(pyonep));
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-CIK", Cik)), documented.Headers);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Cik)), pyonep.Headers);
        Assert.IsType<HttpBody.Empty>(pyonep.Body);
    }

    [Fact]
    public void Unregister_vendor_sends_the_key_as_a_token_in_the_pyonep_spelling()
    {
        var documented = RequestOf(Vendors.Unregister(CikAuth, "acme"));
        var pyonep = RequestOf(Vendors.Unregister(CikAuth, "acme", ArgumentForm.Pyonep));
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-CIK", Cik)), documented.Headers);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Cik)), pyonep.Headers);
        Assert.Equal("POST /provision/register", Line(pyonep));
        Assert.Equal("delete=true&vendor=acme", Form(documented));
        Assert.Equal("delete=true&vendor=acme", Form(pyonep));
        // Register is the same in both spellings: the header follows the auth.
        Assert.Equal(
            Seq1(HttpHeader.Secret("X-Exosite-CIK", Cik)),
            RequestOf(Vendors.Register(CikAuth, "acme")).Headers
        );
    }

    [Fact]
    public void Delete_model_carries_pyonep_confirm_body_only_in_the_pyonep_spelling()
    {
        var documented = RequestOf(Models.Delete(VendorAuth, "my model"));
        var pyonep = RequestOf(Models.Delete(VendorAuth, "my model", ArgumentForm.Pyonep));
        Assert.Equal("DELETE /provision/manage/model/my%20model", Line(documented));
        Assert.IsType<HttpBody.Empty>(documented.Body);
        Assert.Equal("DELETE /provision/manage/model/my%20model", Line(pyonep));
        Assert.Equal("delete=true&model=my%20model&confirm=true", Form(pyonep));
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Token)), pyonep.Headers);
    }

    [Fact]
    public void An_unknown_form_is_reported_with_the_other_problems()
    {
        var errors = Errors(SerialNumbers.AddMany(VendorAuth, "", Seq1("a"), (ArgumentForm)7));
        Assert.Equal(
            ["model", "form"],
            errors.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        Assert.Equal(
            "form",
            (
                (ApiError.InvalidArgument)Errors(Vendors.Show(VendorAuth, (ArgumentForm)7)).Single()
            ).Field
        );
        Assert.Equal(
            "form",
            (
                (ApiError.InvalidArgument)
                    Errors(Models.Delete(VendorAuth, "m", (ArgumentForm)7)).Single()
            ).Field
        );
    }

    [Fact]
    public void Add_group_members_as_csv_quotes_awkward_fields()
    {
        var r = RequestOf(
            Groups.AddMembersCsv(
                VendorAuth,
                "m",
                "g 1",
                Seq(
                    new GroupMember("sn", "sn1", "", ""),
                    new GroupMember("content", "a,b", "1500000000", "say \"hi\"\nbye")
                )
            )
        );
        Assert.Equal("POST /provision/manage/group/m/g%201/", Line(r));
        Assert.Equal(RetrySafety.Unsafe, r.Retry);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Token)), r.Headers);
        Assert.Equal("sn,sn1,,\r\ncontent,\"a,b\",1500000000,\"say \"\"hi\"\"\nbye\"\r\n", Csv(r));
    }

    [Fact]
    public void Remove_group_members_as_csv_deletes_type_and_id_lines()
    {
        var r = RequestOf(
            Groups.RemoveMembersCsv(
                VendorAuth,
                "m",
                "g1",
                Seq(new GroupMemberRef("sn", "sn1"), new GroupMemberRef("group", "x\"y"))
            )
        );
        Assert.Equal("DELETE /provision/manage/group/m/g1/", Line(r));
        Assert.Equal("sn,sn1\r\ngroup,\"x\"\"y\"\r\n", Csv(r));
    }

    [Fact]
    public void Group_csv_builders_report_every_bad_argument_at_once()
    {
        var add = Errors(
            Groups.AddMembersCsv(
                VendorAuth,
                "..",
                "",
                Seq(
                    new GroupMember("sn", "ok", "", ""),
                    null!,
                    new GroupMember("", "", null!, "bad\ud800")
                )
            )
        );
        Assert.Equal(
            [
                "model",
                "id",
                "members[1]",
                "members[2].type",
                "members[2].memberId",
                "members[2].expire",
                "members[2].meta",
            ],
            add.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        var remove = Errors(
            Groups.RemoveMembersCsv(VendorAuth, "m", "g", Seq1(new GroupMemberRef(null!, "")))
        );
        Assert.Equal(
            ["members[0].type", "members[0].memberId"],
            remove.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        Assert.Equal(
            "members",
            (
                (ApiError.InvalidArgument)
                    Errors(Groups.RemoveMembersCsv(VendorAuth, "m", "g", Empty)).Single()
            ).Field
        );
    }
}
