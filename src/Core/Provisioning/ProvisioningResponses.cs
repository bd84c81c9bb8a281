using System.Globalization;
using System.Text;
using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>
/// Shared response handling for the Provisioning API: the status mapping (2xx success; 403, 404, 409 and everything
/// else as <see cref="ApiError.HttpStatus"/>), the CSV reader and writer, and the raw-response variant of every builder.
/// </summary>
public static class ProvisioningResponses
{
    /// <summary>
    /// Success (2xx, including 204 and 205) passes the response on; any other status becomes
    /// <see cref="ApiError.HttpStatus"/> keeping the status, reason and body (recognise 403, 404 and 409 with
    /// <see cref="ProvisioningErrors"/>). The body's first line becomes the server message.
    /// </summary>
    public static Either<ApiError, HttpResponse> Check(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccess)
            return response;
        var body = response.BodyText;
        var firstLine = body.Split('\n', 2)[0].Trim();
        return new ApiError.HttpStatus(
            response.Status,
            response.Reason,
            None,
            firstLine.Length == 0 ? None : Some(firstLine),
            body
        );
    }

    /// <summary>A mutation's answer: any success status (usually 205 with an empty body) gives <see cref="Unit"/>.</summary>
    public static Either<ApiError, Unit> Done(HttpResponse response) =>
        Check(response).Map(_ => unit);

    /// <summary>A <c>text/plain</c> answer: the body with surrounding whitespace removed; an empty body is malformed.</summary>
    public static Either<ApiError, string> Text(HttpResponse response, string expected) =>
        Check(response)
            .Bind(r =>
            {
                var text = r.BodyText.Trim();
                return text.Length == 0
                    ? Left<ApiError, string>(
                        new ApiError.MalformedResponse(
                            expected,
                            $"the body of the {r.Status} answer is empty"
                        )
                    )
                    : Right<ApiError, string>(text);
            });

    /// <summary>A CSV answer: its rows (204 or an empty body give no rows).</summary>
    public static Either<ApiError, Seq<Seq<string>>> Rows(HttpResponse response) =>
        Check(response)
            .Bind(r =>
                r.Status == 204 ? Right<ApiError, Seq<Seq<string>>>(Empty) : ParseCsv(r.BodyText)
            );

    /// <summary>A CSV answer with one value a line (model names, ids): the first field of every row.</summary>
    public static Either<ApiError, Seq<string>> Lines(HttpResponse response) =>
        Rows(response).Map(rows => rows.Map(row => row.Head));

    /// <summary>
    /// Reads CSV as the server writes it: records end with LF or CRLF, fields are separated by commas, and a field in
    /// double quotes may contain commas, CR/LF and doubled quotes (<c>""</c>). Blank lines are skipped. An
    /// unterminated quote or text after a closing quote is malformed.
    /// </summary>
    public static Either<ApiError, Seq<Seq<string>>> ParseCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<Seq<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var lineHasContent = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                lineHasContent = true;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.Append(text[i]);
                    i++;
                }
                if (!closed)
                    return Malformed("CSV", "a quoted field is not closed");
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    return Malformed(
                        "CSV",
                        "a closing quote is followed by more text in the same field"
                    );
                continue;
            }
            switch (c)
            {
                case ',':
                    lineHasContent = true;
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r' or '\n':
                    if (lineHasContent || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        rows.Add(toSeq(fields.ToArray()));
                    }
                    fields.Clear();
                    field.Clear();
                    lineHasContent = false;
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    break;
                default:
                    lineHasContent = true;
                    field.Append(c);
                    i++;
                    break;
            }
        }
        if (lineHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            rows.Add(toSeq(fields.ToArray()));
        }
        return toSeq(rows.ToArray());
    }

    /// <summary>Writes rows as CSV with CRLF line ends, quoting a field that holds a comma, a quote, CR or LF.</summary>
    public static string WriteCsv(Seq<Seq<string>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Map(Quote));
            sb.Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The raw-response variant of any Provisioning builder: the same request, but the effect gives the
    /// <see cref="HttpResponse"/> itself (status, reason, headers, body) whatever its status, instead of parsing it.
    /// </summary>
    public static Validation<ApiError, HttpEffect<HttpResponse>> Raw<T>(
        Validation<ApiError, HttpEffect<T>> built
    ) =>
        built.Bind(effect =>
            effect is HttpEffect<T>.Send send
                ? Success<ApiError, HttpEffect<HttpResponse>>(Raw(send.Request))
                : Fail<ApiError, HttpEffect<HttpResponse>>(
                    new ApiError.InvalidArgument("built", "is not a single request")
                )
        );

    /// <summary>Sends <paramref name="request"/> and gives the response whatever its status.</summary>
    public static HttpEffect<HttpResponse> Raw(HttpRequest request) =>
        HttpEffect.Send(request, r => Right<ApiError, HttpResponse>(r));

    internal static Either<ApiError, T> Malformed<T>(string expected, string detail) =>
        Left<ApiError, T>(new ApiError.MalformedResponse(expected, detail));

    private static Either<ApiError, Seq<Seq<string>>> Malformed(string expected, string detail) =>
        Malformed<Seq<Seq<string>>>(expected, detail);

    /// <summary>Parses every row with <paramref name="parse"/>, failing on the first bad one.</summary>
    internal static Either<ApiError, Seq<T>> Each<T>(
        Seq<Seq<string>> rows,
        Func<Seq<string>, int, Either<ApiError, T>> parse
    )
    {
        var result = new List<T>();
        var index = 0;
        foreach (var row in rows)
        {
            var parsed = parse(row, index++);
            if (parsed.IsLeft)
                return parsed.Map(_ => Seq<T>());
            result.Add(parsed.IfLeft(() => throw new InvalidOperationException()));
        }
        return toSeq(result.ToArray());
    }

    /// <summary>A non-negative integer field.</summary>
    internal static Either<ApiError, long> Integer(string text, string what) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
        && n >= 0
            ? Right<ApiError, long>(n)
            : Malformed<long>(what, $"found \"{Shorten(text)}\"");

    /// <summary>A <c>true</c>/<c>false</c> field.</summary>
    internal static Either<ApiError, bool> Boolean(string text, string what) =>
        text.Trim() switch
        {
            "true" => Right<ApiError, bool>(true),
            "false" => Right<ApiError, bool>(false),
            var other => Malformed<bool>(what, $"found \"{Shorten(other)}\""),
        };

    internal static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    /// <summary>Empty text means absent.</summary>
    internal static Option<string> Blank(string s) => s.Length == 0 ? None : Some(s);
}

