namespace Functional.Core.OnePlatform;

/// <summary>A kind of resource, as named by <c>listing</c> and by <c>info</c>'s <c>basic.type</c>.</summary>
public enum ResourceType
{
    /// <summary><c>client</c>.</summary>
    Client,

    /// <summary><c>dataport</c>.</summary>
    Dataport,

    /// <summary><c>datarule</c>.</summary>
    Datarule,

    /// <summary><c>dispatch</c>.</summary>
    Dispatch,

    /// <summary><c>token</c> (undocumented: tokens from <c>grant</c>; appears only in a platform example of <c>listing</c>).</summary>
    Token,
}

/// <summary>Wire names of <see cref="ResourceType"/>.</summary>
internal static class ResourceTypes
{
    public static string Name(ResourceType type) => type.ToString().ToLowerInvariant();

    public static Option<ResourceType> Parse(string? name) =>
        name switch
        {
            "client" => ResourceType.Client,
            "dataport" => ResourceType.Dataport,
            "datarule" => ResourceType.Datarule,
            "dispatch" => ResourceType.Dispatch,
            "token" => ResourceType.Token,
            _ => None,
        };
}
