namespace Functional.Core.Http;

/// <summary>One HTTP header. A sensitive header (credentials) never shows its value in <see cref="ToString"/>.</summary>
/// <param name="Name">The header name, e.g. <c>X-Exosite-CIK</c>.</param>
/// <param name="Value">The header value.</param>
/// <param name="Sensitive">True when the value is a secret (CIK, token, password).</param>
public sealed record HttpHeader(string Name, string Value, bool Sensitive = false)
{
    /// <summary>A header whose value is a secret.</summary>
    public static HttpHeader Secret(string name, string value) => new(name, value, true);

    /// <inheritdoc />
    public override string ToString() => Sensitive ? $"{Name}: ***" : $"{Name}: {Value}";
}
