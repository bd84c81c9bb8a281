using System.Text.Json;

namespace Functional.Core.Errors;

/// <summary>
/// Everything that can go wrong, as data. A closed family: builders give <see cref="InvalidArgument"/>,
/// parsers give protocol errors, and only the interpreter gives transport errors. No case ever shows a
/// credential in <see cref="object.ToString"/> or <see cref="Message"/>.
/// </summary>
public abstract record ApiError
{
    private protected ApiError() { }

    /// <summary>A human-readable sentence describing the error (never contains a secret).</summary>
    public abstract string Message { get; }

    /// <inheritdoc />
    public sealed override string ToString() => $"{GetType().Name}: {Message}";

    /// <summary>
    /// True when the request may or may not have been applied: it was sent but its answer was lost
    /// (<see cref="Transport"/> with <c>RequestMayHaveBeenProcessed</c>), did not arrive in time
    /// (<see cref="Timeout"/>), did not mention this call (<see cref="RpcNoAnswer"/>), or arrived unreadable
    /// (<see cref="MalformedResponse"/>, or a SIS success status whose body could not be decoded). Read before
    /// writing again. A <see cref="Cancelled"/> request may also have been applied if it was already on its way.
    /// </summary>
    public bool OutcomeIsUnknown =>
        this
            is Transport { RequestMayHaveBeenProcessed: true }
                or Timeout
                or RpcNoAnswer
                or MalformedResponse
                or Sis { Detail.HttpStatus: >= 200 and < 300 };

    /// <summary>One or many input errors as one error.</summary>
    public static ApiError Combine(Seq<ApiError> errors) =>
        errors.Count == 1 ? errors.Head : new InvalidArguments(errors.Bind(Flatten));

    private static Seq<ApiError> Flatten(ApiError e) =>
        e is InvalidArguments many ? many.Errors : Seq1(e);

    /// <summary>An argument given to a builder is invalid.</summary>
    /// <param name="Field">The argument's name, dotted for nested fields (e.g. <c>options.limit</c>).</param>
    /// <param name="Problem">What is wrong with it.</param>
    public sealed record InvalidArgument(string Field, string Problem) : ApiError
    {
        /// <inheritdoc />
        public override string Message => $"{Field}: {Problem}";
    }

    /// <summary>Several arguments are invalid: every problem, reported at once.</summary>
    /// <param name="Errors">Each problem.</param>
    public sealed record InvalidArguments(Seq<ApiError> Errors) : ApiError
    {
        /// <inheritdoc />
        public override string Message => string.Join("; ", Errors.Map(e => e.Message));
    }

    /// <summary>The server answered with a status that means failure (REST APIs: Provisioning, SIS).</summary>
    /// <param name="Status">The HTTP status code.</param>
    /// <param name="Reason">The reason phrase.</param>
    /// <param name="Code">The server's own error code, when it sent one.</param>
    /// <param name="ServerMessage">The server's error message, when it sent one.</param>
    /// <param name="Body">The response body as text.</param>
    public sealed record HttpStatus(
        int Status,
        string Reason,
        Option<string> Code,
        Option<string> ServerMessage,
        string Body
    ) : ApiError
    {
        /// <inheritdoc />
        public override string Message =>
            $"HTTP {Status}{(Reason.Length > 0 ? " " + Reason : "")}"
            + ServerMessage.Match(m => $": {m}", () => "")
            + Code.Match(c => $" (code {c})", () => "");
    }

    /// <summary>
    /// A whole One Platform request failed: the server answered <c>{"error": {code, message, context}}</c>
    /// (e.g. 401 Authorization failed for a bad CIK). No call in the request has a result.
    /// </summary>
    /// <param name="Code">-1 not JSON, 400 malformed, 401 bad credentials, 500 internal, 501 unsupported.</param>
    /// <param name="ServerMessage">The server's message.</param>
    /// <param name="Context">What part of the request was wrong (<c>auth</c>, <c>calls</c>, ...), when given.</param>
    public sealed record RpcGeneral(long Code, string ServerMessage, Option<string> Context)
        : ApiError
    {
        /// <inheritdoc />
        public override string Message =>
            $"One Platform error {Code}: {ServerMessage}"
            + Context.Match(c => $" (context: {c})", () => "");
    }

