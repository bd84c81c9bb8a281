namespace Functional.Core.Http;

/// <summary>
/// What a request does, in words fit for logs, traces and metrics: the API, a low-cardinality operation name and how
/// many calls it carries. It never holds credentials, ids or user data.
/// </summary>
/// <param name="Api">The API: <c>onep</c> (One Platform RPC), <c>provision</c>, <c>sis</c> or <c>http</c> (anything else).</param>
/// <param name="Operation">
/// The operation: for One Platform the distinct procedures of the batch in order (<c>read</c>, <c>create,map</c>); for
/// REST APIs the method and the kind of resource (<c>GET entities</c>, <c>POST manage/model</c>).
/// </param>
/// <param name="Calls">How many calls the request carries (the size of an RPC batch; 1 for REST requests).</param>
public sealed record RequestLabel(string Api, string Operation, int Calls)
{
    /// <summary>The label of a request that says nothing more about itself than its method.</summary>
    public static RequestLabel Of(string method) => new("http", method, 1);

    /// <summary>
    /// The label of a REST request: the method and the path with every segment that names a resource (rather than a
    /// kind of resource) replaced by <c>{}</c>, e.g. <c>GET /api/v1.1/entities/{}/{}</c>.
    /// </summary>
    /// <param name="api">The API name.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="segments">The unescaped path segments with whether each is a fixed word of the API.</param>
    public static RequestLabel Rest(
        string api,
        string method,
        Seq<(string Segment, bool Fixed)> segments
    ) =>
        new(
            api,
            method + " /" + string.Join("/", segments.Map(s => s.Fixed ? s.Segment : "{}")),
            1
        );
}
