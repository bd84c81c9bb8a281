using System.Text.Json.Nodes;
using Functional.Core.OnePlatform;
using Functional.Core.Provisioning;
using Functional.Core.Sis;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;

// Quickstart: a One Platform emulator in this process, driven through the client over a real socket.
// The vendor and its token let the same emulator answer the Provisioning API too (section 5).
const string vendorToken = "0123456789abcdef0123456789abcdef01234567";
await using var emulator = await OnePlatformEmulator.StartAsync(
    new OnePlatformEmulatorOptions { Vendor = "acme", VendorToken = vendorToken }
);
using var http = new HttpClient();
var client = new OnePlatformClient(
    http,
    new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
);
var root = Auth.Cik(emulator.RootCik);

Console.WriteLine(
    $"One Platform emulator at {emulator.BaseUri} (root CIK {Mask(emulator.RootCik)})"
);
Console.WriteLine();

// 1. A device client with three dataports, each reachable by alias.
Step("create a device client and read its key");

// A new client's limits default to 0: it may own nothing until its owner allows it.
var deviceRid = await client.CreateClientAsync(
    root,
    ResourceId.Self,
    ClientDescription
        .Default.WithName("thermostat")
        .WithLimits(ClientLimits.Default.WithDataport(Limit.Of(10)))
);
var deviceKey = (await client.InfoAsync(root, ResourceId.Rid(deviceRid), InfoOptions.OnlyKey)).Key;
var device = Auth.Cik(
    deviceKey.IfNone(() => throw new InvalidOperationException("the owner could not read the key"))
);
Console.WriteLine($"   device {deviceRid}, CIK {Mask(deviceKey.IfNone(""))}");

Step("create dataports (integer, float, string) and map aliases");
foreach (
    var (alias, format) in new[]
    {
        ("count", DataFormat.Integer),
        ("temperature", DataFormat.Float),
        ("status", DataFormat.String),
    }
)
{
    var rid = await client.CreateDataportAsync(
        device,
        ResourceId.Self,
        DataportDescription.Of(format).WithName(alias)
    );
    await client.MapAsync(device, ResourceId.Rid(rid), alias);
    Console.WriteLine($"   {alias, -12} {format, -8} {rid}");
}

// 2. Writes and reads; values are stored in the dataport's format.
Step("write and read values (unicode too)");
await client.WriteAsync(device, ResourceId.Alias("count"), 42L);
await client.WriteAsync(device, ResourceId.Alias("temperature"), "21"); // coerced to 21.0 by the platform
await client.WriteAsync(device, ResourceId.Alias("status"), "正常 ✓ — all good");
foreach (var alias in new[] { "count", "temperature", "status" })
{
    var latest = await client.ReadAsync(device, ResourceId.Alias(alias));
    Console.WriteLine(
        $"   {alias, -12} = {latest[0].Value} ({latest[0].Value.GetType().Name}) at {latest[0].Time:u}"
    );
}

// 3. One hundred calls in one batch: fifty record calls and fifty reads, each with its own outcome.
Step("send 100 calls in one batch");
var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var batch = client.Batch(device);
for (var i = 0; i < 50; i++)
    batch = batch.Add(
        TimeSeries.Record(ResourceId.Alias("count"), Seq1((now - 100 + i, PointValue.Of((long)i))))
    );
for (var i = 0; i < 50; i++)
    batch = batch.Read(
        ResourceId.Alias("count"),
        ReadOptions.Latest.WithStartTime(now - 100 + i).WithEndTime(now - 100 + i)
    );
var results = await batch.SendAsync();
Console.WriteLine(
    $"   {results.Count} results, {results.Count(r => r.IsOk)} ok; read #75 -> "
        + results[75].GetValue<IReadOnlyList<Point>>()[0].Value
);

// 4. The errors a user meets, as typed exceptions.
Step("errors: a wrong CIK, an unknown alias");
try
{
    await client.ReadAsync(Auth.Cik(new string('0', 40)), ResourceId.Alias("count"));
}
catch (OnePlatformGeneralException e)
{
    Console.WriteLine($"   wrong CIK      -> general error {e.Code}: {e.ServerMessage}");
}
try
{
    await client.ReadAsync(device, ResourceId.Alias("tempreature"));
}
catch (OnePlatformCallException e)
{
    Console.WriteLine(
        $"   unknown alias  -> call {e.CallId} ({e.Procedure}) status {e.StatusText}"
    );
}
try
{
    await client.ReadAsync(device, ResourceId.Rid("not-a-rid"), ReadOptions.Latest.WithLimit(-1));
}
catch (OnePlatformValidationException e)
{
    Console.WriteLine(
        $"   bad arguments  -> nothing sent; {string.Join("; ", e.Problems.Select(p => p.Message))}"
    );
}

