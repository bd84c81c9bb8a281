using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>An entry of a <c>recordbatch</c> that the server refused.</summary>
/// <param name="Timestamp">The entry's timestamp, as the server reported it.</param>
/// <param name="Status">Why it was refused (usually <c>invalid</c>).</param>
public sealed record RejectedEntry(long Timestamp, string Status);

/// <summary>
/// Reads the status <c>recordbatch</c> sends when it refuses some entries: a list
/// <c>[[ts, "invalid"], …]</c> instead of a status string. The error keeps that raw status
/// (<see cref="ApiError.RpcCall.Status"/>); these helpers give it a type.
/// </summary>
public static class RecordBatchRejections
{
    /// <summary>
    /// The entries a failed <c>recordbatch</c> call refused, when <paramref name="error"/> is such a failure with a
    /// list status; None for any other error (another procedure, a status string such as <c>restricted</c>, a list of
    /// another shape).
    /// </summary>
    public static Option<Seq<RejectedEntry>> From(ApiError error) =>
        error is ApiError.RpcCall { Procedure: "recordbatch" } call
            ? FromStatus(call.Status)
            : None;

    /// <summary>Reads a status <c>[[ts, status], …]</c>; None when it has another shape.</summary>
    public static Option<Seq<RejectedEntry>> FromStatus(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Array)
            return None;
        var entries = new RejectedEntry[status.GetArrayLength()];
        var i = 0;
        foreach (var e in status.EnumerateArray())
        {
            if (
                e.ValueKind != JsonValueKind.Array
                || e.GetArrayLength() != 2
                || e[0].ValueKind != JsonValueKind.Number
                || !e[0].TryGetInt64(out var ts)
                || e[1].ValueKind != JsonValueKind.String
            )
                return None;
            entries[i++] = new RejectedEntry(ts, e[1].GetString()!);
        }
        return toSeq(entries);
    }
}
