using Functional.Core.Errors;

namespace Functional.Core.Http;

/// <summary>
/// A program that talks HTTP, as a value: it is finished with a value, failed with an <see cref="ApiError"/>,
/// or needs one request sent and continues with a pure function of the response. Nothing runs until an
/// interpreter (<c>HttpInterpreter</c>) runs it. Compose with <see cref="Select{B}"/> and
/// <c>SelectMany</c> (LINQ) into multi-request flows that stay pure.
/// </summary>
/// <typeparam name="A">The value the program produces.</typeparam>
public abstract record HttpEffect<A>
{
    private protected HttpEffect() { }

    /// <summary>Transforms the final value.</summary>
    public abstract HttpEffect<B> Select<B>(Func<A, B> f);

    /// <summary>Continues with another effect that depends on this one's value.</summary>
    public abstract HttpEffect<B> Bind<B>(Func<A, HttpEffect<B>> f);

    /// <summary>Turns a failure into another effect (e.g. a fallback).</summary>
    public abstract HttpEffect<A> Catch(Func<ApiError, HttpEffect<A>> handler);

    /// <summary>LINQ bind.</summary>
    public HttpEffect<C> SelectMany<B, C>(Func<A, HttpEffect<B>> bind, Func<A, B, C> project) =>
        Bind(a => bind(a).Select(b => project(a, b)));

    /// <summary>LINQ bind into an <see cref="Either{L,R}"/> (a pure parsing step).</summary>
    public HttpEffect<C> SelectMany<B, C>(
        Func<A, Either<ApiError, B>> bind,
        Func<A, B, C> project
    ) => Bind(a => HttpEffect.FromEither(bind(a)).Select(b => project(a, b)));

    /// <summary>The program has finished with a value.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Done(A Value) : HttpEffect<A>
    {
        /// <inheritdoc />
        public override HttpEffect<B> Select<B>(Func<A, B> f) => new HttpEffect<B>.Done(f(Value));

        /// <inheritdoc />
        public override HttpEffect<B> Bind<B>(Func<A, HttpEffect<B>> f) => f(Value);

        /// <inheritdoc />
        public override HttpEffect<A> Catch(Func<ApiError, HttpEffect<A>> handler) => this;
    }

    /// <summary>The program has failed.</summary>
    /// <param name="Error">Why.</param>
    public sealed record Failed(ApiError Error) : HttpEffect<A>
    {
        /// <inheritdoc />
        public override HttpEffect<B> Select<B>(Func<A, B> f) => new HttpEffect<B>.Failed(Error);

        /// <inheritdoc />
        public override HttpEffect<B> Bind<B>(Func<A, HttpEffect<B>> f) =>
            new HttpEffect<B>.Failed(Error);

        /// <inheritdoc />
        public override HttpEffect<A> Catch(Func<ApiError, HttpEffect<A>> handler) =>
            handler(Error);
    }

    /// <summary>The program needs <paramref name="Request"/> sent, then continues with <paramref name="Continue"/>.</summary>
    /// <param name="Request">The request to send.</param>
    /// <param name="Continue">
    /// A pure function of the response — or of the transport error (connection, timeout, cancellation) when no
    /// response arrived — that gives the rest of the program.
    /// </param>
    public sealed record Send(
        HttpRequest Request,
        Func<Either<ApiError, HttpResponse>, HttpEffect<A>> Continue
    ) : HttpEffect<A>
    {
        /// <inheritdoc />
        public override HttpEffect<B> Select<B>(Func<A, B> f) =>
            new HttpEffect<B>.Send(Request, r => Continue(r).Select(f));

        /// <inheritdoc />
        public override HttpEffect<B> Bind<B>(Func<A, HttpEffect<B>> f) =>
            new HttpEffect<B>.Send(Request, r => Continue(r).Bind(f));

        /// <inheritdoc />
        public override HttpEffect<A> Catch(Func<ApiError, HttpEffect<A>> handler) =>
            new Send(Request, r => Continue(r).Catch(handler));

        /// <inheritdoc />
        public override string ToString() => $"Send({Request})";
    }
}

/// <summary>Constructors for <see cref="HttpEffect{A}"/>.</summary>
public static class HttpEffect
{
    /// <summary>A finished program.</summary>
    public static HttpEffect<A> Pure<A>(A value) => new HttpEffect<A>.Done(value);

    /// <summary>A failed program.</summary>
    public static HttpEffect<A> Fail<A>(ApiError error) => new HttpEffect<A>.Failed(error);

    /// <summary>Sends <paramref name="request"/> and parses the response with <paramref name="parse"/>.</summary>
    public static HttpEffect<A> Send<A>(
        HttpRequest request,
        Func<HttpResponse, Either<ApiError, A>> parse
    ) => new HttpEffect<A>.Send(request, r => FromEither(r.Bind(parse)));

    /// <summary>Sends <paramref name="request"/> and continues with the rest of the program.</summary>
    public static HttpEffect<A> Send<A>(
        HttpRequest request,
        Func<HttpResponse, HttpEffect<A>> next
    ) => new HttpEffect<A>.Send(request, r => r.Match(Right: next, Left: Fail<A>));

    /// <summary>Lifts a parse result.</summary>
    public static HttpEffect<A> FromEither<A>(Either<ApiError, A> result) =>
        result.Match<HttpEffect<A>>(
            Right: a => new HttpEffect<A>.Done(a),
            Left: e => new HttpEffect<A>.Failed(e)
        );

    /// <summary>
    /// Lifts a builder's validation: success gives the effect, failure gives a failed effect holding every
    /// input problem as one <see cref="ApiError.InvalidArguments"/>.
    /// </summary>
    public static HttpEffect<A> FromValidation<A>(Validation<ApiError, HttpEffect<A>> validation) =>
        validation.Match(Succ: e => e, Fail: errors => Fail<A>(ApiError.Combine(errors)));
}
