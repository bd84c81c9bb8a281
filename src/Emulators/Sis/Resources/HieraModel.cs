using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Hiera entries (§2.8.4): <c>{name, hieradata}</c>; GET by name answers <c>{name: hieradata}</c>.</summary>
internal sealed class HieraModel(SisContext context) : ResourceModel(context)
{
    public override string Type => SisStore.Hiera;

    public override Collection Collection => Context.Store.Get(SisStore.Hiera);

    public override string? HookType => SisStore.Hiera;

    public override SisProblem? Validate(JsonObject body, JsonObject? existing, Caller caller)
    {
        if (
            body["name"] is not JsonValue name
            || name.GetValueKind() != JsonValueKind.String
            || name.ToString().Length == 0
        )
        {
            return SisProblem.BadRequest("Hiera entry has an invalid or missing name");
        }
        if (body["hieradata"] is null)
        {
            return SisProblem.BadRequest("hieradata is missing");
        }
        return caller.AuthOff ? null : Rbac.NormalizeOwner(body);
    }

    public override Outcome<JsonObject> Cast(JsonObject document)
    {
        var result = new JsonObject
        {
            ["name"] = SisJson.Str(document, "name"),
            ["hieradata"] = document["hieradata"]?.DeepClone() ?? new JsonObject(),
        };
        foreach (var key in (string[])["_id", "_v", "_sis"])
        {
            if (document.TryGetPropertyValue(key, out var value))
            {
                result[key] = value?.DeepClone();
            }
        }
        return Outcome.Ok(result);
    }

    public override Outcome<JsonObject> Merge(
        JsonObject target,
        JsonObject body,
        SisRequest request
    )
    {
        foreach (var (key, value) in body)
        {
            target[key] =
                key == "hieradata" ? Parts.ApplyPartial(target[key], value) : value?.DeepClone();
        }
        return Outcome.Ok(target);
    }

    public override JsonNode PresentOne(JsonObject stored, SisRequest request) =>
        new JsonObject
        {
            [SisJson.Str(stored, "name") ?? ""] =
                stored["hieradata"]?.DeepClone() ?? new JsonObject(),
        };

    protected override FieldTypeInfo? FieldTypeOf(string path) =>
        path == "name" ? FieldTypeInfo.Of(FieldKind.String) : null;
}
