using Functional.Core.Sis;

namespace Functional.Tests.Reliability;

/// <summary>Which errors leave a write's outcome unknown: exactly those where the request reached the server.</summary>
public sealed class OutcomeTests
{
    public static TheoryData<string, bool> Cases() =>
        new()
        {
            { "transport, maybe processed", true },
            { "transport, not sent", false },
            { "timeout", true },
            { "no answer for the call", true },
            { "malformed answer", true },
            { "sis 200 undecodable", true },
            { "sis 404", false },
            { "http 503", false },
            { "rpc general 401", false },
            { "rpc call failed", false },
            { "not sent", false },
            { "invalid argument", false },
            { "cancelled", false },
        };

    private static ApiError Example(string name) =>
        name switch
        {
            "transport, maybe processed" => new ApiError.Transport("reset", None, true),
            "transport, not sent" => new ApiError.Transport("refused", None, false),
            "timeout" => new ApiError.Timeout(TimeSpan.FromSeconds(1)),
            "no answer for the call" => new ApiError.RpcNoAnswer(RpcCallId.Of(1), "write"),
            "malformed answer" => new ApiError.MalformedResponse("JSON", "truncated"),
            "sis 200 undecodable" => new ApiError.Sis(new SisError("bad JSON", None, 200, "{")),
            "sis 404" => new ApiError.Sis(new SisError("not found", Some(1000), 404, "")),
            "http 503" => new ApiError.HttpStatus(503, "Service Unavailable", None, None, ""),
            "rpc general 401" => new ApiError.RpcGeneral(401, "Authorization failed", None),
            "rpc call failed" => new ApiError.RpcCall(
                RpcCallId.Of(1),
                "write",
                System.Text.Json.JsonDocument.Parse("\"invalid\"").RootElement.Clone(),
                None
            ),
            "not sent" => new ApiError.RpcNotSent(
                RpcCallId.Of(2),
                "write",
                new ApiError.Transport("reset", None, true)
            ),
            "invalid argument" => new ApiError.InvalidArgument("value", "is required"),
            _ => new ApiError.Cancelled(),
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outcome_is_unknown_exactly_when_the_request_reached_the_server_unanswered(
        string name,
        bool unknown
    ) => Assert.Equal(unknown, Example(name).OutcomeIsUnknown);
}
