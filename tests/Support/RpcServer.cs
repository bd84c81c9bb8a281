using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Functional.Tests.Support;

/// <summary>One call as a fake server reads it from a request envelope.</summary>
/// <param name="Id">The id as sent (raw JSON).</param>
/// <param name="Procedure">The procedure.</param>
/// <param name="Arguments">The arguments array as JSON text.</param>
public sealed record SentCall(long Id, string Procedure, string Arguments);

/// <summary>Helpers for fake One Platform servers: read envelopes, write answers.</summary>
public static class RpcServer
{
    /// <summary>The calls of an envelope, in order.</summary>
    public static IReadOnlyList<SentCall> Calls(string envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        return doc
            .RootElement.GetProperty("calls")
            .EnumerateArray()
            .Select(c => new SentCall(
                c.GetProperty("id").GetInt64(),
                c.GetProperty("procedure").GetString()!,
                c.GetProperty("arguments").GetRawText()
            ))
            .ToArray();
    }

    /// <summary>The calls of a described request.</summary>
    public static IReadOnlyList<SentCall> Calls(HttpRequest request) => Calls(Rpc.BodyOf(request));

    /// <summary>The raw <c>auth</c> object of an envelope.</summary>
    public static string AuthOf(string envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        return doc.RootElement.GetProperty("auth").GetRawText();
    }

    /// <summary>A JSON array with one answer element per call, made by <paramref name="answer"/>.</summary>
    public static string AnswerEach(string envelope, Func<SentCall, string> answer) =>
        "[" + string.Join(",", Calls(envelope).Select(answer)) + "]";

    /// <summary>An ok answer whose result is one point <c>[[id, id]]</c>, so a read result names its call.</summary>
    public static string PointNamedById(SentCall call) =>
        $$"""{"id":{{call.Id}},"status":"ok","result":[[{{call.Id}},{{call.Id}}]]}""";

    /// <summary>A sync server that answers every call of every request with <see cref="PointNamedById"/> and records the requests.</summary>
    public static Func<HttpRequest, HttpResponse> Echo(List<HttpRequest> sent) =>
        request =>
        {
            sent.Add(request);
            return Rpc.Json(AnswerEach(Rpc.BodyOf(request), PointNamedById));
        };

    /// <summary>A read of the calling client (its answer is a list of points).</summary>
    public static RpcCall<Seq<Point>> ReadCall(string alias = "") =>
        Rpc.Valid(TimeSeries.Read(ResourceId.Alias(alias), ReadOptions.Latest));

    /// <summary>A call of any procedure whose result is its raw JSON (for tests of the batch machinery).</summary>
    public static RpcCall<string> RawCall(string procedure, bool readOnly = false) =>
        RpcCall.Create(
            procedure,
            _ => { },
            a => a.RequireOk().Map(r => r.Match(e => e.GetRawText(), () => "(none)")),
            readOnly
        );

    /// <summary>A localhost port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
