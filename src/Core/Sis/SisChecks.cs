using System.Text;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Sis;

/// <summary>Argument checks and request helpers shared by the SIS builders.</summary>
internal static class SisChecks
{
    public static Validation<ApiError, T> Problem<T>(string field, string problem) =>
        OnePlatform.ArgumentChecks.Problem<T>(field, problem);

    /// <summary>
    /// What is wrong with one item of a comma list (<c>sort</c>, <c>fields</c>, <c>populate</c>), if anything:
    /// present, non-empty, no comma (it would split the item) and, unless <paramref name="allowSign"/>, no leading
    /// <c>-</c>/<c>+</c> (which would change its meaning).
    /// </summary>
    public static Option<string> ListItem(string? value, bool allowSign) =>
        value switch
        {
            null => Some("is required"),
            "" => Some("must not be empty"),
            _ when value.Contains(',', StringComparison.Ordinal) => Some(
                "must not contain ',' (it separates the items)"
            ),
            _ when !allowSign && (value[0] == '-' || value[0] == '+') => Some(
                "must not start with '-' or '+' (use SisSort.Desc for descending order)"
            ),
            _ when value.Trim().Length == 0 => Some("must not be blank"),
            _ when value.Any(char.IsWhiteSpace) => Some(
                "must not contain whitespace (the server trims names and splits field lists on spaces)"
            ),
            _ when allowSign && value is "-" or "+" => Some("must name a field after its sign"),
            _ when !OnePlatform.Json.IsValidText(value) => Some(
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            _ => Option<string>.None,
        };

    /// <summary>The settings: present, a non-empty version that is one path segment, a header-safe token.</summary>
    public static Validation<ApiError, SisSettings> Settings(string field, SisSettings? settings)
    {
        if (settings is null)
            return Problem<SisSettings>(field, "is required");
        var version = settings.ApiVersion switch
        {
            null => Problem<string>($"{field}.apiVersion", "is required"),
            "" => Problem<string>($"{field}.apiVersion", "must not be empty"),
            var v when v.Any(c => char.IsControl(c) || c == '/' || char.IsWhiteSpace(c)) =>
                Problem<string>(
                    $"{field}.apiVersion",
                    "must not contain '/', spaces or control characters"
                ),
            var v when !OnePlatform.Json.IsValidText(v) => Problem<string>(
                $"{field}.apiVersion",
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            var v => Success<ApiError, string>(v),
        };
        var token = settings.AuthToken.Match(
            t => HeaderValue($"{field}.authToken", t).Map(_ => unit),
            () => Success<ApiError, Unit>(unit)
        );
        return (version, token).Apply((_, _) => settings);
    }

    /// <summary>A header value: present, non-empty, no control characters (CR/LF would split the header), ASCII-safe.</summary>
    public static Validation<ApiError, string> HeaderValue(string field, string? value) =>
        value switch
        {
            null => Problem<string>(field, "is required"),
            "" => Problem<string>(field, "must not be empty"),
            _ when value.Any(c => char.IsControl(c) || c > '\u007e') => Problem<string>(
                field,
                "must be printable ASCII (control characters would split the header)"
            ),
            _ => Success<ApiError, string>(value),
        };

    /// <summary>The collection: present; entities need a schema and tokens a user name (one path segment, no control characters).</summary>
    public static Validation<ApiError, SisEndpoint> Endpoint(string field, SisEndpoint? endpoint)
    {
        if (endpoint is null)
            return Problem<SisEndpoint>(field, "is required");
        if (endpoint.Kind is not (SisEndpointKind.Entities or SisEndpointKind.Tokens))
            return Success<ApiError, SisEndpoint>(endpoint);
        var name = endpoint.Kind == SisEndpointKind.Entities ? "schema" : "userName";
        return Segment($"{field}.{name}", endpoint.Name)
            .Bind(n =>
                n.Any(char.IsControl)
                    ? Problem<string>($"{field}.{name}", "must not contain control characters")
                    : Success<ApiError, string>(n)
            )
            .Map(_ => endpoint);
    }

    /// <summary>A value that becomes one path segment (an id, a commit id, a schema name).</summary>
    public static Validation<ApiError, string> Segment(string field, string? value) =>
        PathSegments.Validate(field, value);

    /// <summary>A caller's JSON value that must be an object.</summary>
    public static Validation<ApiError, System.Text.Json.JsonElement> Object(
        string field,
        System.Text.Json.JsonElement value,
        string hint = ""
    ) =>
        value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => Success<
                ApiError,
                System.Text.Json.JsonElement
            >(value),
            System.Text.Json.JsonValueKind.Undefined => Problem<System.Text.Json.JsonElement>(
                field,
                "is required (a default JsonElement holds nothing)"
            ),
            _ => Problem<System.Text.Json.JsonElement>(
                field,
                $"must be a JSON object, but it is {OnePlatform.Json.Describe(value)}{hint}"
            ),
        };

    /// <summary>A non-empty list of JSON objects, each checked as <c>field[i]</c>.</summary>
    public static Validation<ApiError, Seq<System.Text.Json.JsonElement>> Objects(
        string field,
        Seq<System.Text.Json.JsonElement> items
    )
    {
        if (items.IsEmpty)
            return Problem<Seq<System.Text.Json.JsonElement>>(field, "must not be empty");
        return items.Map((i, item) => Object($"{field}[{i}]", item)).Sequence().Map(toSeq);
    }

    /// <summary>A filter that must be valid (and, when <paramref name="nonEmpty"/>, not empty).</summary>
    public static Validation<ApiError, SisFilter> Filter(
        string field,
        SisFilter? filter,
        bool nonEmpty,
        string emptyProblem = "must not be empty"
    )
    {
        if (filter is null)
            return Problem<SisFilter>(field, "is required");
        var valid = filter.Validate(field);
        return nonEmpty && filter.IsEmpty && filter.Problems.IsEmpty
            ? Problem<SisFilter>(field, emptyProblem)
            : valid;
    }

    /// <summary>Basic credentials: a user without ':' (it ends the user part) and a password, both valid text.</summary>
    public static Validation<ApiError, string> BasicCredentials(string? user, string? password)
    {
        var u = user switch
        {
            null => Problem<string>("user", "is required"),
            "" => Problem<string>("user", "must not be empty"),
            _ when user.Contains(':', StringComparison.Ordinal) => Problem<string>(
                "user",
                "must not contain ':' (Basic authentication ends the user name there)"
            ),
            _ when !OnePlatform.Json.IsValidText(user) => Problem<string>(
                "user",
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            _ => Success<ApiError, string>(user),
        };
        var p = password switch
        {
            null => Problem<string>("password", "is required"),
            _ when !OnePlatform.Json.IsValidText(password) => Problem<string>(
                "password",
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            _ => Success<ApiError, string>(password),
        };
        return (u, p).Apply(
            (name, pw) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + pw))
        );
    }
}
