using System.Diagnostics;
using Functional.Core.Interpreter;
using Functional.Core.OnePlatform;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Functional.Tests.Extensions;

/// <summary>Listeners and meters are process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>The client spans and instruments, seen through OpenTelemetry's in-memory exporters.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests
{
    private static readonly ActivitySource TestSource = new("Functional.Tests.Telemetry");

    [Fact]
    public async Task Each_rpc_batch_and_sis_call_is_one_span_with_its_outcome_and_the_meters_count_them()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 8 }
        );
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions { SuperUserPassword = "tele-pa55word", Seed = 8 }
        );
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(FunctionalTelemetry.Name, TestSource.Name)
            .AddInMemoryExporter(spans)
            .Build();
        using var metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter(FunctionalTelemetry.Name)
            .AddInMemoryExporter(metrics)
            .Build();

        using var http = new HttpClient();
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = onep.BaseUri }
        );
        var client = new SisClient(http, new SisClientOptions(sis.BaseUri));
        var root = Auth.Cik(onep.RootCik);
        ActivityTraceId trace;
        using (var test = TestSource.StartActivity("test"))
        {
            trace = test!.TraceId;
            var rid = await rpc.CreateDataportAsync(
                root,
                ResourceId.Self,
                DataportDescription.Of(DataFormat.Integer)
            );
            await rpc.Batch(root)
                .Read(ResourceId.Rid(rid))
                .Read(ResourceId.Rid(rid))
                .Info(ResourceId.Rid(rid))
                .SendAsync();
            await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
                rpc.InfoAsync(Auth.Cik(new string('8', 40)), ResourceId.Self)
            );
            await client.AuthenticateAsync(sis.SuperUserName, "tele-pa55word");
            await Assert.ThrowsAnyAsync<Exception>(() =>
                client.Entities("missing").FetchPageAsync()
            );
        }
        tracing.ForceFlush();
        metering.ForceFlush();

        var ours = spans
            .Where(s => s.Source.Name == FunctionalTelemetry.Name && s.TraceId == trace)
            .ToList();
        Assert.Equal(
            [
                "onep create",
                "onep read,info",
                "onep info",
                "sis POST /api/v1.1/users/auth_token",
                "sis GET /api/v1.1/entities/{}",
            ],
            ours.Select(s => s.DisplayName)
        );
        Assert.All(ours, s => Assert.Equal(ActivityKind.Client, s.Kind));
        Assert.All(ours, s => Assert.Equal("127.0.0.1", s.GetTagItem("server.address")));

        var batch = ours[1];
        Assert.Equal(3, batch.GetTagItem("functional.calls"));
        Assert.Equal(true, batch.GetTagItem("functional.retry_safe"));
        Assert.Equal("ok", batch.GetTagItem("functional.outcome"));
        Assert.Equal(200, batch.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, batch.Status);
        Assert.Equal(false, ours[0].GetTagItem("functional.retry_safe"));

        var general = ours[2];
        Assert.Equal("error", general.GetTagItem("functional.outcome"));
        Assert.Equal("RpcGeneral", general.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, general.Status);
        Assert.Equal("RpcGeneral 401", general.StatusDescription);

        var missing = ours[4];
        Assert.Equal(404, missing.GetTagItem("http.response.status_code"));
        Assert.Equal("Sis", missing.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, missing.Status);

        // The HTTP spans of System.Net.Http sit under ours (when the runtime emits them): ours are the parents.
        Assert.All(
            ours,
            s => Assert.Equal("test", spans.Single(p => p.SpanId == s.ParentSpanId).DisplayName)
        );
        // No tag of any span holds a credential.
        Assert.All(
            ours.SelectMany(s => s.TagObjects),
            t =>
                Assert.DoesNotContain(
                    onep.RootCik,
                    t.Value?.ToString() ?? "",
                    StringComparison.Ordinal
                )
        );

        long Sum(string instrument, string api, string outcome) =>
            metrics
                .Where(m => m.Name == instrument)
                .SelectMany(m => Points(m))
                .Where(p =>
                    Tag(p, "functional.api") == api && Tag(p, "functional.outcome") == outcome
                )
                .Sum(p => p.GetSumLong());

        Assert.Equal(2, Sum(FunctionalTelemetry.RequestsInstrument, "onep", "ok"));
        Assert.Equal(1, Sum(FunctionalTelemetry.RequestsInstrument, "onep", "error"));
        Assert.Equal(1, Sum(FunctionalTelemetry.ErrorsInstrument, "onep", "error"));
        Assert.Equal(1, Sum(FunctionalTelemetry.RequestsInstrument, "sis", "ok"));
        Assert.Equal(1, Sum(FunctionalTelemetry.ErrorsInstrument, "sis", "error"));
        Assert.Equal(
            5,
            Sum(FunctionalTelemetry.CallsInstrument, "onep", "ok")
                + Sum(FunctionalTelemetry.CallsInstrument, "onep", "error")
        );
        var durations = metrics
            .Where(m => m.Name == FunctionalTelemetry.DurationInstrument)
            .SelectMany(m => Points(m))
            .ToList();
        Assert.Equal(5, durations.Sum(p => p.GetHistogramCount()));
        Assert.All(durations, p => Assert.True(p.GetHistogramSum() > 0));
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var p in metric.GetMetricPoints())
            points.Add(p);
        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
                return tag.Value?.ToString();
        }
        return null;
    }
}
