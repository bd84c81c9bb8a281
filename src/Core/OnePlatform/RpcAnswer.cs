using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The server's answer to one call: <c>{"id", "status", "result"?, "error"?}</c>. Its JSON elements point
/// into the response document and are valid only while the call's parser runs: a parser that keeps an
/// element in its result must <c>Clone()</c> it (as <see cref="ToError"/> does).
/// </summary>
/// <param name="CallId">The call's id.</param>
/// <param name="Procedure">The procedure that was called.</param>
/// <param name="Status">The status exactly as sent (<c>"ok"</c>, <c>"invalid"</c>, a list for recordbatch...).</param>
/// <param name="Result">The <c>result</c>, when the server sent one.</param>
/// <param name="Detail">The <c>error</c> object, when the server sent one.</param>
public sealed record RpcAnswer(
    RpcCallId CallId,
    string Procedure,
    JsonElement Status,
    Option<JsonElement> Result,
    Option<RpcErrorDetail> Detail
)
{
    /// <summary>True when the status is the string <c>ok</c>.</summary>
    public bool IsOk
    {
        get
        {
            if (Status.ValueKind != JsonValueKind.String)
                return false;
            try
            {
                return Status.ValueEquals("ok"u8); // compares without decoding the status to a string
            }
            catch (InvalidOperationException)
            {
                return false; // text that cannot be decoded (an escaped unpaired surrogate) is not "ok"
            }
        }
    }

    /// <summary>The status as a string, when it is one.</summary>
    public Option<string> StatusText => Json.StringOf(Status);

    /// <summary>This answer as the per-call error it describes.</summary>
    public ApiError ToError() => new ApiError.RpcCall(CallId, Procedure, Status.Clone(), Detail);

    /// <summary>Succeeds with the result (if any) when the status is ok; otherwise the per-call error.</summary>
    public Either<ApiError, Option<JsonElement>> RequireOk() =>
        IsOk
            ? Right<ApiError, Option<JsonElement>>(Result)
            : Left<ApiError, Option<JsonElement>>(ToError());

    /// <summary>Succeeds with the result when the status is ok and a result is present.</summary>
    public Either<ApiError, JsonElement> RequireResult() =>
        !IsOk ? Left<ApiError, JsonElement>(ToError())
        : Result.Case is JsonElement result ? Right<ApiError, JsonElement>(result)
        : Left<ApiError, JsonElement>(
            new ApiError.MalformedResponse(
                $"a result for call {CallId} ({Procedure})",
                "the answer has none"
            )
        );

    /// <summary>Shows the call and its status but not the result, which may hold a secret (e.g. a key in <c>info</c>).</summary>
    public override string ToString() =>
        $"answer to call {CallId} ({Procedure}): status "
        + StatusText.Match(s => s, () => Json.RawTextOf(Status))
        + Result.Match(_ => " with a result", () => "")
        + Detail.Match(d => $", error {d}", () => "");

    /// <summary>A malformed-response error about this call's result.</summary>
    public ApiError Malformed(string expected, JsonElement found) =>
        new ApiError.MalformedResponse(
            $"{expected} as the result of call {CallId} ({Procedure})",
            $"found {Json.Describe(found)}"
        );
}
