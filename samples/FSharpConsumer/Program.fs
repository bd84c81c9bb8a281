// README: "F#" — the functional core from F#: values in, values out, errors as data.
open System
open System.Net.Http
open Functional.Core.Errors
open Functional.Core.Http
open Functional.Core.Interpreter
open Functional.Core.OnePlatform
open Functional.Emulators.OnePlatform
open Functional.Facade.OnePlatform
open Functional.FSharp

let readLatest (http: HttpClient) (cik: string) (alias: string) =
    task {
        let call = TimeSeries.Read(ResourceId.Alias alias, ReadOptions.Latest.WithLimit 5L)
        let request = RpcBatch.SendOne(RpcEndpoint.Default, Auth.Cik cik, 0L, call)
        let! result = HttpInterpreter.RunAsync(HttpEffect.FromValidation request, http)
        return
            match result.ToResult() with
            | Ok points -> Ok [ for p in points -> p.Timestamp, string p.Value ]
            | Error(:? ApiError.RpcGeneral as g) when g.Code = 401L -> Error "wrong CIK"
            | Error(:? ApiError.RpcCall as c) -> Error $"call failed: {c.Status}"
            | Error e -> Error e.Message
    }

/// Bad arguments are found before anything is sent: every problem at once, as an F# list.
let problems () =
    match TimeSeries.Read(ResourceId.Alias "", ReadOptions.Latest.WithLimit -1L).ToResult() with
    | Ok _ -> []
    | Error errors -> [ for e in errors -> e.Message ]

/// Without arguments: an in-process One Platform emulator with a "temperature" dataport holding three points
/// (set up through the C# facade), then the same functional read as against a real endpoint.
let withEmulator () =
    task {
        use! emulator = OnePlatformEmulator.StartAsync()
        use http = new HttpClient()
        let client = OnePlatformClient(http, OnePlatformClientOptions(Endpoint = emulator.BaseUri))
        let root = Auth.Cik emulator.RootCik
        let! rid = client.CreateDataportAsync(root, ResourceId.Self, DataportDescription.Of(DataFormat.Float).WithName "temperature")
        do! client.MapAsync(root, ResourceId.Rid rid, "temperature")
        let now = DateTimeOffset.UtcNow.ToUnixTimeSeconds()
        let! _ = client.RecordBatchAsync(root, ResourceId.Alias "temperature", [ for i in 1L .. 3L -> struct (now - 60L * i, PointValue.Of(20.0 + float i)) ])
        use reader = new HttpClient(BaseAddress = emulator.BaseUri)
        let! points = readLatest reader emulator.RootCik "temperature"
        let! wrongCik = readLatest reader (String('0', 40)) "temperature"
        return points, wrongCik
    }

[<EntryPoint>]
let main argv =
    match argv with
    | [| endpoint; cik |] ->
        use http = new HttpClient(BaseAddress = Uri endpoint)
        match (readLatest http cik "temperature").Result with
        | Ok points -> points |> List.iter (fun (ts, v) -> printfn "%d %s" ts v); printfn "done."; 0
        | Error message -> eprintfn "%s" message; 1
    | [||] ->
        match (withEmulator ()).Result with
        | Ok points, Error wrongCik when points.Length = 3 ->
            points |> List.iter (fun (ts, v) -> printfn "%d %s" ts v)
            printfn "a wrong CIK gives: %s" wrongCik
            problems () |> List.iter (printfn "refused before sending: %s")
            printfn "done."
            0
        | points, wrongCik ->
            eprintfn "unexpected results: %A / %A" points wrongCik
            1
    | _ ->
        eprintfn "usage: FSharpConsumer [<endpoint> <cik>]  (no arguments: an in-process emulator)"
        2
