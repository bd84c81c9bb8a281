using System.Text;
using Functional.Core.Interpreter;
using Functional.Core.Provisioning;
using static Functional.Tests.Provisioning.ProvisioningBuilderTests;

namespace Functional.Tests.Provisioning;

/// <summary>Provisioning parsers for every body shape, and the status mapping, run through the synchronous interpreter.</summary>
public sealed class ProvisioningParserTests
{
    private static Either<ApiError, T> Run<T>(
        Validation<ApiError, HttpEffect<T>> built,
        HttpResponse response
    ) => HttpInterpreter.Run(Valid(built), _ => response);

    private static T Ok<T>(Validation<ApiError, HttpEffect<T>> built, int status, string body) =>
        Run(built, HttpResponse.Text(status, body))
            .Match(v => v, e => throw new InvalidOperationException(e.Message));

    private static ApiError Fails<T>(
        Validation<ApiError, HttpEffect<T>> built,
        int status,
        string body
    ) =>
        Run(built, HttpResponse.Text(status, body))
            .Match(_ => throw new InvalidOperationException("expected failure"), e => e);

    [Fact]
    public void Csv_reader_handles_quoted_commas_quotes_and_newlines()
    {
        var rows = ProvisioningResponses
            .ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n\nlast")
            .Match(r => r, e => throw new InvalidOperationException(e.Message));
        Assert.Equal(3, rows.Count);
        Assert.Equal(Seq("a", "b,c", "say \"hi\""), rows[0]);
        Assert.Equal(Seq("multi\nline", "", "x"), rows[1]);
        Assert.Equal(Seq1("last"), rows[2]);
        Assert.True(ProvisioningResponses.ParseCsv("\"open").IsLeft);
        Assert.True(ProvisioningResponses.ParseCsv("\"a\"b,c").IsLeft);
        Assert.Equal(0, ProvisioningResponses.ParseCsv("").Match(r => r.Count, _ => -1));
    }

    [Fact]
    public void Csv_writer_round_trips_through_the_reader()
    {
        var rows = toSeq(new[] { Seq("a", "b,c"), Seq("q\"uote", "new\r\nline") });
        var text = ProvisioningResponses.WriteCsv(rows);
        Assert.Equal(rows, ProvisioningResponses.ParseCsv(text).Match(r => r, _ => Empty));
    }

    [Fact]
    public void Model_answers()
    {
        Assert.Equal(Seq("m1", "m2"), Ok(Models.List(VendorAuth), 200, "m1\r\nm2\r\n"));
        Assert.Equal(
            Seq1(new SharedModel("acme", "m1")),
            Ok(Models.ListShared(VendorAuth), 200, "acme,m1\n")
        );
        var info = Ok(
            Models.Info(VendorAuth, "m"),
            200,
            $"rid={Rid}&options%5B%5D=noaliases&options[]=nohistorical"
        );
        Assert.Equal(
            new ModelInfo(ModelTemplate.FromRid(Rid), new ModelOptions(false, true, false)),
            info
        );
        var byCode = Ok(Models.Info(VendorAuth, "m"), 200, $"code={Cik}");
        Assert.Equal(new ModelInfo(ModelTemplate.FromShareCode(Cik), ModelOptions.Default), byCode);
        Assert.IsType<ApiError.MalformedResponse>(Fails(Models.Info(VendorAuth, "m"), 200, "x=1"));
        Assert.Equal(
            unit,
            Ok(
                Models.Create(VendorAuth, "m", ModelTemplate.FromRid(Rid), ModelOptions.Default),
                205,
                ""
            )
        );
    }

    [Fact]
    public void Serial_number_answers()
    {
        var plain = Ok(
            SerialNumbers.List(VendorAuth, "m", SerialNumberListOptions.Default),
            200,
            $"s1,,\ns2,{Rid},x,y\n"
        );
        Assert.Equal(
            Seq(
                new SerialNumberRow("s1", None, None, ""),
                new SerialNumberRow("s2", None, Some(Rid), "x,y")
            ),
            plain
        );
        var withStatus = Ok(
            SerialNumbers.List(
                VendorAuth,
                "m",
                SerialNumberListOptions.Default.WithStatusColumn(true)
            ),
            200,
            $"s1,notactivated,{Rid},\"line1\nline2\"\r\n"
        );
        Assert.Equal(
            Seq1(new SerialNumberRow("s1", Some("notactivated"), Some(Rid), "line1\nline2")),
            withStatus
        );
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(SerialNumbers.List(VendorAuth, "m", SerialNumberListOptions.Default), 200, "only")
        );

