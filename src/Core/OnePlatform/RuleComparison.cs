namespace Functional.Core.OnePlatform;

/// <summary>How a datarule compares each value with its constant: <c>gt lt eq geq leq neq</c>.</summary>
public enum RuleComparison
{
    /// <summary><c>gt</c>: value &gt; constant.</summary>
    Gt,

    /// <summary><c>lt</c>: value &lt; constant.</summary>
    Lt,

    /// <summary><c>eq</c>: value = constant.</summary>
    Eq,

    /// <summary><c>geq</c>: value ≥ constant.</summary>
    Geq,

    /// <summary><c>leq</c>: value ≤ constant.</summary>
    Leq,

    /// <summary><c>neq</c>: value ≠ constant.</summary>
    Neq,
}
