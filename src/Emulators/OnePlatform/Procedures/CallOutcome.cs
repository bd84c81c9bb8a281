using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>What one call produced; rendered into one element of the response array (§2.3).</summary>
internal abstract record CallOutcome
{
    private CallOutcome() { }

    /// <summary><c>{"status":"ok"}</c> with a <c>result</c> when <paramref name="HasResult"/>.</summary>
    public sealed record Ok(JsonNode? Result, bool HasResult) : CallOutcome;

    /// <summary>A bare non-ok status string such as <c>invalid</c> or <c>restricted</c>.</summary>
    public sealed record Status(string Value) : CallOutcome;

    /// <summary>A status that is a JSON value, e.g. recordbatch's <c>[[ts,"invalid"],…]</c>.</summary>
    public sealed record StatusValue(JsonNode Value) : CallOutcome;

    /// <summary><c>{"status":"fail","error":{"code","message","context"}}</c>.</summary>
    public sealed record Fail(int Code, string Message, string Context) : CallOutcome;

    /// <summary>A non-ok status that carries an explanatory <c>result</c> (listing's <c>error</c>).</summary>
    public sealed record StatusWithResult(string Value, JsonNode Result) : CallOutcome;

    /// <summary>A parked <c>wait</c> call; the endpoint awaits it outside the state lock.</summary>
    public sealed record Waiting(Waiter Waiter) : CallOutcome;

    public static readonly CallOutcome Done = new Ok(null, false);
    public static readonly CallOutcome Invalid = new Status("invalid");
    public static readonly CallOutcome Restricted = new Status("restricted");
    public static readonly CallOutcome NoAuth = new Status("noauth");
    public static readonly CallOutcome Locked = new Status("locked");
    public static readonly CallOutcome Expire = new Status("expire");

    /// <summary>The argument list does not match any form of the procedure (§2.3 code 501, context "arguments").</summary>
    public static readonly CallOutcome BadArguments = new Fail(501, "Error", "arguments");

    /// <summary>
    /// Unknown procedure. §2.3 lists code 501 for an unsupported procedure/argument combination and context
    /// "procedure"; since the rest of the request is valid it is reported per call, not as a general error.
    /// </summary>
    public static readonly CallOutcome UnknownProcedure = new Fail(501, "Error", "procedure");

    public static CallOutcome Success(JsonNode? result) => new Ok(result, true);
}
