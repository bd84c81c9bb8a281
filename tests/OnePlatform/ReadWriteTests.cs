using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

public class ReadWriteTests
{
    [Fact]
    public void Read_golden_envelope_keeps_key_order()
    {
        var json = Rpc.Envelope(
            TimeSeries.Read(
                ResourceId.Alias("temp"),
                ReadOptions
                    .Latest.WithStartTime(1)
                    .WithEndTime(10)
                    .WithSort(SortOrder.Ascending)
                    .WithLimit(2)
                    .WithSelection(Selection.GivenWindow)
            ),
            id: 7
        );
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":7,"procedure":"read","arguments":[{"alias":"temp"},{"starttime":1,"endtime":10,"sort":"asc","limit":2,"selection":"givenwindow"}]}]}""",
            json
        );
    }

    [Fact]
    public void Read_with_no_options_sends_empty_object()
    {
        Assert.Equal(
            $$"""[{{"\""}}{{Rpc.Rid}}",{}]""",
            Rpc.Valid(TimeSeries.Read(ResourceId.Rid(Rpc.Rid), ReadOptions.Latest)).ArgumentsJson
        );
    }

    [Fact]
    public void Read_reports_every_bad_argument_at_once()
    {
        var fields = Rpc.Fields(
            TimeSeries.Read(
                ResourceId.Rid("XYZ"),
                ReadOptions.Latest.WithStartTime(-1).WithLimit(-5)
            )
        );
        Assert.Equal(["resource", "options.starttime", "options.limit"], fields.ToArray());
    }

    [Fact]
    public void Read_parses_typed_points()
    {
        var points = Rpc.Right(
            Rpc.ParseOne(
                TimeSeries.Read(ResourceId.Self, ReadOptions.Latest),
                """[{"id":0,"status":"ok","result":[[3,1.0],[2,42],[1,"\u4f60\u597d"]]}]"""
            )
        );
        Assert.Equal(3, points.Count);
        Assert.Equal(PointValue.Of(1.0), points[0].Value);
        Assert.Equal(Some(42L), points[1].Value.AsInteger());
        Assert.Equal(Some("你好"), points[2].Value.AsText());
    }

    [Fact]
    public void Write_documented_and_pyonep_forms()
    {
        Assert.Equal(
            """[{"alias":"t"},"\u4F60\u597D"]""",
            Rpc.Valid(TimeSeries.Write(ResourceId.Alias("t"), "你好")).ArgumentsJson
        );
        Assert.Equal(
            """[{"alias":"t"},42,{}]""",
            Rpc.Valid(
                TimeSeries.Write(ResourceId.Alias("t"), 42L, ArgumentForm.Pyonep)
            ).ArgumentsJson
        );
    }

    [Fact]
    public void Write_rejects_non_finite_float()
    {
        Assert.Equal(
            ["value"],
            Rpc.Fields(TimeSeries.Write(ResourceId.Self, double.NaN)).ToArray()
        );
    }

    [Fact]
    public void Failed_status_keeps_status_and_error_object()
    {
        var error = Rpc.Left(
            Rpc.ParseOne(
                TimeSeries.Write(ResourceId.Alias("x"), 1L),
                """[{"id":0,"status":"fail","error":{"code":501,"message":"Error","context":"arguments"}}]"""
            )
        );
        var call = Assert.IsType<ApiError.RpcCall>(error);
        Assert.Equal(Some("fail"), call.StatusText);
        Assert.Equal(Some(new RpcErrorDetail(501, "Error", Some("arguments"))), call.Detail);
    }
}
