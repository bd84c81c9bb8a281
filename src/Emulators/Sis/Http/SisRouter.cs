using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Emulators.Sis.Resources;

namespace Functional.Emulators.Sis.Http;

/// <summary>
/// The route table of §2.13, matched like Express 4: case-insensitive, one trailing slash ignored, <c>v1.1</c>'s dot
/// as a wildcard; no match → Express's HTML 404. Read-only mode registers only GETs (plus the token request and the
/// hook trigger); with auth off there are no user or token routes.
/// </summary>
internal sealed partial class SisRouter(SisApi api, bool readOnly, bool authEnabled)
{
    private static readonly string[] Resources = ["schemas", "hooks", "hiera", "users"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    /// <summary>Answers one request.</summary>
    public SisAnswer Route(
        string method,
        string originalUrl,
        string path,
        string? rawQuery,
        JsonNode body,
        Func<string, string?> header
    )
    {
        var pathOnly = originalUrl.Split('?', 2)[0];
        if (pathOnly.Length == 0 || pathOnly[0] != '/')
        {
            pathOnly = path;
        }
        if (pathOnly == "/" && method is "HEAD" or "OPTIONS")
        {
            return new SisAnswer(200, null) { Html = method == "OPTIONS" ? "OK" : "" };
        }
        var segments = Segments(pathOnly);
        if (segments is null)
        {
            return SisAnswer.NotFoundHtml(method, originalUrl);
        }
        var query = Parts.ParseQuery(rawQuery is { Length: > 0 } q ? q[1..] : "");
        var request = new SisRequest(method, originalUrl, segments, query, body, header);
        if (method == "OPTIONS")
        {
            var allowed = Methods.Where(m => Match(m, segments) is not null).ToList();
            if (allowed.Count == 0)
            {
                return SisAnswer.NotFoundHtml(method, originalUrl);
            }
            if (allowed.Contains("GET"))
            {
                allowed.Insert(allowed.IndexOf("GET") + 1, "HEAD");
            }
            var list = string.Join(',', allowed);
            return new SisAnswer(200, null)
            {
                Html = list,
                Headers = new Dictionary<string, string> { ["Allow"] = list },
            };
        }
        var handler = Match(method == "HEAD" ? "GET" : method, segments);
        return handler is null ? SisAnswer.NotFoundHtml(method, originalUrl) : handler(request);
    }

    /// <summary>The decoded segments after <c>/api/v1.1/</c>, or null when the path is not under it.</summary>
    private static List<string>? Segments(string path)
    {
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path[..^1];
        }
        var parts = path.Split('/');
        if (
            parts.Length < 4
            || parts[0].Length != 0
            || !parts[1].Equals("api", StringComparison.OrdinalIgnoreCase)
            || !Version().IsMatch(parts[2])
        )
        {
            return null;
        }
        var result = new List<string>();
        foreach (var part in parts.Skip(3))
        {
            if (part.Length == 0)
            {
                return null;
            }
            try
            {
                result.Add(Uri.UnescapeDataString(part));
            }
            catch (UriFormatException)
            {
                return null;
            }
        }
        return result;
    }

    private Func<SisRequest, SisAnswer>? Match(string method, IReadOnlyList<string> s)
    {
        var write = method != "GET";
        var head = s[0].ToLowerInvariant();
        // Routes that exist in read-only mode too.
        if (method == "GET" && s.Count == 1 && head == "info")
        {
            return _ => SisApi.Info();
        }
        if (
            authEnabled
            && method == "POST"
            && s.Count == 2
            && head == "users"
            && s[1].Equals("auth_token", StringComparison.OrdinalIgnoreCase)
        )
        {
            return api.AuthToken;
        }
        if (
            method == "POST"
            && s.Count == 4
            && head == "hooks"
            && s[1].Equals("trigger", StringComparison.OrdinalIgnoreCase)
        )
        {
            return r => api.TriggerHooks(r, s[2], s[3]);
        }
        if (write && readOnly)
        {
            return null;
        }
        if (
            authEnabled
            && head == "users"
            && s.Count is 3 or 4
            && s[2].Equals("tokens", StringComparison.OrdinalIgnoreCase)
        )
        {
            var user = s[1];
            var token = s.Count == 4 ? s[3] : null;
            return (method, token) switch
            {
                ("GET", null) => r => api.ListTokens(r, user),
                ("GET", _) => r => api.GetToken(r, user, token),
                ("POST", null) => r => api.CreateToken(r, user),
                ("PUT", not null) => r => api.UpdateToken(r, user, token),
                ("DELETE", not null) => r => api.DeleteToken(r, user, token),
                _ => null,
            };
        }
        ResourceRef target;
        IReadOnlyList<string> rest;
        if (head == "entities")
        {
            if (s.Count < 2)
            {
                return null;
            }
            target = new ResourceRef("entities", s[1]);
            rest = [.. s.Skip(2)];
        }
        else if (Resources.Contains(head) && (authEnabled || head != "users"))
        {
            target = new ResourceRef(head, null);
            rest = [.. s.Skip(1)];
        }
        else
        {
            return null;
        }
        var history = target.Kind != "users";
        return (method, rest.Count) switch
        {
            ("GET", 0) => r => api.List(r, target),
            ("GET", 1) => r => api.Get(r, target, rest[0]),
            ("GET", 2) when history && Is(rest[1], "commits") => r =>
                api.Commits(r, target, rest[0]),
            ("GET", 3) when history && Is(rest[1], "commits") => r =>
                api.Commit(r, target, rest[0], rest[2]),
            ("GET", 3) when history && Is(rest[1], "revision") => r =>
                api.Revision(r, target, rest[0], rest[2]),
            ("POST", 0) => r => api.Create(r, target),
            ("PUT", 0) => r => api.BulkUpdate(r, target),
            ("PUT", 1) => r => api.Update(r, target, rest[0]),
            ("DELETE", 0) => r => api.BulkDelete(r, target),
            ("DELETE", 1) => r => api.Delete(r, target, rest[0]),
            _ => null,
        };
    }

    private static bool Is(string segment, string name) =>
        segment.Equals(name, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^v1\.1$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Version();
}
