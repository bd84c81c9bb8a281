using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>One step of a dataport's <c>preprocess</c> list: <c>[op, operand]</c>, applied in order to each written value.</summary>
/// <param name="Operator">The operation.</param>
/// <param name="Operand">A number or a resource.</param>
public sealed record PreprocessStep(PreprocessOperator Operator, PreprocessOperand Operand)
{
    /// <summary>Checks the step; errors name <c>field.op</c> and <c>field.operand</c>.</summary>
    public Validation<ApiError, PreprocessStep> Validate(string field) =>
        (
            ArgumentChecks.Defined($"{field}.op", Operator),
            Operand is null
                ? ArgumentChecks.Problem($"{field}.operand", "is required")
                : Operand.Validate($"{field}.operand").Map(_ => unit)
        ).Apply((_, _) => this);

    /// <summary>The wire name of the operator (<c>add</c>, <c>geq</c>, <c>value</c>...).</summary>
    public string OperatorName => Operator.ToString().ToLowerInvariant();

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        w.WriteStringValue(OperatorName);
        Operand.WriteTo(w);
        w.WriteEndArray();
    }
}