        Assert.Equal(
            Seq1(new SerialNumberInfo(Some("activated"), Some(Rid), "e")),
            Ok(SerialNumbers.Info(VendorAuth, "m", "s"), 200, $"activated,{Rid},e\n")
        );
        Assert.Empty(Ok(SerialNumbers.Info(VendorAuth, "m", "s"), 204, ""));
        Assert.Equal(
            Seq1(new ActivationLogEntry(1416147370, "1.2.3.4:80", "activated, ok")),
            Ok(
                SerialNumbers.ActivationLog(VendorAuth, "m", "s"),
                200,
                "1416147370,1.2.3.4:80,activated, ok\n"
            )
        );
        Assert.Empty(Ok(SerialNumbers.ActivationLog(VendorAuth, "m", "s"), 204, ""));
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(SerialNumbers.ActivationLog(VendorAuth, "m", "s"), 200, "soon,x,y")
        );
        Assert.Equal(
            Seq("g1", "g2"),
            Ok(
                SerialNumbers.Groups(VendorAuth, "m", "s", ProvisioningPage.Default),
                200,
                "g1\ng2\n"
            )
        );

        Assert.Equal(Rid, Ok(SerialNumbers.Enable(VendorAuth, "m", "s", Rid), 200, Rid + "\r\n"));
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(SerialNumbers.Enable(VendorAuth, "m", "s", Rid), 200, "nope")
        );
        Assert.Equal(unit, Ok(SerialNumbers.Disable(VendorAuth, "m", "s"), 205, ""));
    }

    [Fact]
    public void Content_answers()
    {
        Assert.Equal(
            new ContentInfo("application/json", 1024, 1416147370, "thisissometa", Some(false)),
            Ok(
                Content.Info(VendorAuth, "m", "a"),
                200,
                "application/json,1024,1416147370,thisissometa,false\n"
            )
        );
        Assert.Equal(
            new ContentInfo("text/plain", 4, 7, "a,b", Some(true)),
            Ok(Content.Info(VendorAuth, "m", "a"), 200, "text/plain,4,7,a,b,true")
        );
        Assert.Equal(
            new ContentInfo("text/plain", 4, 7, "quoted, meta", None),
            Ok(Device.ContentInfo(Cik, "v", "m", "a"), 200, "text/plain,4,7,\"quoted, meta\"")
        );
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(Content.Info(VendorAuth, "m", "a"), 200, "text/plain,big,7,m,false")
        );
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(Content.Info(VendorAuth, "m", "a"), 200, "text/plain,4,7,m,maybe")
        );

        var partial = new HttpResponse(
            206,
            "Partial Content",
            Seq(
                new HttpHeader("Content-Type", "text/plain"),
                new HttpHeader("Content-Range", "bytes 2-5/20")
            ),
            Encoding.UTF8.GetBytes("is i")
        );
        var blob = Run(
                Content.Download(VendorAuth, "m", "a", Some(ByteRange.Between(2, 5))),
                partial
            )
            .Match(b => b, e => throw new InvalidOperationException(e.Message));
        Assert.True(blob.IsPartial);
        Assert.Equal("text/plain", blob.ContentType);
        Assert.Equal(Some("bytes 2-5/20"), blob.ContentRange);
        Assert.Equal("is i", Encoding.UTF8.GetString(blob.Bytes.Span));
        var whole = Ok(Device.Download(Cik, "v", "m", "a", None), 200, "This is content data");
        Assert.False(whole.IsPartial);
        Assert.Equal(Seq1("a.txt"), Ok(Device.ListContent(Cik, "v", "m"), 200, "a.txt\n"));
    }

    [Fact]
    public void Vendor_and_device_text_answers()
    {
        Assert.Equal("acme", Ok(Vendors.Show(VendorAuth), 200, "acme\n"));
        Assert.Equal("tok", Ok(Vendors.CreateToken(VendorAuth, "t"), 200, "tok"));
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(Vendors.GetToken(VendorAuth, "t"), 200, "  ")
        );
        Assert.True(Ok(Vendors.IsShared(VendorAuth, "m", "v"), 204, ""));
        Assert.False(Ok(Vendors.IsShared(VendorAuth, "m", "v"), 404, ""));
        Assert.Empty(Ok(Vendors.ListShares(VendorAuth, "m"), 204, ""));
        Assert.Equal(Cik, Ok(Device.Activate("v", "m", "s"), 200, Cik));
        Assert.IsType<ApiError.MalformedResponse>(
            Fails(Device.Activate("v", "m", "s"), 200, "short")
        );
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(400)]
    [InlineData(500)]
    public void Failure_statuses_map_to_distinct_recognisable_errors(int status)
    {
        var error = Fails(Device.Activate("v", "m", "s"), status, "SN not enabled\nmore");
        var http = Assert.IsType<ApiError.HttpStatus>(error);
        Assert.Equal(status, http.Status);
        Assert.Equal(Some("SN not enabled"), http.ServerMessage);
        Assert.Equal("SN not enabled\nmore", http.Body);
        Assert.Equal(status == 403, ProvisioningErrors.IsForbidden(error));
        Assert.Equal(status == 404, ProvisioningErrors.IsNotFound(error));
        Assert.Equal(status == 409, ProvisioningErrors.IsConflict(error));
        Assert.Equal(Some(status), ProvisioningErrors.StatusOf(error));
    }

    [Fact]
    public void Success_statuses_include_205_with_an_empty_body()
    {
        Assert.Equal(unit, Ok(Content.Delete(VendorAuth, "m", "a"), 205, ""));
        Assert.Equal(unit, Ok(Content.Delete(VendorAuth, "m", "a"), 200, "ignored"));
        Assert.False(ProvisioningErrors.IsConflict(new ApiError.InvalidArgument("x", "y")));
    }

    [Fact]
    public void Raw_variant_returns_the_response_whatever_its_status()
    {
        var response = new HttpResponse(
            409,
            "Conflict",
            Seq1(new HttpHeader("X-A", "1")),
            Encoding.UTF8.GetBytes("exists")
        );
        var raw = ProvisioningResponses.Raw(
            Models.Create(VendorAuth, "m", ModelTemplate.FromRid(Rid), ModelOptions.Default)
        );
        HttpRequest? seen = null;
        var result = HttpInterpreter.Run(
            Valid(raw),
            r =>
            {
                seen = r;
                return response;
            }
        );
        Assert.Equal(
            response,
            result.Match(r => r, e => throw new InvalidOperationException(e.Message))
        );
        Assert.Equal("/provision/manage/model/", seen!.Path);
        Assert.Equal(
            "model",
            (
                (ApiError.InvalidArgument)
                    ProvisioningResponses
                        .Raw(Models.Delete(VendorAuth, ""))
                        .Match(_ => throw new InvalidOperationException(), e => e.Head)
            ).Field
        );
    }
}
