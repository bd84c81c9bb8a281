using System.Text.Json;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Sis;

public static partial class Sis
{
    /// <summary>
    /// Every item of a list, read page after page (<c>GET B?…&amp;offset=&amp;limit=</c>) as one program: each page is
    /// <see cref="FetchPage"/> of <see cref="SisPaging.NextQuery"/>, and <see cref="SisPaging"/> decides when to stop
    /// (an empty or short page, <c>x-total-count</c> reached, or the caller's own <c>limit</c> reached). The caller's
    /// <c>offset</c> is where reading starts; the caller's query is never changed. The first failing page fails
    /// the whole program (items already read are dropped); a page that is not a JSON array is a
    /// <see cref="ApiError.MalformedResponse"/>.
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="query">The filter, sort, fields... of every page; its offset and limit bound the whole read.</param>
    /// <param name="pageSize">How many items each request asks for (1..10000).</param>
    public static Validation<ApiError, HttpEffect<Seq<JsonElement>>> FetchAll(
        SisSettings settings,
        SisEndpoint endpoint,
        SisQuery query,
        int pageSize = 1000
    ) =>
        (FetchPage(settings, endpoint, SisQuery.All), SisPaging.Start(query, pageSize)).Apply(
            (_, paging) => NextPages(settings, endpoint, paging, Empty)
        );

    private static HttpEffect<Seq<JsonElement>> NextPages(
        SisSettings settings,
        SisEndpoint endpoint,
        SisPaging paging,
        Seq<JsonElement> read
    ) =>
        HttpEffect
            .FromValidation(FetchPage(settings, endpoint, paging.NextQuery))
            .Bind(answer => HttpEffect.FromEither(SisPaging.RequirePage(answer)))
            .Bind(page =>
            {
                var all = read.Concat(paging.ItemsOf(page));
                return paging
                    .After(page)
                    .Match(
                        Some: next => NextPages(settings, endpoint, next, all),
                        None: () => HttpEffect.Pure(all)
                    );
            });
}
