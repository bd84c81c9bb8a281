using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;
using Functional.Tests.Emulators;

namespace Functional.Tests.Hostile;

/// <summary>
/// A One Platform emulator (RPC and Provisioning on one server) seeded with a small world — a child client, an
/// aliased dataport with points, a model with serial numbers and content — and a dump of all of it (the state file
/// plus a read-only RPC and Provisioning listing) to compare before and after hostile requests.
/// </summary>
public sealed class OnePlatformWorld : IAsyncLifetime
{
    public const string VendorToken = "0123456789abcdef0123456789abcdef01234567";

    /// <summary>A small body limit, so "too large" needs no huge allocation.</summary>
    public const long MaxBody = 64 * 1024;

    private readonly string folder = Path.Combine(
        Path.GetTempPath(),
        "fxo-hostile-" + Guid.NewGuid().ToString("N")
    );

    public OnePlatformEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public string RootCik => Emulator.RootCik;

    public string ChildRid { get; private set; } = "";

    public string ChildCik { get; private set; } = "";

    public string StatePath => Path.Combine(folder, "state.json");

    public Uri Rpc => Emulator.RpcUri;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        Emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Seed = 11,
                TimeProvider = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_577_836_800)),
                StatePath = StatePath,
                VendorToken = VendorToken,
                MaxRequestBodyBytes = MaxBody,
            }
        );
        (ChildRid, ChildCik) = Emulator.CreateClient(Emulator.RootRid, "child");
        await OkAsync(
            ChildCik,
            """[{"id":1,"procedure":"create","arguments":["dataport",{"format":"string","retention":{"count":"infinity","duration":"infinity"}}]}]"""
        );
        var listing = await CallAsync(ChildCik, "listing", """[["dataport"],{}]""");
        var dataport = listing["result"]!["dataport"]![0]!.GetValue<string>();
        await OkAsync(
            ChildCik,
            $$"""[{"id":1,"procedure":"map","arguments":["alias","{{dataport}}","temp"]},{"id":2,"procedure":"write","arguments":[{"alias":"temp"},"hello"]}]"""
        );
        Assert.Equal(
            205,
            (await ProvisionAsync("POST", "manage/model/", $"model=m&rid={ChildRid}")).Status
        );
        Assert.Equal(
            205,
            (await ProvisionAsync("POST", "manage/model/m/", "sn[]=sn1&sn[]=sn2")).Status
        );
        Assert.Equal(
            205,
            (await ProvisionAsync("POST", "manage/content/m/", "id=firmware&meta=v1")).Status
        );
        var blob = await RawHttp.SendAsync(
            Http,
            "POST",
            new Uri(Emulator.ProvisionUri + "manage/content/m/firmware"),
            Encoding.UTF8.GetBytes("0123456789"),
            "application/octet-stream",
            [("X-Exosite-Token", VendorToken)]
        );
        Assert.Equal(205, blob.Status);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
    }

    /// <summary>Posts one envelope with one call and returns that call's answer element.</summary>
    public async Task<JsonObject> CallAsync(string cik, string procedure, string arguments)
    {
        var reply = await PostAsync(
            $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"procedure":"{{procedure}}","arguments":{{arguments}}}]}"""
        );
        return Assert.IsType<JsonObject>(
            Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(reply.Text)))
        );
    }

    private async Task OkAsync(string cik, string calls)
    {
        var reply = await PostAsync($$"""{"auth":{"cik":"{{cik}}"},"calls":{{calls}}}""");
        foreach (var element in Assert.IsType<JsonArray>(JsonNode.Parse(reply.Text)))
        {
            Assert.Equal("ok", element!["status"]!.GetValue<string>());
        }
    }

    public Task<RawReply> PostAsync(string body) =>
        RawHttp.SendAsync(Http, "POST", Rpc, Encoding.UTF8.GetBytes(body));

    public Task<RawReply> ProvisionAsync(
        string method,
        string path,
        string? form = null,
        string? token = VendorToken
    ) =>
        RawHttp.SendAsync(
            Http,
            method,
            new Uri(Emulator.ProvisionUri + path),
            form is null ? null : Encoding.UTF8.GetBytes(form),
            "application/x-www-form-urlencoded",
            token is null ? null : [("X-Exosite-Token", token)]
        );

    /// <summary>Everything a client can see, plus the state file: equal dumps mean nothing changed.</summary>
    public async Task<string> DumpAsync()
    {
        var text = new StringBuilder();
        text.AppendLine(await File.ReadAllTextAsync(StatePath));
        var rpc = await PostAsync(
            $$"""
            {"auth":{"cik":"{{RootCik}}"},"calls":[
              {"id":1,"procedure":"info","arguments":[{"alias":""},{}]},
              {"id":2,"procedure":"listing","arguments":[["client","dataport","datarule","dispatch"],{"owned":true,"aliases":true}]},
              {"id":3,"procedure":"info","arguments":["{{ChildRid}}",{}]}]}
            """
        );
        text.AppendLine(rpc.Text);
        var child = await PostAsync(
            $$"""
            {"auth":{"cik":"{{ChildCik}}"},"calls":[
              {"id":1,"procedure":"listing","arguments":[["client","dataport","datarule","dispatch"],{"owned":true,"aliases":true}]},
              {"id":2,"procedure":"read","arguments":[{"alias":"temp"},{"limit":1000}]}]}
            """
        );
        text.AppendLine(child.Text);
        foreach (
            var path in new[]
            {
                "manage/model/",
                "manage/model/m/?limit=1000",
                "manage/model/m",
                "manage/content/m/",
            }
        )
        {
            var reply = await ProvisionAsync("GET", path);
            text.AppendLine(path + " " + reply.Status + " " + reply.Text);
        }
        return text.ToString();
    }

    /// <summary>A normal request still works: the child reads its dataport.</summary>
    public async Task AssertServingAsync()
    {
        var element = await CallAsync(ChildCik, "read", """[{"alias":"temp"},{}]""");
        Assert.Equal("ok", element["status"]!.GetValue<string>());
        Assert.Equal(200, (await ProvisionAsync("GET", "manage/model/")).Status);
    }
}
