using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis;

/// <summary>
/// An error answer of the SIS emulator (spec §2.3): an HTTP status and its JSON body — <c>{"error", "code"}</c> for
/// SIS errors, or a raw error object (no <c>error</c>/<c>code</c> keys) for the 500s Mongo would produce.
/// </summary>
internal sealed record SisProblem(int Status, JsonObject Body)
{
    /// <summary>404, code 1000: <c>"&lt;type&gt; &lt;id&gt; does not exist"</c>.</summary>
    public static SisProblem NotFound(string type, string id) =>
        Sis(404, $"{type} {id} does not exist", 1000);

    /// <summary>404, code 1000 with a message of its own (e.g. <c>"commit at time …"</c> built by the caller).</summary>
    public static SisProblem NotFoundMessage(string message) => Sis(404, message, 1000);

    /// <summary>400, code 1001: <c>"Bad request: &lt;message&gt;"</c>.</summary>
    public static SisProblem BadRequest(string message) =>
        Sis(400, "Bad request: " + message, 1001);

    /// <summary>500, code 1002: <c>"Internal error &lt;message&gt;"</c>.</summary>
    public static SisProblem Internal(string message) =>
        Sis(500, "Internal error " + message, 1002);

    /// <summary>400, code 1003: <c>"Invalid data &lt;message&gt;"</c>.</summary>
    public static SisProblem InvalidData(string message) =>
        Sis(400, "Invalid data " + message, 1003);

    /// <summary>401, code 1004: <c>"Unauthorized. &lt;message&gt;"</c>.</summary>
    public static SisProblem Unauthorized(string message) =>
        Sis(401, "Unauthorized. " + message, 1004);

    /// <summary>500 with a raw error object as its body (e.g. a Mongo CastError while querying).</summary>
    public static SisProblem Raw(JsonObject error) => new(500, error);

    /// <summary>The body's <c>error</c> text, or null for raw errors.</summary>
    public string? Error => Body["error"]?.GetValue<string>();

    private static SisProblem Sis(int status, string error, int code) =>
        new(status, new JsonObject { ["error"] = error, ["code"] = code });
}

/// <summary>The result of an operation that can fail with a <see cref="SisProblem"/>; no exceptions for expected failures.</summary>
internal readonly record struct Outcome<T>
{
    private Outcome(T? value, SisProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The value when <see cref="IsOk"/>.</summary>
    public T? Value { get; }

    /// <summary>The failure, or null.</summary>
    public SisProblem? Problem { get; }

    public bool IsOk => Problem is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(SisProblem problem) => new(default, problem);

    public static implicit operator Outcome<T>(SisProblem problem) => Fail(problem);

    public static implicit operator Outcome<T>(T value) => Ok(value);

    /// <summary>Continues with <paramref name="next"/> when ok; passes a failure on.</summary>
    public Outcome<TNext> Then<TNext>(Func<T, Outcome<TNext>> next) =>
        Problem is null ? next(Value!) : Outcome<TNext>.Fail(Problem);

    /// <summary>Maps the value when ok.</summary>
    public Outcome<TNext> Map<TNext>(Func<T, TNext> map) =>
        Problem is null ? Outcome<TNext>.Ok(map(Value!)) : Outcome<TNext>.Fail(Problem);
}

/// <summary>Helpers to make outcomes.</summary>
internal static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => Outcome<T>.Ok(value);
}
