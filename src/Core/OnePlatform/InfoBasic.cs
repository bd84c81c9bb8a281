using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>
/// <c>info</c>'s <c>basic</c> part: <c>{"modified", "status", "subscribers", "type"}</c>. Members the server
/// leaves out (a dataport has no status) are None; unknown names keep their text.
/// </summary>
/// <param name="Modified">When the resource was last modified (Unix seconds).</param>
/// <param name="Status">The status (clients and dispatches); <see cref="ResourceStatus.Unknown"/> for a status this library does not know.</param>
/// <param name="StatusName">The status exactly as sent.</param>
/// <param name="Subscribers">How many resources subscribe to it.</param>
/// <param name="Type">The resource's type; None when absent or unknown.</param>
/// <param name="TypeName">The type exactly as sent.</param>
public sealed record InfoBasic(
    Option<long> Modified,
    Option<ResourceStatus> Status,
    Option<string> StatusName,
    Option<long> Subscribers,
    Option<ResourceType> Type,
    Option<string> TypeName
)
{
    /// <summary>The modification time as a UTC date and time.</summary>
    public Option<DateTimeOffset> ModifiedTime => Modified.Map(DateTimeOffset.FromUnixTimeSeconds);

    /// <summary>Reads the object leniently (odd members become None); None when it is not an object.</summary>
    internal static Option<InfoBasic> FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return None;
        var status = InfoJson.Text(e, "status");
        var type = InfoJson.Text(e, "type");
        return new InfoBasic(
            InfoJson.Integer(e, "modified"),
            status.Map(ParseStatus),
            status,
            InfoJson.Integer(e, "subscribers"),
            type.Bind(ResourceTypes.Parse),
            type
        );
    }

    private static ResourceStatus ParseStatus(string s) =>
        s switch
        {
            "activated" => ResourceStatus.Activated,
            "locked" => ResourceStatus.Locked,
            "notactivated" => ResourceStatus.NotActivated,
            "expired" => ResourceStatus.Expired,
            _ => ResourceStatus.Unknown,
        };
}
