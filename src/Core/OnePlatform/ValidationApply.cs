using Functional.Core.Errors;

namespace Functional.Core;

/// <summary>
/// The applicative <c>(v1, v2, …).Apply(f)</c> of the One Platform builders without allocation when every part
/// succeeded: the function is called with the values directly. As soon as one part failed, LanguageExt's
/// own <c>Apply</c> runs, so the errors (all of them, in order) are exactly what it reports. Being declared in the
/// namespace <c>Functional.Core</c>, which encloses every builder's namespace (One Platform, Provisioning, SIS), these
/// overloads are found before LanguageExt's (imported by global usings) for every builder of the library.
/// </summary>
internal static class ValidationApply
{
    public static Validation<ApiError, R> Apply<A, B, R>(
        this (Validation<ApiError, A>, Validation<ApiError, B>) items,
        Func<A, B, R> f
    ) =>
        items.Item1.IsSuccess && items.Item2.IsSuccess
            ? Success<ApiError, R>(f(Value(items.Item1), Value(items.Item2)))
            : ValidationSeqExtensions.Apply(items, f);

    public static Validation<ApiError, R> Apply<A, B, C, R>(
        this (Validation<ApiError, A>, Validation<ApiError, B>, Validation<ApiError, C>) items,
        Func<A, B, C, R> f
    ) =>
        items.Item1.IsSuccess && items.Item2.IsSuccess && items.Item3.IsSuccess
            ? Success<ApiError, R>(f(Value(items.Item1), Value(items.Item2), Value(items.Item3)))
            : ValidationSeqExtensions.Apply(items, f);

    public static Validation<ApiError, R> Apply<A, B, C, D, R>(
        this (
            Validation<ApiError, A>,
            Validation<ApiError, B>,
            Validation<ApiError, C>,
            Validation<ApiError, D>
        ) items,
        Func<A, B, C, D, R> f
    ) =>
        items.Item1.IsSuccess
        && items.Item2.IsSuccess
        && items.Item3.IsSuccess
        && items.Item4.IsSuccess
            ? Success<ApiError, R>(
                f(Value(items.Item1), Value(items.Item2), Value(items.Item3), Value(items.Item4))
            )
            : ValidationSeqExtensions.Apply(items, f);

    public static Validation<ApiError, R> Apply<A, B, C, D, E, R>(
        this (
            Validation<ApiError, A>,
            Validation<ApiError, B>,
            Validation<ApiError, C>,
            Validation<ApiError, D>,
            Validation<ApiError, E>
        ) items,
        Func<A, B, C, D, E, R> f
    ) =>
        items.Item1.IsSuccess
        && items.Item2.IsSuccess
        && items.Item3.IsSuccess
        && items.Item4.IsSuccess
        && items.Item5.IsSuccess
            ? Success<ApiError, R>(
                f(
                    Value(items.Item1),
                    Value(items.Item2),
                    Value(items.Item3),
                    Value(items.Item4),
                    Value(items.Item5)
                )
            )
            : ValidationSeqExtensions.Apply(items, f);

    public static Validation<ApiError, R> Apply<A, B, C, D, E, F, R>(
        this (
            Validation<ApiError, A>,
            Validation<ApiError, B>,
            Validation<ApiError, C>,
            Validation<ApiError, D>,
            Validation<ApiError, E>,
            Validation<ApiError, F>
        ) items,
        Func<A, B, C, D, E, F, R> f
    ) =>
        items.Item1.IsSuccess
        && items.Item2.IsSuccess
        && items.Item3.IsSuccess
        && items.Item4.IsSuccess
        && items.Item5.IsSuccess
        && items.Item6.IsSuccess
            ? Success<ApiError, R>(
                f(
                    Value(items.Item1),
                    Value(items.Item2),
                    Value(items.Item3),
                    Value(items.Item4),
                    Value(items.Item5),
                    Value(items.Item6)
                )
            )
            : ValidationSeqExtensions.Apply(items, f);

    /// <summary>The success value of a validation known to have succeeded (no allocation: static lambdas).</summary>
    private static T Value<T>(Validation<ApiError, T> v) =>
        v.Match(Succ: static x => x, Fail: static _ => throw new InvalidOperationException());
}
