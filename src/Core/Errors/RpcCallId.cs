using System.Globalization;

namespace Functional.Core.Errors;

/// <summary>A JSON-RPC call id: an integer (what this client sends) or a string of at most 40 characters.</summary>
public abstract record RpcCallId
{
    private RpcCallId() { }

    /// <summary>An integer id.</summary>
    public static RpcCallId Of(long id) => new Number(id);

    /// <summary>A string id.</summary>
    public static RpcCallId Of(string id) => new Text(id);

    /// <summary>An integer id.</summary>
    /// <param name="Value">The id.</param>
    public sealed record Number(long Value) : RpcCallId
    {
        /// <inheritdoc />
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A string id.</summary>
    /// <param name="Value">The id.</param>
    public sealed record Text(string Value) : RpcCallId
    {
        /// <inheritdoc />
        public override string ToString() => "\"" + Value + "\"";
    }
}
