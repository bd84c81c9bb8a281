#:project ../../src/Facade/Functional.Facade.csproj
#:project ../../src/Emulators/Functional.Emulators.csproj

// SIS against an in-process emulator: log in, create a schema, add entities, query them and page through all.
// Run: dotnet run samples/scripts/sis-query.cs
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Emulators.Sis;
using Functional.Facade.Sis;

await using var server = await SisEmulator.StartAsync(
    new SisEmulatorOptions { SuperUserName = "admin", SuperUserPassword = "script-only" }
);
using var http = new HttpClient();
var sis = new SisClient(http, new SisClientOptions(server.BaseUri));
var token = await sis.AuthenticateAsync("admin", "script-only");
Console.WriteLine($"SIS emulator at {server.BaseUri}, logged in as {token.UserName}");

await sis.Schemas.CreateAsync(
    JsonNode.Parse(
        """
        {"name": "hosts", "_sis": {"owner": ["ops"]},
         "definition": {"hostname": {"type": "String", "required": true, "unique": true},
                        "role": "String", "cores": "Number"}}
        """
    )!
);
var schemas = await sis.Schemas.FetchPageAsync();
Console.WriteLine(
    "schemas: " + string.Join(", ", schemas.Items.Select(s => s.GetProperty("name").GetString()))
);

var hosts = sis.Entities("hosts");
var created = await hosts.CreateManyAsync(
    Enumerable
        .Range(1, 7)
        .Select(i =>
            JsonSerializer.SerializeToElement(
                new JsonObject
                {
                    ["hostname"] = $"web{i}",
                    ["role"] = i % 2 == 0 ? "db" : "web",
                    ["cores"] = 2 * i,
                }
            )
        )
);
Console.WriteLine($"created {created.Success.Count} hosts, {created.Errors.Count} errors");
Check(created.AllSucceeded && created.Success.Count == 7, "seven hosts created");

var query = SisQuery
    .Where(SisFilter.And(SisFilter.Eq("role", "web"), SisFilter.Gte("cores", 4L)))
    .WithSort(SisSort.Desc("cores"))
    .WithFields("hostname", "cores");
var page = await hosts.FetchPageAsync(query);
Console.WriteLine(
    $"role = web and cores >= 4 ({page.TotalCount.IfNone(0)} matches): "
        + string.Join(
            ", ",
            page.Items.Select(h =>
                $"{h.GetProperty("hostname").GetString()}/{h.GetProperty("cores")}"
            )
        )
);
Check(
    page.TotalCount.IfNone(0) == 3 && page.Items.Count == 3,
    "three web hosts with four cores or more"
);

var all = new List<string>();
await foreach (
    var host in hosts.FetchAllAsync(SisQuery.All.WithSort(SisSort.Asc("hostname")), pageSize: 3)
)
    all.Add(host.GetProperty("hostname").GetString()!);
Console.WriteLine($"fetch-all in pages of 3: {string.Join(", ", all)}");
Check(all.Count == 7, "fetch-all returns every host once");

Console.WriteLine("done.");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
        throw new InvalidOperationException("check failed: " + what);
}
