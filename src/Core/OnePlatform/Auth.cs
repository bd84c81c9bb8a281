using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Who makes a One Platform request (the envelope's <c>auth</c>): a client key (CIK), optionally acting as a
/// descendant client or as the owner of a descendant resource, or a token from <c>grant</c>.
/// The secret never appears in <see cref="object.ToString"/>. Values are checked when a request is built.
/// </summary>
public abstract record Auth
{
    private Auth() { }

    /// <summary><c>{"cik": C}</c>: act as the client whose key is <paramref name="cik"/>.</summary>
    public static Auth Cik(string cik) => new ByCik(cik);

    /// <summary><c>{"cik": C, "client_id": R}</c>: act as the descendant client <paramref name="clientRid"/>.</summary>
    public static Auth CikAsClient(string cik, string clientRid) =>
        new ByCikAsClient(cik, clientRid);

    /// <summary><c>{"cik": C, "resource_id": R}</c>: act as the owner of the descendant resource <paramref name="resourceRid"/>.</summary>
    public static Auth CikAsOwnerOf(string cik, string resourceRid) =>
        new ByCikAsOwner(cik, resourceRid);

    /// <summary><c>{"token": T}</c>: a token from <c>grant</c>.</summary>
    public static Auth Token(string token) => new ByToken(token, None);

    /// <summary><c>{"token": T, "client_id": R}</c>: a token acting as the descendant client <paramref name="clientRid"/>.</summary>
    public static Auth TokenAsClient(string token, string clientRid) =>
        new ByToken(token, Some(clientRid));

    /// <summary>Checks every part; the error names the field and never shows the secret.</summary>
    public Validation<ApiError, Auth> Validate(string field = "auth") =>
        this switch
        {
            ByCik c when Identifier.IsValid(c.Key) => Success<ApiError, Auth>(this),
            ByCik c => Identifier.Validate($"{field}.cik", c.Key, secret: true).Map(_ => (Auth)c),
            ByCikAsClient c => (
                Identifier.Validate($"{field}.cik", c.Key, secret: true),
                Identifier.Validate($"{field}.client_id", c.ClientRid)
            ).Apply((_, _) => (Auth)c),
            ByCikAsOwner c => (
                Identifier.Validate($"{field}.cik", c.Key, secret: true),
                Identifier.Validate($"{field}.resource_id", c.ResourceRid)
            ).Apply((_, _) => (Auth)c),
            ByToken t => (
                Identifier.Validate($"{field}.token", t.Value, secret: true),
                t.ClientRid.Match(
                    r => Identifier.Validate($"{field}.client_id", r).Map(Some),
                    () => Success<ApiError, Option<string>>(None)
                )
            ).Apply((_, _) => (Auth)t),
            _ => Fail<ApiError, Auth>(new ApiError.InvalidArgument(field, "is required")),
        };

    /// <summary>Writes the <c>auth</c> object.</summary>
    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>A CIK.</summary>
    /// <param name="Key">The client's key (secret).</param>
    public sealed record ByCik(string Key) : Auth
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("cik"u8, Key);
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => "Auth.Cik(***)";
    }

    /// <summary>A CIK acting as a descendant client.</summary>
    /// <param name="Key">The ancestor's key (secret).</param>
    /// <param name="ClientRid">The descendant client to act as.</param>
    public sealed record ByCikAsClient(string Key, string ClientRid) : Auth
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("cik"u8, Key);
            writer.WriteString("client_id"u8, ClientRid);
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => $"Auth.CikAsClient(***, client_id={ClientRid})";
    }

    /// <summary>A CIK acting as the owner of a descendant resource.</summary>
    /// <param name="Key">The ancestor's key (secret).</param>
    /// <param name="ResourceRid">The resource whose owner to act as.</param>
    public sealed record ByCikAsOwner(string Key, string ResourceRid) : Auth
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("cik"u8, Key);
            writer.WriteString("resource_id"u8, ResourceRid);
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => $"Auth.CikAsOwnerOf(***, resource_id={ResourceRid})";
    }

    /// <summary>A token from <c>grant</c>, optionally acting as a descendant client.</summary>
    /// <param name="Value">The token (secret).</param>
    /// <param name="ClientRid">The descendant client to act as, if any.</param>
    public sealed record ByToken(string Value, Option<string> ClientRid) : Auth
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("token"u8, Value);
            ClientRid.IfSome(r => writer.WriteString("client_id"u8, r));
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() =>
            ClientRid.Match(
                r => $"Auth.TokenAsClient(***, client_id={r})",
                () => "Auth.Token(***)"
            );
    }
}
