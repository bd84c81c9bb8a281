using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Functional.Core.Errors;
using Functional.Core.Http;
using CoreRequest = Functional.Core.Http.HttpRequest;
using CoreResponse = Functional.Core.Http.HttpResponse;

namespace Functional.Core.Interpreter;

/// <summary>
/// Runs <see cref="HttpEffect{A}"/> programs. This is the only code in Functional.Core that performs I/O:
/// everything it sends was described by a pure builder and everything it receives goes to a pure parser.
/// Expected failures come back as <see cref="ApiError"/> values, never as exceptions.
/// </summary>
public static class HttpInterpreter
{
    /// <summary>Runs the program with <paramref name="client"/> (its <c>BaseAddress</c> is the endpoint).</summary>
    public static Task<Either<ApiError, A>> RunAsync<A>(
        HttpEffect<A> effect,
        HttpClient client,
        CancellationToken cancellationToken = default
    ) => RunAsync(effect, client, HttpInterpreterOptions.Default, cancellationToken);

    /// <summary>Runs the program with <paramref name="client"/> and the given options.</summary>
    public static async Task<Either<ApiError, A>> RunAsync<A>(
        HttpEffect<A> effect,
        HttpClient client,
        HttpInterpreterOptions options,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var current = effect;
        while (true)
        {
            switch (current)
            {
                case HttpEffect<A>.Done done:
                    return Right<ApiError, A>(done.Value);
                case HttpEffect<A>.Failed failed:
                    return Left<ApiError, A>(failed.Error);
                case HttpEffect<A>.Send send:
                    // One request of the program and the parse of its answer, as one observed exchange: a span, the
                    // metrics and the observer see the outcome of the parse too (an RPC general error, a SIS error, a
                    // malformed answer).
                    var started = Stopwatch.GetTimestamp();
                    using (
                        var activity = FunctionalTelemetry.Start(
                            send.Request,
                            BaseAddressOf(client, options)
                        )
                    )
                    {
                        var response = await SendCoreAsync(
                                send.Request,
                                client,
                                options,
                                cancellationToken
                            )
                            .ConfigureAwait(false);
                        current = send.Continue(response);
                        if (IsObserved(activity, options))
                            Observe(
                                activity,
                                send.Request,
                                response,
                                ErrorOf(response, current),
                                Stopwatch.GetElapsedTime(started),
                                options
                            );
                    }
                    break;
                default:
                    throw new InvalidOperationException("unknown effect case");
            }
        }
    }

    /// <summary>The exchange's error: the transport's, or the failure the parse of the answer ended in.</summary>
    private static Option<ApiError> ErrorOf<A>(
        Either<ApiError, CoreResponse> response,
        HttpEffect<A> next
    ) =>
        response.IsLeft ? Some(response.Match(static _ => null!, static e => e))
        : next is HttpEffect<A>.Failed failed ? Some(failed.Error)
        : None;

    /// <summary>Whether anyone sees the exchange: a span, a metrics listener or the observer (else nothing is built).</summary>
    private static bool IsObserved(Activity? activity, HttpInterpreterOptions options) =>
        activity is not null || FunctionalTelemetry.MetricsEnabled || options.Observer.IsSome;

    private static void Observe(
        Activity? activity,
        CoreRequest request,
        Either<ApiError, CoreResponse> response,
        Option<ApiError> error,
        TimeSpan duration,
        HttpInterpreterOptions options
    )
    {
        var exchange = new HttpExchange(
            request.Label,
            request.Method,
            response.IsRight ? Some(response.Match(static r => r.Status, static _ => 0)) : None,
            duration,
            error,
            request.Retry
        );
        FunctionalTelemetry.Complete(activity, exchange);
        if (options.Observer.Case is Action<HttpExchange> observe)
        {
            try
            {
                observe(exchange);
            }
#pragma warning disable CA1031 // A failing observer (a broken log sink) must not turn a finished request into a failure.
            catch (Exception) { }
#pragma warning restore CA1031
        }
    }

    private static Uri? BaseAddressOf(HttpClient client, HttpInterpreterOptions options) =>
        options.BaseAddress.IsSome ? (Uri)options.BaseAddress : client.BaseAddress;

    /// <summary>
    /// Runs the program synchronously against an in-memory server function (for tests and property tests).
    /// </summary>
    public static Either<ApiError, A> Run<A>(
        HttpEffect<A> effect,
        Func<CoreRequest, CoreResponse> server
    )
    {
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(server);
        var current = effect;
        while (true)
        {
            switch (current)
            {
                case HttpEffect<A>.Done done:
                    return Right<ApiError, A>(done.Value);
                case HttpEffect<A>.Failed failed:
                    return Left<ApiError, A>(failed.Error);
                case HttpEffect<A>.Send send:
                    current = send.Continue(Right<ApiError, CoreResponse>(server(send.Request)));
                    break;
                default:
                    throw new InvalidOperationException("unknown effect case");
            }
        }
    }

