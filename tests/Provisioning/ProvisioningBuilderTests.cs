using System.Text;
using Functional.Core.Interpreter;
using Functional.Core.Provisioning;

namespace Functional.Tests.Provisioning;

/// <summary>Golden tests: every Provisioning builder's exact method, path, query, headers and body.</summary>
public sealed class ProvisioningBuilderTests
{
    internal const string Token = "vendor-token-1";
    internal const string Cik = "0123456789abcdef0123456789abcdef01234567";
    internal const string Rid = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    internal static readonly ProvisioningAuth VendorAuth = ProvisioningAuth.Token(Token);

    internal static HttpEffect<T> Valid<T>(Validation<ApiError, HttpEffect<T>> built) =>
        built.Match(
            e => e,
            errors => throw new InvalidOperationException(ApiError.Combine(errors).Message)
        );

    internal static HttpRequest RequestOf<T>(Validation<ApiError, HttpEffect<T>> built) =>
        Valid(built) is HttpEffect<T>.Send send
            ? send.Request
            : throw new InvalidOperationException("not a send");

    internal static Seq<ApiError> Errors<T>(Validation<ApiError, HttpEffect<T>> built) =>
        built.Match(_ => throw new InvalidOperationException("expected errors"), errors => errors);

    private static string Form(HttpRequest r) => ((HttpBody.Form)r.Body).Encoded;

    private static string Raw(HttpRequest r, string contentType)
    {
        var raw = (HttpBody.Raw)r.Body;
        Assert.Equal(contentType, raw.ContentType);
        return Encoding.UTF8.GetString(raw.Bytes.Span);
    }

    private static void AssertLine(
        HttpRequest r,
        string method,
        string pathAndQuery,
        RetrySafety retry
    )
    {
        Assert.Equal(method, r.Method);
        Assert.Equal(pathAndQuery, r.PathAndQuery);
        Assert.Equal(retry, r.Retry);
    }