// 5. Provisioning: a model cloned from the thermostat, a serial number, and a device that activates itself.
Step("provisioning: model from a shared template, serial number, enable, activate");
var provisioning = new ProvisioningClient(
    http,
    new ProvisioningClientOptions { Endpoint = emulator.BaseUri, ManageByCik = false }
);
var vendor = provisioning.Auth(vendorToken);
var shareCode = await client.ShareAsync(root, ResourceId.Rid(deviceRid));
await provisioning.CreateModelAsync(
    vendor,
    "thermostat-v1",
    ModelTemplate.FromShareCode(shareCode)
);
await provisioning.AddSerialNumberAsync(vendor, "thermostat-v1", "SN-0001", "first batch");
var newDeviceRid = await provisioning.EnableSerialNumberAsync(
    vendor,
    "thermostat-v1",
    "SN-0001",
    emulator.RootRid
);
var newDeviceCik = await provisioning.ActivateAsync("acme", "thermostat-v1", "SN-0001");
Console.WriteLine($"   SN-0001 -> client {newDeviceRid}, activated with CIK {Mask(newDeviceCik)}");
var newDevice = Auth.Cik(newDeviceCik);
await client.WriteAsync(newDevice, ResourceId.Alias("count"), 7L);
var first = await client.ReadAsync(newDevice, ResourceId.Alias("count"));
Console.WriteLine($"   the new device wrote count = {first[0].Value} with its own CIK");

// 6. SIS: a configuration database — log in, a schema, entities, a query, a bulk update and a history entry.
Step("SIS: log in, create a schema, add entities, query, bulk-update, show a history entry");
await using var sisServer = await SisEmulator.StartAsync(
    new SisEmulatorOptions { SuperUserName = "admin", SuperUserPassword = "quickstart-only" }
);
var sis = new SisClient(http, new SisClientOptions(sisServer.BaseUri));
var token = await sis.AuthenticateAsync("admin", "quickstart-only");
Console.WriteLine(
    $"   SIS emulator at {sisServer.BaseUri}; logged in as {token.UserName}, token expires {sis.TokenExpiresAt:u}"
);
await sis.Schemas.CreateAsync(
    JsonNode.Parse(
        """
        {"name": "sensors", "_sis": {"owner": ["ops"]},
         "definition": {"name": {"type": "String", "required": true, "unique": true},
                        "site": "String", "celsius": "Number"}}
        """
    )!
);
var sensors = sis.Entities("sensors");
string[] sites = ["north", "north", "south"];
for (var i = 0; i < sites.Length; i++)
{
    await sensors.CreateAsync(
        new JsonObject
        {
            ["name"] = $"t{i}",
            ["site"] = sites[i],
            ["celsius"] = 20 + i,
        }
    );
}
var north = SisQuery.Where(SisFilter.Eq("site", "north")).WithSort(SisSort.Desc("celsius"));
var page = await sensors.FetchPageAsync(north);
Console.WriteLine(
    $"   site = north: {string.Join(", ", page.Items.Select(e => e.GetProperty("name").GetString()))} (x-total-count {page.TotalCount.IfNone(0)})"
);
var moved = await sensors.UpdateBulkAsync(
    System.Text.Json.JsonDocument.Parse("""{"site": "west"}""").RootElement,
    SisFilter.Eq("site", "south")
);
Console.WriteLine(
    $"   bulk update south -> west: {moved.Success.Count} changed, {moved.Errors.Count} refused"
);
var changed = await sensors.FetchPageAsync(SisQuery.Where(SisFilter.Eq("name", "t2")));
var id = changed.Items[0].GetProperty("_id").GetString()!;
var history = await sensors.CommitsAsync(id);
var newest = history.Items[0];
Console.WriteLine(
    $"   newest commit of t2: {newest.GetProperty("action").GetString()} {newest.GetProperty("commit_data")}"
);

Console.WriteLine();
Console.WriteLine("done.");
return 0;

static void Step(string text) => Console.WriteLine($"-- {text}");

static string Mask(string secret) => secret.Length <= 4 ? "****" : secret[..4] + new string('*', 8);
