using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>
/// Applies a description's <c>preprocess</c> list (<c>[[op, value|RID], …]</c>) to an incoming value before it is
/// stored. Arithmetic and comparisons need a numeric value (comparisons give 1/0); <c>value</c> replaces the
/// value; an operand RID stands for that resource's latest value. An operation whose operand is missing or
/// non-numeric (or a division by zero) is skipped; eq/neq compare text when the value is not numeric.
/// </summary>
internal static class Preprocess
{
    public static readonly IReadOnlySet<string> Operations = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "add",
        "sub",
        "mul",
        "div",
        "mod",
        "gt",
        "geq",
        "lt",
        "leq",
        "eq",
        "neq",
        "value",
    };

    /// <summary>The processed value converted to the resource's format, or null when it cannot be stored.</summary>
    public static DataValue? Apply(ResourceTree tree, Resource target, DataValue input)
    {
        var value = input;
        if (target.Description["preprocess"] is JsonArray steps)
        {
            foreach (var step in steps)
            {
                if (step is JsonArray { Count: 2 } pair && JsonArgs.TryString(pair[0], out var op))
                {
                    value = Step(tree, op, pair[1], value);
                }
            }
        }
        return ValueCoercion.TryConvert(value, target.Format, out var converted) ? converted : null;
    }

    private static DataValue Step(
        ResourceTree tree,
        string op,
        JsonNode? operandNode,
        DataValue value
    )
    {
        if (!TryOperand(tree, operandNode, out var operand))
        {
            return value;
        }
        if (op == "value")
        {
            return operand;
        }
        var numeric = value.TryNumber(out var x);
        var operandNumeric = operand.TryNumber(out var y);
        if (!numeric || !operandNumeric)
        {
            return op switch
            {
                "eq" => DataValue.OfInteger(value.AsText() == operand.AsText() ? 1 : 0),
                "neq" => DataValue.OfInteger(value.AsText() != operand.AsText() ? 1 : 0),
                _ => value,
            };
        }
        return op switch
        {
            "add" => DataValue.OfFloat(x + y),
            "sub" => DataValue.OfFloat(x - y),
            "mul" => DataValue.OfFloat(x * y),
            "div" => y == 0 ? value : DataValue.OfFloat(x / y),
            "mod" => y == 0 ? value : DataValue.OfFloat(x % y),
            _ when Comparisons.Names.Contains(op) => DataValue.OfInteger(
                Comparisons.Holds(op, x, y) ? 1 : 0
            ),
            _ => value,
        };
    }

    private static bool TryOperand(ResourceTree tree, JsonNode? node, out DataValue operand)
    {
        operand = default;
        if (JsonArgs.TryDouble(node, out var number))
        {
            operand = DataValue.OfFloat(number);
            return true;
        }
        if (!JsonArgs.TryString(node, out var text))
        {
            return false;
        }
        if (JsonArgs.IsId(text) && tree.Find(text) is { } source)
        {
            if (source.Points.Count == 0)
            {
                return false;
            }
            operand = source.Points.Values[^1];
            return true;
        }
        operand = double.TryParse(
            text,
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var parsed
        )
            ? DataValue.OfFloat(parsed)
            : DataValue.OfString(text);
        return true;
    }
}
