namespace Functional.Core.Errors;

/// <summary>The <c>error</c> object a One Platform answer may carry: <c>{code, message, context}</c>.</summary>
/// <param name="Code">The numeric code.</param>
/// <param name="Message">The message.</param>
/// <param name="Context">The context (<c>arguments</c>, <c>auth</c>, <c>calls</c>, <c>procedure</c>), when given.</param>
public sealed record RpcErrorDetail(long Code, string Message, Option<string> Context)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Code} {Message}" + Context.Match(c => $" ({c})", () => "");
}
