using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Datarules;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Procedures;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// Validates create/update descriptions and fills the documented defaults (§2.5): documented keys first in the
/// documented order, then unknown keys exactly as sent (legacy <c>writeinterval</c>, <c>visibility</c>,
/// <c>limits.io</c>, … are kept). <c>subscribe</c> and RID operands of <c>preprocess</c> are resolved in the
/// caller's context and stored as RIDs. Returns null when the description is invalid.
/// </summary>
internal static class Descriptions
{
    public static readonly IReadOnlySet<string> DispatchMethods = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "email",
        "http_get",
        "http_post",
        "http_put",
        "sms",
        "xmpp",
    };

    public static JsonObject? Normalize(
        CallContext ctx,
        ResourceKind kind,
        JsonObject input,
        Resource? self = null
    )
    {
        var output = new JsonObject();
        var ok = kind switch
        {
            ResourceKind.Client => Client(input, output),
            ResourceKind.Dataport => Dataport(ctx, input, output, self, rule: false),
            ResourceKind.Datarule => Dataport(ctx, input, output, self, rule: true),
            _ => Dispatch(ctx, input, output, self),
        };
        if (!ok)
        {
            return null;
        }
        foreach (var (key, value) in input)
        {
            if (!output.ContainsKey(key))
            {
                output[key] = value?.DeepClone();
            }
        }
        return output;
    }

    /// <summary>The root client's description.</summary>
    public static JsonObject Root()
    {
        var limits = new JsonObject();
        foreach (var key in Limits.Keys)
        {
            limits[key] = Limits.RootLimit;
        }
        return new JsonObject
        {
            ["limits"] = limits,
            ["locked"] = false,
            ["meta"] = "",
            ["name"] = "root",
            ["public"] = false,
        };
    }

    private static bool Client(JsonObject input, JsonObject output)
    {
        var limits = new JsonObject();
        var given = input["limits"];
        if (given is not null and not JsonObject)
        {
            return false;
        }
        var givenLimits = given as JsonObject ?? [];
        foreach (var key in Limits.Keys)
        {
            var value = givenLimits[key];
            if (value is null)
            {
                limits[key] = 0L;
            }
            else if (JsonArgs.TryString(value, out var s) && s == "inherit")
            {
                limits[key] = "inherit";
            }
            else if (JsonArgs.TryLong(value, out var n) && n >= 0)
            {
                limits[key] = n;
            }
            else
            {
                return false;
            }
        }
        foreach (var (key, value) in givenLimits)
        {
            if (!limits.ContainsKey(key))
            {
                limits[key] = value?.DeepClone();
            }
        }
        output["limits"] = limits;
        return Bool(input, output, "locked")
            && Text(input, output, "meta")
            && Text(input, output, "name")
            && Bool(input, output, "public");
    }

    private static bool Dataport(
        CallContext ctx,
        JsonObject input,
        JsonObject output,
        Resource? self,
        bool rule
    )
    {
        if (
            !JsonArgs.TryString(input["format"], out var format)
            || !DataFormats.TryParse(format, out _)
        )
        {
            return false;
        }
        output["format"] = format;
        if (
            !Text(input, output, "meta")
            || !Text(input, output, "name")
            || !PreprocessList(ctx, input, output)
            || !Bool(input, output, "public")
            || !RetentionObject(input, output)
        )
        {
            return false;
        }
        if (rule)
        {
            if (RuleDefinition.Normalize(input["rule"]) is not { } normalized)
            {
                return false;
            }
            output["rule"] = normalized;
        }
        return Subscribe(ctx, input, output, self);
    }

    private static bool Dispatch(
        CallContext ctx,
        JsonObject input,
        JsonObject output,
        Resource? self
    )
    {
        if (
            !Bool(input, output, "locked")
            || !Text(input, output, "message")
            || !Text(input, output, "meta")
        )
        {
            return false;
        }
        if (
            !JsonArgs.TryString(input["method"], out var method)
            || !DispatchMethods.Contains(method)
        )
        {
            return false;
        }
        output["method"] = method;
        if (
            !Text(input, output, "name")
            || !PreprocessList(ctx, input, output)
            || !Bool(input, output, "public")
        )
        {
            return false;
        }
        if (!JsonArgs.TryString(input["recipient"], out var recipient))
        {
            return false;
        }
        output["recipient"] = recipient;
        return RetentionObject(input, output)
            && Text(input, output, "subject")
            && Subscribe(ctx, input, output, self);
    }

    private static bool Bool(JsonObject input, JsonObject output, string key)
    {
        var value = false;
        if (input[key] is not null && !JsonArgs.TryBool(input[key], out value))
        {
            return false;
        }
        output[key] = value;
        return true;
    }

    private static bool Text(JsonObject input, JsonObject output, string key)
    {
        var value = "";
        if (input[key] is not null && !JsonArgs.TryString(input[key], out value))
        {
            return false;
        }
        output[key] = value;
        return true;
    }

    private static bool RetentionObject(JsonObject input, JsonObject output)
    {
        var given = input["retention"];
        if (given is not null and not JsonObject)
        {
            return false;
        }
        var retention = given as JsonObject ?? [];
        var result = new JsonObject();
        foreach (var key in new[] { "count", "duration" })
        {
            var value = retention[key];
            if (value is null || (JsonArgs.TryString(value, out var s) && s == "infinity"))
            {
                result[key] = "infinity";
            }
            else if (key == "count" && JsonArgs.TryLong(value, out var n) && n >= 0)
            {
                result[key] = n;
            }
            else if (key == "duration" && JsonArgs.TryDouble(value, out var hours) && hours >= 0)
            {
                result[key] = value.DeepClone();
            }
            else
            {
                return false;
            }
        }
        foreach (var (key, value) in retention)
        {
            if (!result.ContainsKey(key))
            {
                result[key] = value?.DeepClone();
            }
        }
        output["retention"] = result;
        return true;
    }

    private static bool PreprocessList(CallContext ctx, JsonObject input, JsonObject output)
    {
        var result = new JsonArray();
        var given = input["preprocess"];
        if (given is not null and not JsonArray)
        {
            return false;
        }
        foreach (var step in given as JsonArray ?? [])
        {
            if (
                step is not JsonArray { Count: 2 } pair
                || !JsonArgs.TryString(pair[0], out var op)
                || !Preprocess.Operations.Contains(op)
            )
            {
                return false;
            }
            JsonNode operand;
            if (JsonArgs.TryDouble(pair[1], out _))
            {
                operand = pair[1]!.DeepClone();
            }
            else if (JsonArgs.TryString(pair[1], out var text) && !JsonArgs.IsId(text))
            {
                operand = text;
            }
            else if (Resolver.TryResolve(ctx, pair[1], Access.Read, out var source, out _))
            {
                operand = source.Rid;
            }
            else
            {
                return false;
            }
            result.Add(new JsonArray(op, operand));
        }
        output["preprocess"] = result;
        return true;
    }

    private static bool Subscribe(
        CallContext ctx,
        JsonObject input,
        JsonObject output,
        Resource? self
    )
    {
        var given = input["subscribe"];
        if (given is null)
        {
            output["subscribe"] = null;
            return true;
        }
        if (
            !Resolver.TryResolve(ctx, given, Access.Read, out var source, out _)
            || ReferenceEquals(source, self)
        )
        {
            return false;
        }
        output["subscribe"] = source.Rid;
        return true;
    }
}
