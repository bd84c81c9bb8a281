namespace Functional.Core.Http;

/// <summary>One query-string pair, unescaped. <see cref="QueryString"/> escapes it.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The parameter value.</param>
public sealed record QueryParam(string Name, string Value);