    /// <summary>
    /// Sends one described request and returns the raw response, or the transport error (observed as one exchange:
    /// a span, the metrics and <see cref="HttpInterpreterOptions.Observer"/>, with the HTTP status as the outcome).
    /// </summary>
    public static async Task<Either<ApiError, CoreResponse>> SendAsync(
        CoreRequest request,
        HttpClient client,
        HttpInterpreterOptions options,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var activity = FunctionalTelemetry.Start(request, BaseAddressOf(client, options));
        var response = await SendCoreAsync(request, client, options, cancellationToken)
            .ConfigureAwait(false);
        if (IsObserved(activity, options))
        {
            var error = response.Match(
                static r => r.Status >= 400 ? Some<ApiError>(ErrorStatus(r)) : None,
                static e => Some(e)
            );
            Observe(activity, request, response, error, Stopwatch.GetElapsedTime(started), options);
        }
        return response;
    }

    private static ApiError ErrorStatus(CoreResponse response) =>
        new ApiError.HttpStatus(response.Status, response.Reason, None, None, "");

    private static Task<Either<ApiError, CoreResponse>> SendCoreAsync(
        CoreRequest request,
        HttpClient client,
        HttpInterpreterOptions options,
        CancellationToken cancellationToken
    )
    {
        if (cancellationToken.IsCancellationRequested)
            return Done(new ApiError.Cancelled());

        var baseAddress = BaseAddressOf(client, options);
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
            return Done(
                new ApiError.Transport(
                    "no endpoint: set HttpClient.BaseAddress or HttpInterpreterOptions.BaseAddress",
                    None,
                    false
                )
            );

        if (PathSegments.HasDotSegment(request.Path))
            return Done(
                new ApiError.InvalidArgument(
                    "request.path",
                    "has a '.' or '..' segment, which would send the request to another path"
                )
            );

        HttpRequestMessage message;
        try
        {
            message = ToMessage(request, baseAddress);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // A method, path or content type that HTTP cannot carry: nothing was sent.
            return Done(new ApiError.InvalidArgument("request", $"cannot be sent: {ex.Message}"));
        }
        var timeout = request.Timeout.IsSome ? (TimeSpan)request.Timeout : options.Timeout;
        return SendMessageAsync(message, client, timeout, cancellationToken);
    }

    private static Task<Either<ApiError, CoreResponse>> Done(ApiError error) =>
        Task.FromResult(Left<ApiError, CoreResponse>(error));

