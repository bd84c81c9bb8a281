using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Sis;

/// <summary>
/// A successful SIS answer: the status, the JSON body (an object or an array), the response headers and, for
/// list GETs, the <c>x-total-count</c> header (the number of matches ignoring <c>limit</c>/<c>offset</c>).
/// </summary>
/// <param name="Status">The HTTP status (200, or 201 for creates and upsert-inserts).</param>
/// <param name="Json">The decoded body; a clone that stays valid forever.</param>
/// <param name="Headers">The response headers.</param>
/// <param name="TotalCount">The <c>x-total-count</c> header, when sent (name compared case-insensitively).</param>
public sealed record SisResponse(
    int Status,
    JsonElement Json,
    Seq<HttpHeader> Headers,
    Option<long> TotalCount
)
{
    /// <summary>True when the body is a JSON array (a list).</summary>
    public bool IsArray => Json.ValueKind == JsonValueKind.Array;

    /// <summary>The elements of an array body; empty when the body is an object.</summary>
    public Seq<JsonElement> Items => IsArray ? toSeq(Json.EnumerateArray().ToArray()) : Empty;

    /// <summary>The body as <typeparamref name="T"/>; a <see cref="ApiError.MalformedResponse"/> when it does not fit.</summary>
    public Either<ApiError, T> As<T>(JsonTypeInfo<T> info) =>
        Convert(() => Json.Deserialize(info), typeof(T).Name);

    /// <summary>The body as <typeparamref name="T"/> with reflection-based options (callers' choice; Core itself never uses reflection).</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(
        "Reflection-based deserialization; use the JsonTypeInfo overload when trimming."
    )]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(
        "Reflection-based deserialization; use the JsonTypeInfo overload for native AOT."
    )]
    public Either<ApiError, T> As<T>(JsonSerializerOptions options) =>
        Convert(() => Json.Deserialize<T>(options), typeof(T).Name);

    /// <summary>Each element of an array body as <typeparamref name="T"/>; an error when the body is not an array or an element does not fit.</summary>
    public Either<ApiError, Seq<T>> ItemsAs<T>(JsonTypeInfo<T> info)
    {
        if (!IsArray)
            return new ApiError.MalformedResponse(
                $"a JSON array of {typeof(T).Name}",
                $"the body is a JSON {Json.ValueKind.ToString().ToLowerInvariant()}"
            );
        var items = new List<T>();
        var index = 0;
        foreach (var element in Json.EnumerateArray())
        {
            var item = Convert(() => element.Deserialize(info), $"{typeof(T).Name} at [{index}]");
            if (item.IsLeft)
                return item.Map(_ => Seq<T>());
            items.Add(item.IfLeft(default(T)!));
            index++;
        }
        return toSeq(items);
    }

    /// <summary>A fresh mutable copy of the body.</summary>
    public JsonNode ToNode() => JsonNode.Parse(Json.GetRawText())!;

    /// <summary>Status, body kind and size only: bodies can hold credentials (token lists), so the JSON is not shown.</summary>
    public override string ToString() =>
        $"SisResponse {{ Status = {Status}, Json = {(IsArray ? $"array of {Json.GetArrayLength()}" : Json.ValueKind.ToString().ToLowerInvariant())}, TotalCount = {TotalCount.Match(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture), () => "(none)")} }}";

    private static Either<ApiError, T> Convert<T>(Func<T?> deserialize, string expected)
    {
        try
        {
            var value = deserialize();
            return value is null
                ? new ApiError.MalformedResponse(expected, "the body is null")
                : Right<ApiError, T>(value);
        }
        catch (JsonException e)
        {
            return new ApiError.MalformedResponse(expected, e.Message);
        }
        catch (NotSupportedException e)
        {
            return new ApiError.MalformedResponse(expected, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return new ApiError.MalformedResponse(expected, e.Message);
        }
    }
}
