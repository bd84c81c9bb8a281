#:project ../../src/Facade/Functional.Facade.csproj
#:project ../../src/Emulators/Functional.Emulators.csproj

// Provisioning against an in-process emulator: a model from a template client, serial numbers, enable, activate.
// Run: dotnet run samples/scripts/provision-fleet.cs
using Functional.Core.OnePlatform;
using Functional.Core.Provisioning;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;

const string vendorToken = "0123456789abcdef0123456789abcdef01234567";
await using var emulator = await OnePlatformEmulator.StartAsync(
    new OnePlatformEmulatorOptions { Vendor = "acme", VendorToken = vendorToken }
);
using var http = new HttpClient();
var onep = new OnePlatformClient(
    http,
    new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
);
var provisioning = new ProvisioningClient(
    http,
    new ProvisioningClientOptions { Endpoint = emulator.BaseUri, ManageByCik = false }
);
var root = Auth.Cik(emulator.RootCik);
var vendor = provisioning.Auth(vendorToken);
Console.WriteLine($"One Platform emulator with Provisioning at {emulator.ProvisionUri}");

// The template: a client with one dataport, shared so that the model can clone it.
var templateRid = await onep.CreateClientAsync(
    root,
    ResourceId.Self,
    ClientDescription
        .Default.WithName("sensor template")
        .WithLimits(ClientLimits.Default.WithDataport(Limit.Of(5)))
);
var template = Auth.Cik(
    (await onep.InfoAsync(root, ResourceId.Rid(templateRid), InfoOptions.OnlyKey)).Key.IfNone("")
);
var port = await onep.CreateDataportAsync(
    template,
    ResourceId.Self,
    DataportDescription.Of(DataFormat.Integer).WithName("reading")
);
await onep.MapAsync(template, ResourceId.Rid(port), "reading");
var shareCode = await onep.ShareAsync(root, ResourceId.Rid(templateRid));
await provisioning.CreateModelAsync(vendor, "sensor-v2", ModelTemplate.FromShareCode(shareCode));
Console.WriteLine($"models: {string.Join(", ", await provisioning.ListModelsAsync(vendor))}");

string[] serialNumbers = ["SN-100", "SN-101", "SN-102"];
await provisioning.AddSerialNumbersAsync(vendor, "sensor-v2", serialNumbers);
var activated = 0;
foreach (var sn in serialNumbers)
{
    var rid = await provisioning.EnableSerialNumberAsync(vendor, "sensor-v2", sn, emulator.RootRid);
    var device = Auth.Cik(await provisioning.ActivateAsync("acme", "sensor-v2", sn));
    await onep.WriteAsync(device, ResourceId.Alias("reading"), 100L + activated);
    var reading = await onep.ReadAsync(device, ResourceId.Alias("reading"));
    Console.WriteLine($"  {sn}: client {rid}, activated, wrote reading = {reading[0].Value}");
    activated++;
}

var rows = await provisioning.ListSerialNumbersAsync(
    vendor,
    "sensor-v2",
    SerialNumberListOptions.Default.WithStatusColumn(true)
);
foreach (var row in rows)
    Console.WriteLine($"  {row.SerialNumber, -7} {row.Status.IfNone("-")}");
Check(
    rows.Count == 3 && rows.All(r => r.Status.IfNone("") == "activated"),
    "three activated serial numbers"
);

try
{
    await provisioning.ActivateAsync("acme", "sensor-v2", "SN-100");
    Check(false, "a second activation is refused");
}
catch (ProvisioningException e)
{
    Console.WriteLine($"activating SN-100 again -> HTTP {e.Status} {e.Reason}");
}

Console.WriteLine("done.");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
        throw new InvalidOperationException("check failed: " + what);
}