    private static void AssertTokenOnly(HttpRequest r) =>
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Token)), r.Headers);

    [Fact]
    public void Auth_chooses_the_header_and_never_shows_the_key()
    {
        var cik = RequestOf(Models.List(ProvisioningAuth.Of(Cik, manageByCik: true)));
        var token = RequestOf(Models.List(ProvisioningAuth.Of(Token, manageByCik: false)));
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-CIK", Cik)), cik.Headers);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-Token", Token)), token.Headers);
        Assert.DoesNotContain(Cik, cik.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(
            Token,
            VendorAuth.WithSharedVendor("acme").ToString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "acme",
            VendorAuth.WithSharedVendor("acme").ToString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Shared_vendor_header_goes_only_on_model_serial_number_calls()
    {
        var shared = VendorAuth.WithSharedVendor("acme");
        var sn = RequestOf(SerialNumbers.Disable(shared, "m", "sn1"));
        Assert.Equal(
            Seq(
                HttpHeader.Secret("X-Exosite-Token", Token),
                new HttpHeader("X-Exosite-Vendor", "acme")
            ),
            sn.Headers
        );
        AssertTokenOnly(RequestOf(Content.List(shared, "m")));
    }

    [Fact]
    public void Header_values_with_control_characters_are_refused()
    {
        var errors = Errors(
            Models.List(ProvisioningAuth.Token("abc\r\nX-Evil: 1").WithSharedVendor("v\n"))
        );
        Assert.Equal(2, errors.Count);
        Assert.Equal("auth.key", ((ApiError.InvalidArgument)errors[0]).Field);
        Assert.Equal("auth.sharedVendor", ((ApiError.InvalidArgument)errors[1]).Field);
        Assert.DoesNotContain("abc", errors[0].Message, StringComparison.Ordinal);
        var badCik = Errors(Models.List(ProvisioningAuth.Cik("not-a-cik")));
        Assert.Equal("auth.key", ((ApiError.InvalidArgument)badCik.Single()).Field);
    }

    [Fact]
    public void Models_requests()
    {
        var list = RequestOf(Models.List(VendorAuth));
        AssertLine(list, "GET", "/provision/manage/model/", RetrySafety.Safe);
        AssertTokenOnly(list);
        Assert.IsType<HttpBody.Empty>(list.Body);
        AssertLine(
            RequestOf(Models.ListShared(VendorAuth)),
            "GET",
            "/provision/manage/model/?show=shared",
            RetrySafety.Safe
        );

        var create = RequestOf(
            Models.Create(
                VendorAuth,
                "my model",
                ModelTemplate.FromRid(Rid),
                ModelOptions.Default.WithAliases(false).WithHistorical(false)
            )
        );
        AssertLine(create, "POST", "/provision/manage/model/", RetrySafety.Unsafe);
        AssertTokenOnly(create);
        Assert.Equal(
            $"model=my%20model&rid={Rid}&options%5B%5D=noaliases&options%5B%5D=nohistorical",
            Form(create)
        );
        var byCode = RequestOf(
            Models.Create(VendorAuth, "m", ModelTemplate.FromShareCode(Cik), ModelOptions.Default)
        );
        Assert.Equal($"model=m&code={Cik}", Form(byCode));

        AssertLine(
            RequestOf(Models.Info(VendorAuth, "a/b")),
            "GET",
            "/provision/manage/model/a%2Fb",
            RetrySafety.Safe
        );
        var update = RequestOf(
            Models.Update(
                VendorAuth,
                "m",
                ModelTemplate.FromRid(Rid),
                ModelOptions.Default.WithComments(false)
            )
        );
        AssertLine(update, "PUT", "/provision/manage/model/m", RetrySafety.Unsafe);
        Assert.Equal($"rid={Rid}&options%5B%5D=nocomments", Form(update));
        var delete = RequestOf(Models.Delete(VendorAuth, "m"));
        AssertLine(delete, "DELETE", "/provision/manage/model/m", RetrySafety.Unsafe);
        Assert.IsType<HttpBody.Empty>(delete.Body);
        Assert.Equal("ShareCode(***)", ModelTemplate.FromShareCode(Cik).ToString());
    }

    [Fact]
    public void Models_create_reports_every_bad_argument_at_once()
    {
        var errors = Errors(Models.Create(null!, "..", ModelTemplate.FromShareCode("XYZ"), null!));
        Assert.Equal(
            new[] { "auth", "model", "template.code", "options" },
            errors.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        Assert.DoesNotContain("XYZ", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_number_requests()
    {
        var list = RequestOf(
            SerialNumbers.List(
                VendorAuth,
                "m",
                SerialNumberListOptions
                    .Default.WithPage(ProvisioningPage.Of(10, 100))
                    .WithStatusColumn(true)
                    .WithSharedBy("acme")
            )
        );
        AssertLine(
            list,
            "GET",
            "/provision/manage/model/m/?offset=10&limit=100&shared=acme&status=true",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(SerialNumbers.List(VendorAuth, "m", SerialNumberListOptions.Default)),
            "GET",
            "/provision/manage/model/m/",
            RetrySafety.Safe
        );

        var add = RequestOf(SerialNumbers.Add(VendorAuth, "m", "sn 1", Some("x&y")));
        AssertLine(add, "POST", "/provision/manage/model/m/", RetrySafety.Unsafe);
        Assert.Equal("sn=sn%201&extra=x%26y", Form(add));
        Assert.Equal("sn=a", Form(RequestOf(SerialNumbers.Add(VendorAuth, "m", "a", None))));
        Assert.Equal(
            "sn%5B%5D=a&sn%5B%5D=b",
            Form(RequestOf(SerialNumbers.AddMany(VendorAuth, "m", Seq("a", "b"))))
        );
        Assert.Equal(
            "delete=true&sn%5B%5D=a&sn%5B%5D=b",
            Form(RequestOf(SerialNumbers.RemoveMany(VendorAuth, "m", Seq("a", "b"))))
        );

        var csv = RequestOf(
            SerialNumbers.AddCsv(
                VendorAuth,
                "m",
                Seq(new SerialNumberEntry("a", "plain"), new SerialNumberEntry("b", "x,\"y\""))
            )
        );
        AssertLine(csv, "POST", "/provision/manage/model/m/", RetrySafety.Unsafe);
        Assert.Equal("a,plain\r\nb,\"x,\"\"y\"\"\"\r\n", Raw(csv, "text/csv; charset=utf-8"));
        var removeCsv = RequestOf(SerialNumbers.RemoveCsv(VendorAuth, "m", Seq("a", "b")));
        AssertLine(removeCsv, "DELETE", "/provision/manage/model/m/", RetrySafety.Unsafe);
        Assert.Equal("a\r\nb\r\n", Raw(removeCsv, "text/csv; charset=utf-8"));

        AssertLine(
            RequestOf(SerialNumbers.Info(VendorAuth, "m", "s")),
            "GET",
            "/provision/manage/model/m/s",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(
                SerialNumbers.Groups(VendorAuth, "m", "s", ProvisioningPage.Default.WithLimit(5))
            ),
            "GET",
            "/provision/manage/model/m/s?show=groups&limit=5",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(SerialNumbers.ActivationLog(VendorAuth, "m", "s")),
            "GET",
            "/provision/manage/model/m/s?show=log",
            RetrySafety.Safe
        );

        var enable = RequestOf(SerialNumbers.Enable(VendorAuth, "m", "s", Rid));
        AssertLine(enable, "POST", "/provision/manage/model/m/s", RetrySafety.Unsafe);
        Assert.Equal($"enable=true&owner={Rid}", Form(enable));
        Assert.Equal(
            "enable=true&oldsn=old",
            Form(RequestOf(SerialNumbers.Remap(VendorAuth, "m", "s", "old")))
        );
        Assert.Equal(
            "enable=true",
            Form(RequestOf(SerialNumbers.Regenerate(VendorAuth, "m", "s")))
        );
        Assert.Equal("disable=true", Form(RequestOf(SerialNumbers.Disable(VendorAuth, "m", "s"))));
        var delete = RequestOf(SerialNumbers.Delete(VendorAuth, "m", "s"));
        AssertLine(delete, "DELETE", "/provision/manage/model/m/s", RetrySafety.Unsafe);
        AssertTokenOnly(delete);
    }

    [Fact]
    public void Serial_number_builders_report_every_bad_argument_at_once()
    {
        var list = Errors(
            SerialNumbers.List(
                VendorAuth,
                "",
                SerialNumberListOptions.Default.WithPage(ProvisioningPage.Of(-1, 5000))
            )
        );
        Assert.Equal(
            new[] { "model", "options.page.offset", "options.page.limit" },
            list.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        var many = Errors(SerialNumbers.AddMany(VendorAuth, ".", Seq("a", "", null!)));
        Assert.Equal(
            new[] { "model", "serialNumbers[1]", "serialNumbers[2]" },
            many.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        Assert.Equal(
            "serialNumbers",
            (
                (ApiError.InvalidArgument)
                    Errors(SerialNumbers.RemoveMany(VendorAuth, "m", Empty)).Single()
            ).Field
        );
        var enable = Errors(SerialNumbers.Enable(VendorAuth, "m", "..", "nothex"));
        Assert.Equal(
            new[] { "serialNumber", "ownerRid" },
            enable.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        var csv = Errors(
            SerialNumbers.AddCsv(VendorAuth, "m", Seq(new SerialNumberEntry("", "x"), null!))
        );
        Assert.Equal(
            new[] { "entries[0].serialNumber", "entries[1]" },
            csv.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
    }

    [Fact]
    public void Content_requests()
    {
        AssertLine(
            RequestOf(Content.List(VendorAuth, "m")),
            "GET",
            "/provision/manage/content/m/",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(Content.ListForSerialNumber(VendorAuth, "m", "s 1")),
            "GET",
            "/provision/manage/content/m/?sn=s%201",
            RetrySafety.Safe
        );
        var create = RequestOf(
            Content.Create(VendorAuth, "m", "a.txt", "some, meta", isProtected: true)
        );
        AssertLine(create, "POST", "/provision/manage/content/m/", RetrySafety.Unsafe);
        Assert.Equal("id=a.txt&meta=some%2C%20meta&protected=true", Form(create));
        Assert.Equal(
            "id=a.txt&meta=",
            Form(RequestOf(Content.Create(VendorAuth, "m", "a.txt", "")))
        );

        var upload = RequestOf(
            Content.Upload(VendorAuth, "m", "a.txt", Encoding.UTF8.GetBytes("data"), "text/plain")
        );
        AssertLine(upload, "POST", "/provision/manage/content/m/a.txt", RetrySafety.Unsafe);
        Assert.Equal("data", Raw(upload, "text/plain"));
        AssertTokenOnly(upload);

        AssertLine(
            RequestOf(Content.Info(VendorAuth, "m", "a.txt")),
            "GET",
            "/provision/manage/content/m/a.txt",
            RetrySafety.Safe
        );
        var download = RequestOf(
            Content.Download(VendorAuth, "m", "a.txt", Some(ByteRange.Between(2, 5)))
        );
        AssertLine(
            download,
            "GET",
            "/provision/manage/content/m/a.txt?download=true",
            RetrySafety.Safe
        );
        Assert.Equal(
            Seq(HttpHeader.Secret("X-Exosite-Token", Token), new HttpHeader("Range", "bytes=2-5")),
            download.Headers
        );
        Assert.Equal("bytes=3-", ByteRange.From(3).HeaderValue);
        Assert.Equal("bytes=-4", ByteRange.Last(4).HeaderValue);
        AssertLine(
            RequestOf(Content.Groups(VendorAuth, "m", "a.txt", ProvisioningPage.Default)),
            "GET",
            "/provision/manage/content/m/a.txt?show=groups",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(Content.Delete(VendorAuth, "m", "a.txt")),
            "DELETE",
            "/provision/manage/content/m/a.txt",
            RetrySafety.Unsafe
        );
    }

    [Fact]
    public void Content_builders_report_every_bad_argument_at_once()
    {
        var upload = Errors(Content.Upload(VendorAuth, "..", "", default, "text/plain\r\nX: y"));
        Assert.Equal(
            new[] { "model", "id", "contentType" },
            upload.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        var download = Errors(
            Content.Download(VendorAuth, "m", ".", Some(ByteRange.Between(5, 2)))
        );
        Assert.Equal(
            new[] { "id", "range" },
            download.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        Assert.Equal(
            "meta",
            (
                (ApiError.InvalidArgument)
                    Errors(Content.Create(VendorAuth, "m", "a", null!)).Single()
            ).Field
        );
    }

    [Fact]
    public void Vendor_requests()
    {
        AssertLine(
            RequestOf(Vendors.ListShares(VendorAuth, "m")),
            "GET",
            "/provision/manage/share/m/",
            RetrySafety.Safe
        );
        var share = RequestOf(Vendors.Share(VendorAuth, "m", "acme"));
        AssertLine(share, "POST", "/provision/manage/share/m/", RetrySafety.Unsafe);
        Assert.Equal("vendor=acme", Form(share));
        AssertLine(
            RequestOf(Vendors.IsShared(VendorAuth, "m", "acme")),
            "GET",
            "/provision/manage/share/m/acme",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(Vendors.Unshare(VendorAuth, "m", "acme")),
            "DELETE",
            "/provision/manage/share/m/acme",
            RetrySafety.Unsafe
        );

        var show = RequestOf(Vendors.Show(ProvisioningAuth.Cik(Cik)));
        AssertLine(show, "GET", "/provision/register", RetrySafety.Safe);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-CIK", Cik)), show.Headers);
        Assert.Equal("vendor=acme", Form(RequestOf(Vendors.Register(VendorAuth, "acme"))));
        var unregister = RequestOf(Vendors.Unregister(VendorAuth, "acme"));
        AssertLine(unregister, "POST", "/provision/register", RetrySafety.Unsafe);
        Assert.Equal("delete=true&vendor=acme", Form(unregister));

        AssertLine(
            RequestOf(Vendors.ListTokens(VendorAuth)),
            "GET",
            "/provision/admin/auth/",
            RetrySafety.Safe
        );
        var create = RequestOf(Vendors.CreateToken(VendorAuth, "t1"));
        AssertLine(create, "POST", "/provision/admin/auth/", RetrySafety.Unsafe);
        Assert.Equal("id=t1", Form(create));
        AssertLine(
            RequestOf(Vendors.GetToken(VendorAuth, "t1")),
            "GET",
            "/provision/admin/auth/t1",
            RetrySafety.Safe
        );
        AssertLine(
            RequestOf(Vendors.DeleteToken(VendorAuth, "t1")),
            "DELETE",
            "/provision/admin/auth/t1",
            RetrySafety.Unsafe
        );
        Assert.Equal(
            new[] { "auth", "vendor" },
            Errors(Vendors.Register(null!, ""))
                .Map(e => ((ApiError.InvalidArgument)e).Field)
                .ToArray()
        );
    }

    [Fact]
    public void Device_requests()
    {
        var activate = RequestOf(Device.Activate("acme", "m", "sn 1"));
        AssertLine(activate, "POST", "/provision/activate", RetrySafety.Unsafe);
        Assert.Empty(activate.Headers);
        Assert.Equal("vendor=acme&model=m&sn=sn%201", Form(activate));

        var list = RequestOf(Device.ListContent(Cik, "acme", "m"));
        AssertLine(list, "GET", "/provision/download?vendor=acme&model=m", RetrySafety.Safe);
        Assert.Equal(Seq1(HttpHeader.Secret("X-Exosite-CIK", Cik)), list.Headers);
        Assert.DoesNotContain(Cik, list.ToString(), StringComparison.Ordinal);

        var download = RequestOf(
            Device.Download(Cik, "acme", "m", "a.txt", Some(ByteRange.Last(3)))
        );
        AssertLine(
            download,
            "GET",
            "/provision/download?vendor=acme&model=m&id=a.txt",
            RetrySafety.Safe
        );
        Assert.Equal(
            Seq(HttpHeader.Secret("X-Exosite-CIK", Cik), new HttpHeader("Range", "bytes=-3")),
            download.Headers
        );
        AssertLine(
            RequestOf(Device.ContentInfo(Cik, "acme", "m", "a.txt")),
            "GET",
            "/provision/download?vendor=acme&model=m&id=a.txt&info=true",
            RetrySafety.Safe
        );

        var errors = Errors(Device.Download("BAD", "", null!, "", Some(ByteRange.Last(0))));
        Assert.Equal(
            new[] { "cik", "vendor", "model", "id", "range" },
            errors.Map(e => ((ApiError.InvalidArgument)e).Field).ToArray()
        );
        Assert.DoesNotContain("BAD", errors[0].Message, StringComparison.Ordinal);
    }
}
