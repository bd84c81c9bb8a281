using System.Net;
using System.Text;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.OnePlatform;

/// <summary>An in-memory HTTP handler that answers every request with one canned body and records the request bodies.</summary>
internal sealed class CannedRpcHandler(string answer) : HttpMessageHandler
{
    public List<string> Bodies { get; } = [];

    /// <summary>A client over a handler answering <paramref name="answer"/>.</summary>
    public static (OnePlatformClient Client, CannedRpcHandler Handler) Client(
        string answer,
        ArgumentForm form = ArgumentForm.Documented
    )
    {
        var handler = new CannedRpcHandler(answer);
        return (
            new OnePlatformClient(
                new HttpClient(handler),
                new OnePlatformClientOptions { ArgumentForm = form }
            ),
            handler
        );
    }

    /// <summary>The <c>arguments</c> of the only call of the only request sent.</summary>
    public string SentArguments()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Assert.Single(Bodies));
        var call = Assert.Single(doc.RootElement.GetProperty("calls").EnumerateArray().ToArray());
        return call.GetProperty("arguments").GetRawText();
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(answer, Encoding.UTF8, "application/json"),
        };
    }
}