    private static async Task<Either<ApiError, CoreResponse>> SendMessageAsync(
        HttpRequestMessage message,
        HttpClient client,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        using var _ = message;
        var timeoutSource = TimeoutSources.Rent(cancellationToken);
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
            timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token)
                .ConfigureAwait(false);
            var body = await response
                .Content.ReadAsByteArrayAsync(timeoutSource.Token)
                .ConfigureAwait(false);
            return new CoreResponse(
                (int)response.StatusCode,
                response.ReasonPhrase ?? "",
                HeadersOf(response),
                body
            );
        }
        catch (RequestNotSentException ex)
        {
            // A handler (e.g. an open circuit breaker) refused to send it: nothing reached the server.
            return new ApiError.Transport(ex.Message, Some<Exception>(ex), false);
        }
        catch (AttemptTimeoutException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiError.Timeout(ex.After);
        }
        catch (Exception ex)
            when (ex is OperationCanceledException or HttpRequestException or IOException
                && cancellationToken.IsCancellationRequested
            )
        {
            // The caller's token: however the handler surfaced it (an aborted read can look like an I/O error).
            return new ApiError.Cancelled();
        }
        catch (OperationCanceledException ex)
        {
            // Our own timer, or HttpClient.Timeout (a TaskCanceledException wrapping a TimeoutException).
            var after = ex.InnerException is TimeoutException ? client.Timeout : timeout;
            return new ApiError.Timeout(after);
        }
        catch (Exception ex)
            when (ex is HttpRequestException or IOException && timeoutSource.IsCancellationRequested
            )
        {
            return new ApiError.Timeout(timeout);
        }
        catch (HttpRequestException ex)
        {
            var beforeSending =
                ex.HttpRequestError
                is HttpRequestError.ConnectionError
                    or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.ProxyTunnelError;
            return new ApiError.Transport(Describe(ex), Some<Exception>(ex), !beforeSending);
        }
        catch (IOException ex)
        {
            return new ApiError.Transport(
                WasReset(ex) ? ResetDescription : $"I/O error: {ex.Message}",
                Some<Exception>(ex),
                true
            );
        }
        finally
        {
            TimeoutSources.Return(timeoutSource, cancellationToken);
        }
    }

    private static string Describe(HttpRequestException ex) =>
        ex.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => "could not connect to the server",
            HttpRequestError.NameResolutionError => "the server's host name could not be resolved",
            HttpRequestError.SecureConnectionError => "the TLS connection could not be established",
            HttpRequestError.ResponseEnded =>
                "the connection closed before the whole answer arrived",
            HttpRequestError.InvalidResponse => "the server sent an invalid HTTP response",
            _ when WasReset(ex) => ResetDescription,
            _ when ex.InnerException is IOException io => $"I/O error: {io.Message}",
            _ => ex.Message,
        };

    private const string ResetDescription =
        "the server reset the connection before its answer arrived";

    /// <summary>Whether a socket below <paramref name="ex"/> saw the connection reset or aborted.</summary>
    private static bool WasReset(Exception ex) =>
        Inner<SocketException>(ex)
            is { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted };

    private static TException? Inner<TException>(Exception ex)
        where TException : Exception
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is TException found)
                return found;
        }
        return null;
    }

    private static HttpRequestMessage ToMessage(CoreRequest request, Uri baseAddress)
    {
        var message = new HttpRequestMessage(MethodOf(request.Method), UriOf(baseAddress, request))
        {
            Content = ContentOf(request.Body),
        };
        message.Options.Set(HttpRequestKeys.Retry, request.Retry);
        message.Options.Set(HttpRequestKeys.Label, request.Label);
        foreach (var header in request.Headers)
        {
            if (
                !message.Headers.TryAddWithoutValidation(header.Name, header.Value)
                && message.Content is not null
            )
                message.Content.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        return message;
    }

    /// <summary>The shared instance for the usual methods (no allocation); a new one for any other.</summary>
    private static HttpMethod MethodOf(string method) =>
        method switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            "PUT" => HttpMethod.Put,
            "DELETE" => HttpMethod.Delete,
            "PATCH" => HttpMethod.Patch,
            "HEAD" => HttpMethod.Head,
            _ => new HttpMethod(method),
        };

    /// <summary>The last absolute URI made, shared by the threads: the RPC endpoint is the same on every request.</summary>
    private static Uri UriOf(Uri baseAddress, CoreRequest request)
    {
        var absolute = baseAddress.AbsoluteUri;
        var pathAndQuery = request.PathAndQuery;
        var last = Volatile.Read(ref lastUriBox);
        if (
            last is not null
            && string.Equals(last.Base, absolute, StringComparison.Ordinal)
            && string.Equals(last.PathAndQuery, pathAndQuery, StringComparison.Ordinal)
        )
            return last.Uri;
        var uri = new Uri(absolute.TrimEnd('/') + pathAndQuery, UriKind.Absolute);
        Volatile.Write(ref lastUriBox, new CachedUri(absolute, pathAndQuery, uri));
        return uri;
    }

    private static CachedUri? lastUriBox;

    /// <summary>An absolute URI with what it was made from (immutable, so threads can share it).</summary>
    private sealed record CachedUri(string Base, string PathAndQuery, Uri Uri);

    private static HttpContent? ContentOf(HttpBody body) =>
        body switch
        {
            HttpBody.Json json => WithType(
                new ReadOnlyMemoryContent(json.Utf8),
                new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }
            ),
            HttpBody.Form form => WithType(
                new StringContent(form.Encoded, System.Text.Encoding.UTF8),
                new MediaTypeHeaderValue("application/x-www-form-urlencoded")
            ),
            HttpBody.Raw raw => WithType(
                new ReadOnlyMemoryContent(raw.Bytes),
                MediaTypeHeaderValue.Parse(raw.ContentType)
            ),
            _ => null,
        };

    private static HttpContent WithType(HttpContent content, MediaTypeHeaderValue type)
    {
        content.Headers.ContentType = type;
        return content;
    }

    /// <summary>
    /// Response and content headers, one entry per value as received: the unparsed view, so that no header is parsed
    /// and re-formatted just to be copied (a comma-separated list sent on one line stays one value).
    /// </summary>
    private static Seq<HttpHeader> HeadersOf(HttpResponseMessage response)
    {
        var general = response.Headers.NonValidated;
        var content = response.Content.Headers.NonValidated;
        var count = 0;
        foreach (var header in general)
            count += header.Value.Count;
        foreach (var header in content)
            count += header.Value.Count;
        var headers = new HttpHeader[count];
        var i = 0;
        foreach (var header in general)
        foreach (var value in header.Value)
            headers[i++] = new HttpHeader(header.Key, value);
        foreach (var header in content)
        foreach (var value in header.Value)
            headers[i++] = new HttpHeader(header.Key, value);
        return toSeq(headers);
    }
}
