// README: "C# with exceptions (the facade)"
using Functional.Core.OnePlatform;
using Functional.Facade.OnePlatform;

namespace Functional.Samples.ReadmeExamples;

public static class FacadeExample
{
    public static async Task RunAsync(Uri endpoint, string cik)
    {
        using var http = new HttpClient();
        var client = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = endpoint }
        );
        var auth = Auth.Cik(cik);

        await client.WriteAsync(auth, ResourceId.Alias("temperature"), 21.5);
        var latest = await client.ReadAsync(auth, ResourceId.Alias("temperature"));
        Console.WriteLine($"{latest[0].Time:O} {latest[0].Value}");

        // Many calls, one HTTP request; each call keeps its own outcome.
        var results = await client
            .Batch(auth)
            .Write(ResourceId.Alias("humidity"), 40L)
            .Read(ResourceId.Alias("humidity"), ReadOptions.Latest.WithLimit(10))
            .Read(ResourceId.Alias("no-such-alias"))
            .SendAsync();
        foreach (var result in results)
            Console.WriteLine(result); // "2 read: call 2 (read) failed with status invalid"

        try
        {
            await client.ReadAsync(Auth.Cik(new string('0', 40)), ResourceId.Self);
        }
        catch (OnePlatformGeneralException e) when (e.Code == 401)
        {
            Console.WriteLine(e.ServerMessage); // "Authorization failed"
        }
    }
}
