using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Argument checks shared by the builders and by the resource descriptions (each description validates itself).
/// Every problem is an <see cref="ApiError.InvalidArgument"/>; none throws.
/// </summary>
internal static class ArgumentChecks
{
    public static Validation<ApiError, Unit> Ok { get; } = Success<ApiError, Unit>(unit);

    public static Validation<ApiError, T> Problem<T>(string field, string problem) =>
        Fail<ApiError, T>(new ApiError.InvalidArgument(field, problem));

    public static Validation<ApiError, Unit> Problem(string field, string problem) =>
        Problem<Unit>(field, problem);

    /// <summary>A required options record, validated by <paramref name="validate"/>.</summary>
    public static Validation<ApiError, T> Required<T>(
        string field,
        T? value,
        Func<T, Validation<ApiError, T>> validate
    )
        where T : class => value is null ? Problem<T>(field, "is required") : validate(value);

    /// <summary>A point value that must be present and sendable.</summary>
    public static Validation<ApiError, PointValue> Value(string field, PointValue? value) =>
        value is null ? Problem<PointValue>(field, "is required") : value.Validate(field);

    /// <summary>A known member of <typeparamref name="E"/>.</summary>
    public static Validation<ApiError, E> Defined<E>(string field, E value)
        where E : struct, Enum =>
        Enum.IsDefined(value)
            ? Success<ApiError, E>(value)
            : Problem<E>(field, "is not a known value");

    /// <summary>A string that is present and has no control characters (may be empty unless <paramref name="nonEmpty"/>).</summary>
    public static Validation<ApiError, string> Name(string field, string? value, bool nonEmpty) =>
        value switch
        {
            null => Problem<string>(field, "is required"),
            "" when nonEmpty => Problem<string>(field, "must not be empty"),
            _ when value.Any(char.IsControl) => Problem<string>(
                field,
                "must not contain control characters"
            ),
            _ when !Json.IsValidText(value) => Problem<string>(
                field,
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            _ => Success<ApiError, string>(value),
        };

    /// <summary>A present string (any well-formed content: an unpaired surrogate cannot be sent as JSON).</summary>
    public static Validation<ApiError, string> Text(string field, string? value) =>
        value is null ? Problem<string>(field, "is required")
        : !Json.IsValidText(value)
            ? Problem<string>(field, "must be valid Unicode text (it has an unpaired surrogate)")
        : Success<ApiError, string>(value);

    /// <summary>
    /// The client argument of a procedure whose pyonep form has none: with <see cref="ArgumentForm.Pyonep"/> it must
    /// be the calling client, since that form can only act on the caller.
    /// </summary>
    public static Validation<ApiError, ResourceId> Client(
        string field,
        ResourceId? client,
        ArgumentForm form
    ) =>
        (Defined("form", form), ResourceId.Require(field, client))
            .Apply((_, c) => c)
            .Bind(c =>
                form == ArgumentForm.Pyonep && !c.IsCaller
                    ? Problem<ResourceId>(
                        field,
                        "must be the calling client (ResourceId.Self): the pyonep argument form has no client argument"
                    )
                    : Success<ApiError, ResourceId>(c)
            );

    /// <summary>Every element checked; every problem reported.</summary>
    public static Validation<ApiError, Seq<T>> Each<S, T>(
        Seq<S> items,
        Func<S, int, Validation<ApiError, T>> check
    ) => toSeq(items.Select((s, i) => check(s, i)).ToArray()).Sequence();

    /// <summary>A string that must be present and not empty.</summary>
    public static Validation<ApiError, Unit> NonEmpty(string field, string? value) =>
        string.IsNullOrEmpty(value) ? Problem(field, "is required")
        : !Json.IsValidText(value)
            ? Problem(field, "must be valid Unicode text (it has an unpaired surrogate)")
        : Ok;

    public static Validation<ApiError, Unit> NonNegative(string field, long value) =>
        value < 0 ? Problem(field, "must not be negative") : Ok;

    public static Validation<ApiError, Unit> Finite(string field, double value) =>
        double.IsFinite(value)
            ? Ok
            : Problem(field, "must be a finite number (NaN and infinities cannot be sent)");

    /// <summary>An optional resource; when present it must be valid.</summary>
    public static Validation<ApiError, Unit> OptionalResource(
        string field,
        Option<ResourceId> resource
    ) => resource.Match(r => ResourceId.Require(field, r).Map(_ => unit), () => Ok);

    /// <summary>Every element of a sequence, each checked with its index in the field name.</summary>
    public static Validation<ApiError, Unit> Each<T>(
        string field,
        Seq<T> items,
        Func<string, T, Validation<ApiError, Unit>> check
    )
    {
        var result = Ok;
        var i = 0;
        foreach (var item in items)
        {
            var name = $"{field}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            var one = item is null ? Problem(name, "is required") : check(name, item);
            result = (result, one).Apply((_, _) => unit);
            i++;
        }
        return result;
    }

    /// <summary>A list that must have at least one element.</summary>
    public static Validation<ApiError, Unit> NonEmpty<T>(string field, Seq<T> items) =>
        items.IsEmpty ? Problem<Unit>(field, "must contain at least one entry") : Ok;

    /// <summary>Reads a result that must be a 40-hex identifier (RID, share code, token); never echoes it.</summary>
    public static Either<ApiError, string> IdentifierResult(RpcAnswer answer, string expected) =>
        answer
            .RequireResult()
            .Bind(result =>
                result.ValueKind == System.Text.Json.JsonValueKind.String
                && Identifier.IsValid(result.GetString())
                    ? Right<ApiError, string>(result.GetString()!)
                    : Left<ApiError, string>(answer.Malformed(expected, result))
            );
}
