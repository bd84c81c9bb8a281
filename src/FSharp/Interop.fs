namespace Functional.FSharp

open System
open System.Runtime.CompilerServices
open System.Threading.Tasks

/// F#-friendly views of the core's LanguageExt values: use them as methods (`result.ToResult()`) or through the
/// `Interop` module in pipelines (`|> Interop.toResult`).
[<Extension; AbstractClass; Sealed>]
type LanguageExtInterop =
    /// An `Either` as an F# `Result`: `Right` is `Ok`, `Left` is `Error`.
    [<Extension>]
    static member ToResult(either: LanguageExt.Either<'L, 'R>) : Result<'R, 'L> =
        either.Match(Func<'R, Result<'R, 'L>>(fun r -> Ok r), Func<'L, Result<'R, 'L>>(fun l -> Error l))

    /// A `Validation` as an F# `Result` with every failure in a list.
    [<Extension>]
    static member ToResult(validation: LanguageExt.Validation<'F, 'S>) : Result<'S, 'F list> =
        validation.Match(
            Func<'S, Result<'S, 'F list>>(fun s -> Ok s),
            Func<LanguageExt.Seq<'F>, Result<'S, 'F list>>(fun failures -> Error(List.ofSeq failures))
        )

    /// The eventual `Either` of a task as an F# `Result`.
    [<Extension>]
    static member ToResultAsync(either: Task<LanguageExt.Either<'L, 'R>>) : Task<Result<'R, 'L>> =
        task {
            let! e = either
            return LanguageExtInterop.ToResult e
        }

    /// A LanguageExt `Option` as an F# `option`.
    [<Extension>]
    static member ToOption(option: LanguageExt.Option<'T>) : 'T option =
        // MatchUnsafe: F#'s None is null at run time, which Match refuses.
        option.MatchUnsafe(Func<'T, 'T option>(fun v -> Option.Some v), Func<'T option>(fun () -> Option.None))

    /// A LanguageExt `Seq` as an F# `list`.
    [<Extension>]
    static member ToList(items: LanguageExt.Seq<'T>) : 'T list = List.ofSeq items

/// The same views as functions, for pipelines.
module Interop =
    /// `Either` to `Result`.
    let toResult (either: LanguageExt.Either<'L, 'R>) : Result<'R, 'L> = LanguageExtInterop.ToResult either

    /// `Validation` to `Result` with every failure.
    let validationToResult (validation: LanguageExt.Validation<'F, 'S>) : Result<'S, 'F list> =
        LanguageExtInterop.ToResult validation

    /// LanguageExt `Option` to F# `option`.
    let toOption (option: LanguageExt.Option<'T>) : 'T option = LanguageExtInterop.ToOption option

    /// LanguageExt `Seq` to F# `list`.
    let toList (items: LanguageExt.Seq<'T>) : 'T list = List.ofSeq items
