using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Functional.Tests.Hostile;

/// <summary>One raw answer: status (0 when the server closed without answering), headers (lower-case names), body.</summary>
public sealed record RawReply(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? ContentType => Headers.TryGetValue("content-type", out var v) ? v : null;

    public override string ToString() =>
        $"{Status} {ContentType} {(Text.Length > 300 ? Text[..300] + "…" : Text)}";
}

/// <summary>
/// Sends requests exactly as given: bytes over a TCP socket (for request lines, headers and framing that
/// <see cref="HttpClient"/> refuses to produce), or bytes through an <see cref="HttpClient"/>.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Writes <paramref name="request"/> to a new connection and reads the first answer. A server that closes (or stays
    /// silent for <paramref name="patience"/>, default 10 s) without answering gives status 0.
    /// </summary>
    public static async Task<RawReply> SendBytesAsync(
        Uri server,
        byte[] request,
        TimeSpan? patience = null
    )
    {
        using var guard = new CancellationTokenSource(patience ?? Patience);
        using var socket = new Socket(
            AddressFamily.InterNetwork,
            SocketType.Stream,
            ProtocolType.Tcp
        );
        await socket.ConnectAsync(server.Host, server.Port, guard.Token);
        try
        {
            // No half-close: Kestrel takes a FIN as the client going away and would not answer.
            await socket.SendAsync(request, SocketFlags.None, guard.Token);
        }
        catch (SocketException)
        {
            // The server may close while a large request is still being written; read what it said.
        }
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, guard.Token)) > 0)
            {
                received.Write(buffer, 0, n);
                if (Complete(received.ToArray()))
                {
                    break;
                }
            }
        }
        catch (Exception ex)
            when (ex is SocketException or OperationCanceledException && received.Length > 0)
        {
            // A reset after the answer, or an answer without a length on a connection left open.
        }
        catch (OperationCanceledException)
        {
            return new RawReply(0, new Dictionary<string, string>(), []);
        }
        catch (SocketException)
        {
            return new RawReply(0, new Dictionary<string, string>(), []);
        }
        return Parse(received.ToArray());
    }

    /// <summary>Sends text (request line, headers, body) as Latin-1 bytes, so every char is one byte.</summary>
    public static Task<RawReply> SendTextAsync(
        Uri server,
        string request,
        TimeSpan? patience = null
    ) => SendBytesAsync(server, Encoding.Latin1.GetBytes(request), patience);

    /// <summary>A request with the given method, target, extra header lines and body; Host and Content-Length are added.</summary>
    public static byte[] Request(
        string method,
        string target,
        byte[]? body = null,
        string contentType = "application/json; charset=utf-8",
        params string[] headers
    )
    {
        var head = new StringBuilder();
        head.Append(
            CultureInfo.InvariantCulture,
            $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        );
        head.Append("Connection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }
        if (body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        }
        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body ?? []];
    }

    /// <summary>Sends bytes as the body of <paramref name="method"/> to <paramref name="uri"/> through HttpClient.</summary>
    public static async Task<RawReply> SendAsync(
        HttpClient http,
        string method,
        Uri uri,
        byte[]? body,
        string? contentType = "application/json; charset=utf-8",
        IEnumerable<(string Name, string Value)>? headers = null
    )
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            all[name.ToLowerInvariant()] = string.Join(",", values);
        }
        return new RawReply((int)response.StatusCode, all, bytes);
    }

    /// <summary>Whether the bytes hold a whole response (headers plus Content-Length or chunked body).</summary>
    private static bool Complete(byte[] data)
    {
        var end = HeaderEnd(data);
        if (end < 0)
        {
            return false;
        }
        var headers = Headers(data, end);
        if (headers.TryGetValue("content-length", out var length))
        {
            return data.Length - end >= long.Parse(length, CultureInfo.InvariantCulture);
        }
        if (
            headers.TryGetValue("transfer-encoding", out var te)
            && te.Contains("chunked", StringComparison.OrdinalIgnoreCase)
        )
        {
            return Dechunk(data.AsSpan(end).ToArray()) is not null;
        }
        return false; // read to the end of the connection
    }

    private static RawReply Parse(byte[] data)
    {
        var end = HeaderEnd(data);
        if (end < 0)
        {
            return new RawReply(0, new Dictionary<string, string>(), data);
        }
        var statusLine = Encoding.Latin1.GetString(data, 0, System.Array.IndexOf(data, (byte)'\r'));
        var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = Headers(data, end);
        var body = data.AsSpan(end).ToArray();
        if (
            headers.TryGetValue("transfer-encoding", out var te)
            && te.Contains("chunked", StringComparison.OrdinalIgnoreCase)
        )
        {
            body = Dechunk(body) ?? body;
        }
        else if (headers.TryGetValue("content-length", out var length))
        {
            // A HEAD answer announces a length but has no body.
            body = body.AsSpan(
                    0,
                    Math.Min(body.Length, int.Parse(length, CultureInfo.InvariantCulture))
                )
                .ToArray();
        }
        return new RawReply(status, headers, body);
    }

    private static int HeaderEnd(byte[] data)
    {
        for (var i = 3; i < data.Length; i++)
        {
            if (
                data[i - 3] == '\r'
                && data[i - 2] == '\n'
                && data[i - 1] == '\r'
                && data[i] == '\n'
            )
            {
                return i + 1;
            }
        }
        return -1;
    }

    private static Dictionary<string, string> Headers(byte[] data, int end)
    {
        var lines = Encoding.Latin1.GetString(data, 0, end).Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }
        return headers;
    }

    private static byte[]? Dechunk(byte[] body)
    {
        using var result = new MemoryStream();
        var i = 0;
        while (true)
        {
            var lineEnd = IndexOfCrLf(body, i);
            if (lineEnd < 0)
            {
                return null;
            }
            var sizeText = Encoding.Latin1.GetString(body, i, lineEnd - i).Split(';')[0].Trim();
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            i = lineEnd + 2;
            if (size == 0)
            {
                return result.ToArray();
            }
            if (i + size + 2 > body.Length)
            {
                return null;
            }
            result.Write(body, i, size);
            i += size + 2;
        }
    }

    private static int IndexOfCrLf(byte[] data, int from)
    {
        for (var i = from; i + 1 < data.Length; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether a text shows .NET internals (a stack trace or an exception type).</summary>
    public static bool HasStackTrace(string text) =>
        text.Contains("   at ", StringComparison.Ordinal)
        || text.Contains(".cs:line", StringComparison.Ordinal)
        || text.Contains("System.", StringComparison.Ordinal);
}
