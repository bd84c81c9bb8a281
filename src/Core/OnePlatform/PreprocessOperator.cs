namespace Functional.Core.OnePlatform;

/// <summary>The operation of one <see cref="PreprocessStep"/>, applied to each value before it is stored.</summary>
public enum PreprocessOperator
{
    /// <summary><c>add</c>: value + operand.</summary>
    Add,

    /// <summary><c>sub</c>: value − operand.</summary>
    Sub,

    /// <summary><c>mul</c>: value × operand.</summary>
    Mul,

    /// <summary><c>div</c>: value ÷ operand.</summary>
    Div,

    /// <summary><c>mod</c>: value modulo operand.</summary>
    Mod,

    /// <summary><c>gt</c>: 1 when value &gt; operand, else 0.</summary>
    Gt,

    /// <summary><c>geq</c>: 1 when value ≥ operand, else 0.</summary>
    Geq,

    /// <summary><c>lt</c>: 1 when value &lt; operand, else 0.</summary>
    Lt,

    /// <summary><c>leq</c>: 1 when value ≤ operand, else 0.</summary>
    Leq,

    /// <summary><c>eq</c>: 1 when value = operand, else 0.</summary>
    Eq,

    /// <summary><c>neq</c>: 1 when value ≠ operand, else 0.</summary>
    Neq,

    /// <summary><c>value</c>: replace the value with the operand.</summary>
    Value,
}
