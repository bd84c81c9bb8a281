using Functional.Core.Interpreter;
using Functional.Core.Provisioning;
using Functional.Core.Sis;
using SisApi = Functional.Core.Sis.Sis;

namespace Functional.Tests.Interpreter;

/// <summary>
/// Every request carries a label for logs and telemetry: low-cardinality, and never a credential, name or id.
/// </summary>
public sealed class RequestLabelTests
{
    private const string Cik = "0123456789abcdef0123456789abcdef01234567";

    private static HttpRequest RequestOf<T>(Validation<ApiError, HttpEffect<T>> built) =>
        built.Match(
            e =>
                e is HttpEffect<T>.Send send
                    ? send.Request
                    : throw new Xunit.Sdk.XunitException("not a send"),
            errors => throw new Xunit.Sdk.XunitException(string.Join("; ", errors))
        );

    [Fact]
    public void An_rpc_batch_is_labelled_with_its_distinct_procedures_in_order_and_its_size()
    {
        var rid = ResourceId.Rid(new string('a', 40));
        var calls = Seq(
            TimeSeries.Read(rid, ReadOptions.Latest).Map(c => c.Map(_ => 0)),
            TimeSeries.Write(rid, PointValue.Of(1L)).Map(c => c.Map(_ => 0)),
            TimeSeries.Read(rid, ReadOptions.Latest).Map(c => c.Map(_ => 0))
        );
        var request = RequestOf(RpcBatch.Send(RpcEndpoint.Default, Auth.Cik(Cik), 0, calls));

        Assert.Equal(new RequestLabel("onep", "read,write", 3), request.Label);
        Assert.Equal(RetrySafety.Unsafe, request.Retry);
    }

    [Fact]
    public void Sis_requests_keep_the_kind_of_resource_and_hide_names_and_ids()
    {
        var settings = SisSettings.Default.WithAuthToken("0123456789abcdef0123456789abcdef");
        Assert.Equal(
            new RequestLabel("sis", "GET /api/v1.1/entities/{}/{}", 1),
            RequestOf(
                SisApi.Get(
                    settings,
                    SisEndpoint.Entities("secret_schema"),
                    "id-42",
                    SisGetOptions.Default
                )
            ).Label
        );
        Assert.Equal(
            new RequestLabel("sis", "GET /api/v1.1/entities/{}/{}/commits", 1),
            RequestOf(
                SisApi.Commits(settings, SisEndpoint.Entities("s"), "id-42", SisQuery.All)
            ).Label
        );
        Assert.Equal(
            new RequestLabel("sis", "POST /api/v1.1/hooks/trigger/{}/{}", 1),
            RequestOf(SisApi.TriggerHooks(settings, "s", "id-42")).Label
        );
        Assert.Equal(
            "GET /api/v1.1/users/{}/tokens",
            RequestOf(
                SisApi.FetchPage(settings, SisEndpoint.Tokens("alice"), SisQuery.All)
            ).Label.Operation
        );
        Assert.Equal(
            "POST /api/v1.1/users/auth_token",
            RequestOf(SisApi.Authenticate(settings, "alice", "pw")).Label.Operation
        );
    }

    [Fact]
    public void Provisioning_requests_keep_the_verb_and_hide_models_and_serial_numbers()
    {
        var auth = ProvisioningAuth.Cik(Cik);
        Assert.Equal(
            new RequestLabel("provision", "GET /provision/manage/model", 1),
            RequestOf(Models.List(auth)).Label
        );
        Assert.Equal(
            "GET /provision/manage/model/{}",
            RequestOf(
                SerialNumbers.List(auth, "secret-model", SerialNumberListOptions.Default)
            ).Label.Operation
        );
        Assert.Equal(
            "POST /provision/activate",
            RequestOf(Device.Activate("vendor", "model", "sn-1")).Label.Operation
        );
    }

    [Fact]
    public void The_interpreter_puts_the_retry_safety_and_label_on_the_message()
    {
        var request = HttpRequest.Create("GET", "/x").WithRetry(RetrySafety.Safe);
        Assert.Equal(RequestLabel.Of("GET"), request.Label);
        using var plain = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
        Assert.Equal(RetrySafety.Unsafe, HttpRequestKeys.RetryOf(plain));
    }
}
