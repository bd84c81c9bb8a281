// README: "C# with result types (the functional core)"
using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.Interpreter;
using Functional.Core.OnePlatform;
using LanguageExt;

namespace Functional.Samples.ReadmeExamples;

public static class CoreExample
{
    public static async Task RunAsync(Uri endpoint, string cik)
    {
        using var http = new HttpClient { BaseAddress = endpoint };
        var auth = Auth.Cik(cik);

        // A pure description of the request: nothing is sent yet, and every bad argument is reported at once.
        Validation<ApiError, HttpEffect<Seq<Point>>> read = RpcBatch.SendOne(
            RpcEndpoint.Default,
            auth,
            id: 0,
            TimeSeries.Read(ResourceId.Alias("temperature"), ReadOptions.Latest.WithLimit(5))
        );

        Either<ApiError, Seq<Point>> points = await HttpInterpreter.RunAsync(
            HttpEffect.FromValidation(read),
            http
        );

        Console.WriteLine(
            points.Match(
                Right: ps => string.Join(", ", ps.Map(p => $"{p.Timestamp}={p.Value}")),
                Left: error =>
                    error switch
                    {
                        ApiError.RpcGeneral { Code: 401 } => "wrong CIK",
                        ApiError.RpcCall call => $"call failed: {call.StatusText.IfNone("?")}",
                        _ => error.Message,
                    }
            )
        );
    }
}
