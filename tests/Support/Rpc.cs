using System.Text;
using System.Text.Json;

namespace Functional.Tests.Support;

/// <summary>Helpers to build and inspect One Platform requests in tests.</summary>
public static class Rpc
{
    public const string Cik = "0123456789abcdef0123456789abcdef01234567";
    public const string Rid = "89abcdef0123456789abcdef0123456789abcdef";
    public const string Rid2 = "fedcba9876543210fedcba9876543210fedcba98";

    public static RpcCall<T> Valid<T>(Validation<ApiError, RpcCall<T>> v) =>
        v.Match(
            c => c,
            errors =>
                throw new Xunit.Sdk.XunitException("builder failed: " + string.Join("; ", errors))
        );

    public static Seq<ApiError> Errors<T>(Validation<ApiError, T> v) =>
        v.Match(
            _ => throw new Xunit.Sdk.XunitException("builder unexpectedly succeeded"),
            errors => errors.Bind(Flatten)
        );

    private static Seq<ApiError> Flatten(ApiError e) =>
        e is ApiError.InvalidArguments m ? m.Errors.Bind(Flatten) : Seq1(e);

    /// <summary>
    /// The invalid fields, as an array: a collection expression compared with a LanguageExt 4 Seq builds an
    /// empty Seq (its Add returns a new Seq), so assertions must compare arrays.
    /// </summary>
    public static string[] Fields<T>(Validation<ApiError, T> v) =>
        Errors(v).Map(e => e is ApiError.InvalidArgument a ? a.Field : e.Message).ToArray();

    /// <summary>The exact envelope a single call is sent in, with id 0 and a plain CIK.</summary>
    public static string Envelope<T>(Validation<ApiError, RpcCall<T>> call, long id = 0) =>
        BodyOf(RpcBatch.Request(RpcEndpoint.Default, Auth.Cik(Cik), Seq1((id, Valid(call)))));

    public static string BodyOf(HttpRequest request) =>
        request.Body is HttpBody.Json j
            ? Encoding.UTF8.GetString(j.Utf8.Span)
            : throw new Xunit.Sdk.XunitException("not JSON");

    public static HttpResponse Json(string body, int status = 200) =>
        HttpResponse.Text(status, body);

    /// <summary>Parses a single call's answer from a full response body.</summary>
    public static Either<ApiError, T> ParseOne<T>(
        Validation<ApiError, RpcCall<T>> call,
        string body,
        long id = 0
    ) => RpcBatch.Parse(Json(body), Seq1((id, Valid(call)))).Bind(rs => rs.Head.Outcome);

    public static T Right<T>(Either<ApiError, T> e) =>
        e.Match(v => v, err => throw new Xunit.Sdk.XunitException("expected success, got " + err));

    public static ApiError Left<T>(Either<ApiError, T> e) =>
        e.Match(v => throw new Xunit.Sdk.XunitException("expected failure, got " + v), err => err);

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
