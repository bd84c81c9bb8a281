using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Functional.Core.Errors;
using Functional.Core.Sis;
using CoreSis = Functional.Core.Sis.Sis;

namespace Functional.Facade.Sis;

/// <summary>
/// One SIS collection (sispy's <c>Endpoint</c>): schemas, hooks, hiera, users, scripts, the entities of a
/// schema, or the tokens of a user. Get one from <see cref="SisClient"/>. Ids are sent as one escaped path
/// segment (hiera names with <c>/</c>, <c>?</c>, <c>#</c> or spaces work); every call uses the client's token
/// current when it starts. Failures are thrown as <see cref="SisClient"/> describes.
/// </summary>
public sealed class SisEndpointClient
{
    private readonly SisClient client;

    internal SisEndpointClient(SisClient client, SisEndpoint endpoint)
    {
        this.client = client;
        Endpoint = endpoint;
    }

    /// <summary>Which collection this is.</summary>
    public SisEndpoint Endpoint { get; }

    /// <summary>
    /// One page of the collection (<c>GET B?q=…&amp;limit=…&amp;offset=…</c>); the answer's
    /// <see cref="SisResponse.Items"/> are the documents and <see cref="SisResponse.TotalCount"/> the number of
    /// matches. The server sends at most 10 000 documents per page.
    /// </summary>
    public Task<SisResponse> FetchPageAsync(
        SisQuery? query = null,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(
            s => CoreSis.FetchPage(s, Endpoint, query ?? SisQuery.All),
            [],
            cancellationToken
        );

    /// <summary>
    /// Every document that matches <paramref name="query"/>, lazily: a page of <paramref name="pageSize"/> is
    /// fetched only when the documents of the previous one have been consumed (one page in flight), so stopping
    /// early stops the requests. Paging starts at the query's own offset, ends at its own limit, on an empty or
    /// short page, or when <c>x-total-count</c> is reached, and never loops forever (unlike sispy's
    /// <c>fetch_all</c>). Documents inserted or deleted while paging can shift pages.
    /// </summary>
    /// <exception cref="SisValidationException">
    /// The query or page size (1 to 10 000) is invalid; thrown when enumeration starts.
    /// </exception>
    public async IAsyncEnumerable<JsonElement> FetchAllAsync(
        SisQuery? query = null,
        int pageSize = 1000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        var paging = SisPaging
            .Start(query ?? SisQuery.All, pageSize)
            .Match(
                p => p,
                errors =>
                    throw SisErrorMapping.ToException(ApiError.Combine(errors), cancellationToken)
            );
        while (true)
        {
            var current = paging;
            var page = await client
                .RunAsync(
                    s => CoreSis.FetchPage(s, Endpoint, current.NextQuery),
                    [],
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (SisPaging.RequirePage(page).Case is ApiError notAPage)
                throw client.Fail(notAPage, null, [], cancellationToken);
            foreach (var item in paging.ItemsOf(page))
                yield return item;
            var next = paging.After(page);
            if (next.Case is not SisPaging more)
                yield break;
            paging = more;
        }
    }

    /// <summary>
    /// The same as <see cref="FetchAllAsync(SisQuery?, int, CancellationToken)"/>, each document read as
    /// <typeparamref name="T"/> with <paramref name="type"/> (a source-generated <c>JsonSerializerContext</c>'s
    /// type info). A document that does not fit throws <see cref="SisException"/> when it is reached.
    /// </summary>
    public async IAsyncEnumerable<T> FetchAllAsync<T>(
        JsonTypeInfo<T> type,
        SisQuery? query = null,
        int pageSize = 1000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(type);
        var index = 0;
        await foreach (
            var element in FetchAllAsync(query, pageSize, cancellationToken).ConfigureAwait(false)
        )
        {
            yield return Read(element, type, $"{typeof(T).Name} at [{index}]", cancellationToken);
            index++;
        }
    }

    /// <summary>One document (<c>GET B/id</c>), with <c>populate</c>, <c>removeEmpty</c> and <c>with_counts</c> from <paramref name="options"/>.</summary>
    /// <exception cref="SisException"><see cref="SisException.IsNotFound"/> when it does not exist.</exception>
    public Task<SisResponse> GetAsync(
        string id,
        SisGetOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(
            s => CoreSis.Get(s, Endpoint, id, options ?? SisGetOptions.Default),
            Secrets(id),
            cancellationToken
        );

    /// <summary>One document (<c>GET B/id</c>) read as <typeparamref name="T"/> with <paramref name="type"/>.</summary>
    /// <exception cref="SisException">It does not exist (404), or the document does not fit <typeparamref name="T"/> (status 0).</exception>
    public async Task<T> GetAsync<T>(
        string id,
        JsonTypeInfo<T> type,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(type);
        var response = await GetAsync(id, null, cancellationToken).ConfigureAwait(false);
        return response
            .As(type)
            .Match(v => v, e => throw client.Fail(e, null, Secrets(id), cancellationToken));
    }

    /// <summary>Creates one document (<c>POST B</c> with a JSON object; 201 with the stored document).</summary>
    public Task<SisResponse> CreateAsync(
        JsonElement item,
        CancellationToken cancellationToken = default
    ) => client.RunAsync(s => CoreSis.Create(s, Endpoint, item), [], cancellationToken);

    /// <summary>Creates one document from a mutable JSON object.</summary>
    public Task<SisResponse> CreateAsync(
        JsonNode item,
        CancellationToken cancellationToken = default
    ) => CreateAsync(ToElement(item), cancellationToken);

    /// <summary>Creates one document written from <paramref name="item"/> with <paramref name="type"/>.</summary>
    public Task<SisResponse> CreateAsync<T>(
        T item,
        JsonTypeInfo<T> type,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(type);
        return CreateAsync(JsonSerializer.SerializeToElement(item, type), cancellationToken);
    }

    /// <summary>
    /// Creates many documents in one request (<c>POST B</c> with an array): the answer lists what was created and
    /// what failed. With <paramref name="allOrNone"/> (<c>all_or_none=true</c>) nothing is kept when one fails.
    /// </summary>
    public Task<SisBulkResult> CreateManyAsync(
        IEnumerable<JsonElement> items,
        bool allOrNone = false,
        CancellationToken cancellationToken = default
    )
    {
        var seq = Items(items, nameof(items));
        return client.RunAsync(
            s => CoreSis.CreateMany(s, Endpoint, seq, allOrNone),
            [],
            cancellationToken
        );
    }

    /// <summary>
    /// Updates one document (<c>PUT B/id</c>); <paramref name="options"/> adds <c>upsert=true</c> (create it when
    /// missing), a compare-and-set condition (<c>cas</c>), or <c>forceMixed=true</c>.
    /// </summary>
    public Task<SisResponse> UpdateAsync(
        string id,
        JsonElement content,
        SisUpdateOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(
            s => CoreSis.Update(s, Endpoint, id, content, options ?? SisUpdateOptions.Default),
            Secrets(id),
            cancellationToken
        );

    /// <summary>Updates one document from a mutable JSON object.</summary>
    public Task<SisResponse> UpdateAsync(
        string id,
        JsonNode content,
        SisUpdateOptions? options = null,
        CancellationToken cancellationToken = default
    ) => UpdateAsync(id, ToElement(content), options, cancellationToken);

    /// <summary>Updates one document written from <paramref name="content"/> with <paramref name="type"/>.</summary>
    public Task<SisResponse> UpdateAsync<T>(
        string id,
        T content,
        JsonTypeInfo<T> type,
        SisUpdateOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(type);
        return UpdateAsync(
            id,
            JsonSerializer.SerializeToElement(content, type),
            options,
            cancellationToken
        );
    }

    /// <summary>Updates many whole documents in one request (<c>PUT B</c> with an array; each needs its id).</summary>
    public Task<SisBulkResult> UpdateBulkAsync(
        IEnumerable<JsonElement> items,
        CancellationToken cancellationToken = default
    )
    {
        var seq = Items(items, nameof(items));
        return client.RunAsync(s => CoreSis.UpdateBulk(s, Endpoint, seq), [], cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="partial"/> to every document matching <paramref name="query"/>
    /// (<c>PUT B?q=…</c>; the query must not be empty).
    /// </summary>
    public Task<SisBulkResult> UpdateBulkAsync(
        JsonElement partial,
        SisFilter query,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(
            s => CoreSis.UpdateBulk(s, Endpoint, partial, query),
            [],
            cancellationToken
        );

    /// <summary>Deletes one document (<c>DELETE B/id</c>) and returns it.</summary>
    public Task<SisResponse> DeleteAsync(
        string id,
        CancellationToken cancellationToken = default
    ) => client.RunAsync(s => CoreSis.Delete(s, Endpoint, id), Secrets(id), cancellationToken);

    /// <summary>Deletes every document matching <paramref name="query"/> (<c>DELETE B?q=…</c>; the query must not be empty).</summary>
    public Task<SisBulkResult> DeleteBulkAsync(
        SisFilter query,
        CancellationToken cancellationToken = default
    ) => client.RunAsync(s => CoreSis.DeleteBulk(s, Endpoint, query), [], cancellationToken);

    /// <summary>The history of one document (<c>GET B/id/commits</c>), paged and filtered by <paramref name="query"/>.</summary>
    public Task<SisResponse> CommitsAsync(
        string id,
        SisQuery? query = null,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(
            s => CoreSis.Commits(s, Endpoint, id, query ?? SisQuery.All),
            Secrets(id),
            cancellationToken
        );

    /// <summary>One commit of a document (<c>GET B/id/commits/commitId</c>).</summary>
    public Task<SisResponse> CommitAsync(
        string id,
        string commitId,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(
            s => CoreSis.Commit(s, Endpoint, id, commitId),
            Secrets(id),
            cancellationToken
        );

    /// <summary>The document as it was at <paramref name="at"/> (<c>GET B/id/revision/&lt;epoch ms&gt;</c>).</summary>
    public Task<SisResponse> RevisionAsync(
        string id,
        DateTimeOffset at,
        CancellationToken cancellationToken = default
    ) =>
        client.RunAsync(s => CoreSis.Revision(s, Endpoint, id, at), Secrets(id), cancellationToken);

    /// <summary>The collection's path (no secret).</summary>
    public override string ToString() => $"SisEndpointClient({Endpoint})";

    /// <summary>On the tokens collection the id is itself a token: mask it in messages.</summary>
    private IReadOnlyList<string> Secrets(string? id) =>
        Endpoint.Kind == SisEndpointKind.Tokens && !string.IsNullOrEmpty(id) ? [id] : [];

    private T Read<T>(
        JsonElement element,
        JsonTypeInfo<T> type,
        string expected,
        CancellationToken cancellationToken
    )
    {
        ApiError error;
        try
        {
            var value = element.Deserialize(type);
            if (value is not null)
                return value;
            error = new ApiError.MalformedResponse(expected, "the document is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            error = new ApiError.MalformedResponse(expected, e.Message);
        }
        throw client.Fail(error, null, Secrets(null), cancellationToken);
    }

    private static Seq<JsonElement> Items(IEnumerable<JsonElement>? items, string field) =>
        items is null
            ? throw new SisValidationException(new ApiError.InvalidArgument(field, "is required"))
            : toSeq(items.ToArray());

    private static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
                writer.WriteNullValue();
            else
                node.WriteTo(writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
