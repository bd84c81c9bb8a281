using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Hooks (§2.8.3): <c>{name, entity_type, target:{action,url}, events, retry_delay, retry_count}</c>.</summary>
internal sealed partial class HookModel(SisContext context) : ResourceModel(context)
{
    private static readonly string[] Actions = ["GET", "POST", "PUT"];
    private static readonly string[] Events = ["insert", "update", "delete"];

    public override string Type => SisStore.Hooks;

    public override Collection Collection => Context.Store.Get(SisStore.Hooks);

    public override SisProblem? Validate(JsonObject body, JsonObject? existing, Caller caller)
    {
        if (!Meta.Truthy(body["name"]))
        {
            return SisProblem.BadRequest("Hook has no name.");
        }
        if (!Meta.Truthy(body["entity_type"]))
        {
            return SisProblem.BadRequest("Hook has no entity_type.");
        }
        if (body["target"] is not JsonObject target)
        {
            return SisProblem.BadRequest("Hook has no target.");
        }
        if (!Meta.Truthy(target["url"]))
        {
            return SisProblem.BadRequest("Hook target has no url.");
        }
        if (!Meta.Truthy(target["action"]))
        {
            return SisProblem.BadRequest("Hook target has no action.");
        }
        if (!Meta.Truthy(body["events"]))
        {
            return SisProblem.BadRequest("Hook has no on parameter.");
        }
        if (body["events"] is JsonArray { Count: 0 })
        {
            return SisProblem.BadRequest("Hook on parameter has no values.");
        }
        return caller.AuthOff ? null : Rbac.NormalizeOwner(body);
    }

    public override Outcome<JsonObject> Cast(JsonObject document)
    {
        var errors = new List<string>();
        var result = new JsonObject();
        var name = Text(document["name"], "name", errors);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors.Add($"Path `name` is invalid ({name}).");
        }
        result["name"] = name;
        result["entity_type"] = Text(document["entity_type"], "entity_type", errors);
        var target = document["target"] as JsonObject ?? [];
        var action = Text(target["action"], "target.action", errors);
        if (action is not null && !Actions.Contains(action))
        {
            errors.Add($"`{action}` is not a valid enum value for path `target.action`.");
        }
        result["target"] = new JsonObject
        {
            ["action"] = action,
            ["url"] = Text(target["url"], "target.url", errors),
        };
        var events = new JsonArray();
        foreach (var e in document["events"] is JsonArray a ? a.ToList() : [document["events"]])
        {
            var text = Text(e, "events", errors);
            if (text is not null && !Events.Contains(text))
            {
                errors.Add($"`{text}` is not a valid enum value for path `events`.");
            }
            events.Add(text);
        }
        result["events"] = events;
        result["retry_delay"] = Number(document, "retry_delay", 1, 1, 60, errors);
        result["retry_count"] = Number(document, "retry_count", 0, 0, 20, errors);
        foreach (var key in (string[])["_id", "_v", "_sis"])
        {
            if (document.TryGetPropertyValue(key, out var value))
            {
                result[key] = value?.DeepClone();
            }
        }
        return errors.Count > 0
            ? SisProblem.BadRequest("ValidationError: " + string.Join(", ", errors))
            : Outcome.Ok(result);
    }

    private static string? Text(JsonNode? value, string path, List<string> errors)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v:
                return v.ToJsonString();
            default:
                errors.Add(
                    $"Cast to String failed for value \"{SisJson.Text(value)}\" at path \"{path}\""
                );
                return null;
        }
    }

    private static JsonNode? Number(
        JsonObject document,
        string key,
        double fallback,
        double min,
        double max,
        List<string> errors
    )
    {
        double number;
        switch (document[key])
        {
            case null:
                number = fallback;
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                number = v.GetValue<double>();
                break;
            case JsonValue v
                when v.GetValueKind() == JsonValueKind.String
                    && double.TryParse(
                        v.GetValue<string>(),
                        System.Globalization.CultureInfo.InvariantCulture,
                        out var parsed
                    ):
                number = parsed;
                break;
            case var other:
                errors.Add(
                    $"Cast to Number failed for value \"{SisJson.Text(other)}\" at path \"{key}\""
                );
                return null;
        }
        if (number < min)
        {
            errors.Add($"Path `{key}` ({number}) is less than minimum allowed value ({min}).");
        }
        else if (number > max)
        {
            errors.Add($"Path `{key}` ({number}) is more than maximum allowed value ({max}).");
        }
        return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? (long)number : number;
    }

    protected override FieldTypeInfo? FieldTypeOf(string path) =>
        path switch
        {
            "name" or "entity_type" or "target.url" or "target.action" => FieldTypeInfo.Of(
                FieldKind.String
            ),
            "events" => FieldTypeInfo.ArrayOf(FieldKind.String),
            "retry_count" or "retry_delay" => FieldTypeInfo.Of(FieldKind.Number),
            _ => null,
        };

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NamePattern();
}
