using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary><c>info</c>'s <c>storage</c> part (dataports, datarules, dispatches): <c>{count, first, last, size}</c>.</summary>
/// <param name="Count">How many points are stored.</param>
/// <param name="First">The oldest point's timestamp (Unix seconds), when there is one.</param>
/// <param name="Last">The newest point's timestamp (Unix seconds), when there is one.</param>
/// <param name="Size">The stored size.</param>
public sealed record InfoStorage(long Count, Option<long> First, Option<long> Last, long Size)
{
    /// <summary>Reads the object leniently (missing numbers are 0 / None); None when it is not an object.</summary>
    internal static Option<InfoStorage> FromJson(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
            ? new InfoStorage(
                InfoJson.Integer(e, "count").IfNone(0),
                InfoJson.Integer(e, "first"),
                InfoJson.Integer(e, "last"),
                InfoJson.Integer(e, "size").IfNone(0)
            )
            : None;
}
