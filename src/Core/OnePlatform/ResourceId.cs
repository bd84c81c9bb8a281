using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Names a resource in a call: a 40-hex RID, <c>{"alias": "name"}</c> (an alias of an immediate child of the
/// calling client), or <c>{"alias": ""}</c> (the calling client itself).
/// </summary>
public abstract record ResourceId
{
    private ResourceId() { }

    /// <summary>A resource by its 40-hex RID.</summary>
    public static ResourceId Rid(string rid) => new ByRid(rid);

    /// <summary>A resource by alias; the empty alias is the calling client itself.</summary>
    public static ResourceId Alias(string alias) =>
        alias is { Length: 0 } ? Self : new ByAlias(alias);

    /// <summary>The calling client itself (<c>{"alias": ""}</c>).</summary>
    public static ResourceId Self { get; } = new Caller();

    /// <summary>Whether this names the calling client: <see cref="Self"/>, or an alias record with the empty name.</summary>
    internal bool IsCaller => this is Caller or ByAlias { Name: "" };

    /// <summary>Checks the value; the error names <paramref name="field"/>.</summary>
    public Validation<ApiError, ResourceId> Validate(string field) =>
        this switch
        {
            ByRid r when Identifier.IsValid(r.Value) => Success<ApiError, ResourceId>(this),
            ByRid r => Identifier.Validate(field, r.Value).Map(_ => (ResourceId)r),
            ByAlias a when a.Name is null => Fail<ApiError, ResourceId>(
                new ApiError.InvalidArgument(field, "alias is required")
            ),
            ByAlias a when a.Name.Any(char.IsControl) => Fail<ApiError, ResourceId>(
                new ApiError.InvalidArgument(field, "alias must not contain control characters")
            ),
            ByAlias a when !Json.IsValidText(a.Name) => Fail<ApiError, ResourceId>(
                new ApiError.InvalidArgument(
                    field,
                    "alias must be valid Unicode text (it has an unpaired surrogate)"
                )
            ),
            ByAlias or Caller => Success<ApiError, ResourceId>(this),
            _ => Fail<ApiError, ResourceId>(new ApiError.InvalidArgument(field, "is required")),
        };

    /// <summary>Checks an optional resource argument that must be present.</summary>
    internal static Validation<ApiError, ResourceId> Require(string field, ResourceId? resource) =>
        resource is null
            ? Fail<ApiError, ResourceId>(new ApiError.InvalidArgument(field, "is required"))
            : resource.Validate(field);

    /// <summary>Writes the JSON form.</summary>
    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>A RID.</summary>
    /// <param name="Value">40 lower-case hex characters.</param>
    public sealed record ByRid(string Value) : ResourceId
    {
        internal override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

        /// <inheritdoc />
        public override string ToString() => Value;
    }

    /// <summary>An alias.</summary>
    /// <param name="Name">The alias.</param>
    public sealed record ByAlias(string Name) : ResourceId
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("alias"u8, Name);
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => $"alias:{Name}";
    }

    /// <summary>The calling client.</summary>
    public sealed record Caller : ResourceId
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("alias"u8, "");
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => "self";
    }
}
