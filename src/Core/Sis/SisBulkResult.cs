using System.Text.Json;

namespace Functional.Core.Sis;

/// <summary>The answer of a bulk insert, update or delete: <c>{"success": [...], "errors": [...]}</c>.</summary>
/// <param name="Success">The inserted, updated or deleted documents (clones).</param>
/// <param name="Errors">The items that failed.</param>
public sealed record SisBulkResult(Seq<JsonElement> Success, Seq<SisBulkError> Errors)
{
    /// <summary>True when no item failed.</summary>
    public bool AllSucceeded => Errors.IsEmpty;
}

/// <summary>One failed item of a bulk operation, from <c>{"err": [status, {error, code}, (detail)], "value": item}</c>.</summary>
/// <param name="Status">The HTTP status the item failed with.</param>
/// <param name="Error">The server's error text.</param>
/// <param name="Code">The server's code, when sent.</param>
/// <param name="Value">The item (or the document, or <c>{_id}</c>) that failed (a clone).</param>
/// <param name="Detail">The optional raw detail (third element of <c>err</c>; a clone).</param>
public sealed record SisBulkError(
    int Status,
    string Error,
    Option<int> Code,
    JsonElement Value,
    Option<JsonElement> Detail
);
