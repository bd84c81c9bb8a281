namespace Functional.Emulators.Sis.Resources;

/// <summary>Builds the API with every resource model.</summary>
internal static class SisModels
{
    public static SisApi CreateApi(SisContext context, AuthGate auth)
    {
        var models = new List<(string, ResourceModel)>
        {
            ("schemas", new SchemaModel(context)),
            ("hooks", new HookModel(context)),
            ("hiera", new HieraModel(context)),
            ("users", new UserModel(context, auth.Tokens)),
        };
        return new SisApi(context, auth, models, schema => EntityModel.For(context, schema));
    }
}