    /// <summary>
    /// One call of a One Platform request failed. The status is kept exactly as the server sent it:
    /// usually a string (<c>invalid</c>, <c>restricted</c>, <c>noauth</c>, <c>expire</c>, <c>locked</c>...),
    /// but e.g. <c>recordbatch</c> sends a list of rejected entries.
    /// </summary>
    /// <param name="CallId">The call's id.</param>
    /// <param name="Procedure">The procedure that was called.</param>
    /// <param name="Status">The status exactly as sent.</param>
    /// <param name="Detail">The optional <c>error</c> object (code, message, context) that pyonep drops.</param>
    public sealed record RpcCall(
        RpcCallId CallId,
        string Procedure,
        JsonElement Status,
        Option<RpcErrorDetail> Detail
    ) : ApiError
    {
        /// <summary>The status when it is a string (<c>invalid</c>, <c>restricted</c>...).</summary>
        public Option<string> StatusText => OnePlatform.Json.StringOf(Status);

        /// <inheritdoc />
        public override string Message =>
            $"call {CallId} ({Procedure}) failed with status "
            + StatusText.Match(s => s, () => OnePlatform.Json.RawTextOf(Status))
            + Detail.Match(d => $": {d}", () => "");
    }

    /// <summary>The server's answer had no element for this call (it should answer every call that has an id).</summary>
    /// <param name="CallId">The call's id.</param>
    /// <param name="Procedure">The procedure that was called.</param>
    public sealed record RpcNoAnswer(RpcCallId CallId, string Procedure) : ApiError
    {
        /// <inheritdoc />
        public override string Message =>
            $"the server sent no answer for call {CallId} ({Procedure}); its outcome is unknown";
    }

    /// <summary>
    /// The call was never sent, because an earlier chunk of the same batch failed as a whole.
    /// </summary>
    /// <param name="CallId">The call's id.</param>
    /// <param name="Procedure">The procedure.</param>
    /// <param name="Cause">Why the batch stopped.</param>
    public sealed record RpcNotSent(RpcCallId CallId, string Procedure, ApiError Cause) : ApiError
    {
        /// <inheritdoc />
        public override string Message =>
            $"call {CallId} ({Procedure}) was not sent because an earlier chunk failed: {Cause.Message}";
    }

    /// <summary>The response could not be understood.</summary>
    /// <param name="Expected">What the parser expected.</param>
    /// <param name="Detail">What it found instead (a description, never the body itself).</param>
    public sealed record MalformedResponse(string Expected, string Detail) : ApiError
    {
        /// <inheritdoc />
        public override string Message => $"malformed response: expected {Expected}, but {Detail}";
    }

    /// <summary>The request could not be sent or the answer could not be received (connection refused, reset, TLS...).</summary>
    /// <param name="Description">What failed.</param>
    /// <param name="Exception">The .NET exception, when there was one.</param>
    /// <param name="RequestMayHaveBeenProcessed">True when the request was (maybe) sent: its outcome is unknown.</param>
    public sealed record Transport(
        string Description,
        Option<Exception> Exception,
        bool RequestMayHaveBeenProcessed
    ) : ApiError
    {
        /// <inheritdoc />
        public override string Message => $"transport failure: {Description}";
    }

    /// <summary>No answer arrived within the timeout.</summary>
    /// <param name="After">The timeout that elapsed.</param>
    public sealed record Timeout(TimeSpan After) : ApiError
    {
        /// <inheritdoc />
        public override string Message =>
            $"no answer within {After.TotalSeconds:0.###} s; the request's outcome is unknown";
    }

    /// <summary>The SIS server reported a failure (or sent a body that is not JSON).</summary>
    /// <param name="Detail">The server's error, code, status and body.</param>
    public sealed record Sis(Functional.Core.Sis.SisError Detail) : ApiError
    {
        /// <inheritdoc />
        public override string Message => Detail.Message;
    }

    /// <summary>The caller cancelled the operation.</summary>
    public sealed record Cancelled : ApiError
    {
        /// <inheritdoc />
        public override string Message => "the operation was cancelled";
    }
}
