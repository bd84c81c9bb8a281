namespace Functional.Emulators.OnePlatform.Model;

/// <summary>The four resource types of the One Platform tree (clone is a create type, not a resource type).</summary>
internal enum ResourceKind
{
    Client,
    Dataport,
    Datarule,
    Dispatch,
}

internal static class ResourceKinds
{
    public static readonly IReadOnlyList<ResourceKind> All =
    [
        ResourceKind.Client,
        ResourceKind.Dataport,
        ResourceKind.Datarule,
        ResourceKind.Dispatch,
    ];

    public static string Name(this ResourceKind kind) =>
        kind switch
        {
            ResourceKind.Client => "client",
            ResourceKind.Dataport => "dataport",
            ResourceKind.Datarule => "datarule",
            _ => "dispatch",
        };

    public static bool TryParse(string? name, out ResourceKind kind)
    {
        switch (name)
        {
            case "client":
                kind = ResourceKind.Client;
                return true;
            case "dataport":
                kind = ResourceKind.Dataport;
                return true;
            case "datarule":
                kind = ResourceKind.Datarule;
                return true;
            case "dispatch":
                kind = ResourceKind.Dispatch;
                return true;
            default:
                kind = ResourceKind.Client;
                return false;
        }
    }

    /// <summary>Dataports, datarules and dispatches hold a time series.</summary>
    public static bool HasSeries(this ResourceKind kind) => kind != ResourceKind.Client;
}