/// <summary>Recognises the Provisioning API's documented failure statuses in an <see cref="ApiError"/>.</summary>
public static class ProvisioningErrors
{
    /// <summary>The HTTP status of a status error.</summary>
    public static Option<int> StatusOf(ApiError error) =>
        error is ApiError.HttpStatus s ? Some(s.Status) : None;

    /// <summary>403 Forbidden: bad credentials, or a vendor/model the caller may not use.</summary>
    public static bool IsForbidden(ApiError error) => StatusOf(error) == Some(403);

    /// <summary>404 Not Found: unknown vendor, model, serial number or content.</summary>
    public static bool IsNotFound(ApiError error) => StatusOf(error) == Some(404);

    /// <summary>409 Conflict: it already exists, or the serial number is not in the state the call needs.</summary>
    public static bool IsConflict(ApiError error) => StatusOf(error) == Some(409);
}

/// <summary>Argument checks shared by the Provisioning builders.</summary>
internal static class ProvisioningChecks
{
    public const string Prefix = "/provision";

    public static Validation<ApiError, T> Problem<T>(string field, string problem) =>
        OnePlatform.ArgumentChecks.Problem<T>(field, problem);

    public static Validation<ApiError, Unit> Ok { get; } = Success<ApiError, Unit>(unit);

    /// <summary>A value that becomes one path segment (model, serial number, content id...).</summary>
    public static Validation<ApiError, string> Segment(string field, string? value) =>
        PathSegments.Validate(field, value);

