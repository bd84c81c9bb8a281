// README: "F#" — the functional core from F#: values in, values out, errors as data.
open System
open System.Net.Http
open Functional.Core.Errors
open Functional.Core.Http
open Functional.Core.Interpreter
open Functional.Core.OnePlatform

let readLatest (http: HttpClient) (cik: string) (alias: string) =
    task {
        let call = TimeSeries.Read(ResourceId.Alias alias, ReadOptions.Latest.WithLimit 5L)
        let request = RpcBatch.SendOne(RpcEndpoint.Default, Auth.Cik cik, 0L, call)
        let! result = HttpInterpreter.RunAsync(HttpEffect.FromValidation request, http)
        return
            result.Match(
                (fun (points: LanguageExt.Seq<Point>) -> Ok [ for p in points -> p.Timestamp, string p.Value ]),
                (fun (error: ApiError) ->
                    match error with
                    | :? ApiError.RpcGeneral as g when g.Code = 401L -> Error "wrong CIK"
                    | :? ApiError.RpcCall as c -> Error $"call failed: {c.Status}"
                    | e -> Error e.Message)
            )
    }

[<EntryPoint>]
let main argv =
    match argv with
    | [| endpoint; cik |] ->
        use http = new HttpClient(BaseAddress = Uri endpoint)
        match (readLatest http cik "temperature").Result with
        | Ok points -> points |> List.iter (fun (ts, v) -> printfn "%d %s" ts v); 0
        | Error message -> eprintfn "%s" message; 1
    | _ ->
        eprintfn "usage: FSharpConsumer <endpoint> <cik>"
        2