    /// <summary>A present value of a form field or query pair (may be empty), valid Unicode.</summary>
    public static Validation<ApiError, string> Text(string field, string? value) =>
        value switch
        {
            null => Problem<string>(field, "is required"),
            _ when !Json.IsValidText(value) => Problem<string>(
                field,
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            _ => Success<ApiError, string>(value),
        };

    /// <summary>A non-empty name sent in a form or query (vendor, model, serial number, id).</summary>
    public static Validation<ApiError, string> Name(string field, string? value) =>
        value == "" ? Problem<string>(field, "must not be empty") : Text(field, value);

    /// <summary>
    /// A header value: present, non-empty, printable ASCII only — no control characters (CR/LF would split the
    /// header) and nothing above <c>~</c> (HTTP sends header bytes, not text). No problem quotes the value, so
    /// <paramref name="secret"/> values (keys, tokens) are checked the same way.
    /// </summary>
    public static Validation<ApiError, string> HeaderValue(
        string field,
        string? value,
        bool secret
    ) =>
        value switch
        {
            null => Problem<string>(field, "is required"),
            "" => Problem<string>(field, "must not be empty"),
            _ when value.Any(char.IsControl) => Problem<string>(
                field,
                "must not contain control characters (CR/LF would split the header)"
            ),
            _ when value.Any(c => c > '\u007e') => Problem<string>(
                field,
                "must be printable ASCII (a header carries bytes, not text)"
            ),
            _ => Success<ApiError, string>(value),
        };

    /// <summary>Required auth.</summary>
    public static Validation<ApiError, ProvisioningAuth> Auth(
        string field,
        ProvisioningAuth? auth
    ) => auth is null ? Problem<ProvisioningAuth>(field, "is required") : auth.Validate(field);

    /// <summary>A non-empty list of names, each checked with <see cref="Name"/> as <c>field[i]</c>.</summary>
    public static Validation<ApiError, Seq<string>> Names(string field, Seq<string> values)
    {
        if (values.IsEmpty)
            return Problem<Seq<string>>(field, "must not be empty");
        return values.Map((i, v) => Name($"{field}[{i}]", v)).Sequence().Map(toSeq);
    }

    /// <summary>Form body from name/value pairs.</summary>
    public static HttpBody Form(params (string Name, string Value)[] fields) =>
        HttpBody.FromForm(toSeq(fields.Select(f => new QueryParam(f.Name, f.Value)).ToArray()));

    /// <summary>Form body from pairs.</summary>
    public static HttpBody Form(Seq<QueryParam> fields) => HttpBody.FromForm(fields);

    /// <summary>A request with the management key header.</summary>
    /// <summary>
    /// Checks the arguments every per-item call has — the auth, the model and one item path segment (a serial
    /// number, content id, group id or vendor) — reporting all problems at once, then builds the effect.
    /// </summary>
    public static Validation<ApiError, HttpEffect<T>> Item<T>(
        ProvisioningAuth auth,
        string model,
        string itemField,
        string item,
        Func<ProvisioningAuth, string, string, HttpEffect<T>> build
    ) => (Auth("auth", auth), Segment("model", model), Segment(itemField, item)).Apply(build);

    /// <summary>
    /// <c>GET &lt;item path&gt;?show=groups[&amp;offset&amp;limit]</c>: the ids of the groups a serial number, content
    /// item or group belongs to; 204 means none. Shared by the three resources that answer it.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> GroupsOf(
        ProvisioningAuth auth,
        string model,
        string itemField,
        string item,
        ProvisioningPage page,
        Func<string, string, string> itemPath,
        bool allowSharedVendor = false
    ) =>
        (
            Auth("auth", auth),
            Segment("model", model),
            Segment(itemField, item),
            ProvisioningPage.Require("page", page)
        ).Apply(
            (a, m, i, p) =>
                Send(
                    p.AddTo(
                        Request("GET", itemPath(m, i), a, allowSharedVendor)
                            .WithQuery("show", "groups")
                    ),
                    ProvisioningResponses.Lines
                )
        );

    public static HttpRequest Request(
        string method,
        string path,
        ProvisioningAuth auth,
        bool allowSharedVendor = false
    )
    {
        var request = auth.AddTo(HttpRequest.Create(method, path), allowSharedVendor)
            .WithLabel(Label(method, path));
        return method == "GET" ? request.WithRetry(RetrySafety.Safe) : request;
    }

    /// <summary>
    /// A request's label: <c>/provision/&lt;verb&gt;</c> or <c>/provision/manage/&lt;kind&gt;</c> (or
    /// <c>/provision/admin/&lt;kind&gt;</c>) kept, the model, serial number and other names after it as <c>{}</c>.
    /// </summary>
    public static RequestLabel Label(string method, string path)
    {
        var segments = toSeq(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var fixedCount = segments.Count > 1 && segments[1] is "manage" or "admin" ? 3 : 2;
        return RequestLabel.Rest(
            "provision",
            method,
            toSeq(segments.Map((i, s) => (s, i < fixedCount)))
        );
    }

    /// <summary>The send effect with the parser.</summary>
    public static HttpEffect<T> Send<T>(
        HttpRequest request,
        Func<HttpResponse, Either<ApiError, T>> parse
    ) => HttpEffect.Send(request, parse);
}
