using System.Text.Json;
using Functional.Core.Provisioning;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;
using Functional.Tests.Extensions;
using Microsoft.Extensions.Logging;

namespace Functional.Tests.Security;

/// <summary>
/// Both emulators log at Trace into a capturing logger while the real clients run a session that handles every kind
/// of credential (CIKs, share codes, activation, grant tokens, vendor tokens, SIS passwords and tokens, failed logins,
/// unknown keys): no log line may show any of them. Every exception the clients threw is checked too.
/// </summary>
public sealed class EmulatorLogSecretTests
{
    private const string VendorToken = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
    private const string SuperPassword = "Sup3r-secret-pa55word";
    private const string UserPassword = "Us3r-secret-pa55word";
    private const string WrongPassword = "Wr0ng-secret-pa55word";
    private const string UnknownCik = "9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d";
    private const string UnknownSisToken = "4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c";

    private sealed class Session
    {
        public List<string> Secrets { get; } = [VendorToken, SuperPassword, UserPassword];

        public List<Exception> Thrown { get; } = [];

        public async Task<Exception> FailsAsync(Func<Task> action)
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(action);
            Thrown.Add(ex);
            return ex;
        }
    }

    [Fact]
    public async Task No_credential_appears_in_any_emulator_log_line_at_trace_level()
    {
        using var onepLog = new CapturingLoggerProvider();
        using var sisLog = new CapturingLoggerProvider();
        var session = new Session();
        await using (
            var onep = await OnePlatformEmulator.StartAsync(
                new OnePlatformEmulatorOptions
                {
                    Logger = onepLog.CreateLogger("onep"),
                    Vendor = "acme",
                    VendorToken = VendorToken,
                }
            )
        )
        {
            await OnePlatformAndProvisioningSessionAsync(onep, session);
        }
        await using (
            var sis = await SisEmulator.StartAsync(
                new SisEmulatorOptions
                {
                    Logger = sisLog.CreateLogger("sis"),
                    SuperUserName = "root",
                    SuperUserPassword = SuperPassword,
                }
            )
        )
        {
            await SisSessionAsync(sis, session);
        }

        // The session really was logged (else the check below proves nothing).
        Assert.Contains(onepLog.Events, l => l.AllText.Contains("RPC", StringComparison.Ordinal));
        Assert.Contains(
            sisLog.Events,
            l =>
                l.AllText.Contains("/tokens/", StringComparison.Ordinal)
                || l.AllText.Contains("/tokens", StringComparison.Ordinal)
        );
        Assert.True(session.Secrets.Count >= 12, string.Join(",", session.Secrets.Count));
        Assert.True(session.Thrown.Count >= 15, $"{session.Thrown.Count} failures");
        SecretCheck.AssertNone(
            session.Thrown.Select(e => ($"{e.GetType().Name}", e.Message + "\n" + e)),
            session.Secrets
        );
        SecretCheck.AssertNone(
            onepLog
                .Events.Select(l => ($"One Platform log {l.EventId}", l.AllText))
                .Concat(sisLog.Events.Select(l => ($"SIS log {l.EventId}", l.AllText))),
            session.Secrets
        );
    }

    [Fact]
    public void The_log_check_would_notice_a_credential()
    {
        using var provider = new CapturingLoggerProvider();
        provider
            .CreateLogger("sis")
            .Log(
                LogLevel.Debug,
                new EventId(101),
                "SIS GET /api/v1.1/users/bob/tokens/" + UnknownSisToken,
                null,
                (text, _) => text
            );
        var leaks = SecretCheck
            .Leaks(provider.Events.Select(l => ("log", l.AllText)), [UnknownSisToken])
            .ToArray();
        Assert.Single(leaks);
        Assert.DoesNotContain(UnknownSisToken, leaks[0][..30], StringComparison.Ordinal);
        // Upper case and truncated forms count too.
        Assert.Single(
            SecretCheck.Leaks([("x", "key=" + UnknownCik.ToUpperInvariant()[..20])], [UnknownCik])
        );
    }

    private static async Task OnePlatformAndProvisioningSessionAsync(
        OnePlatformEmulator onep,
        Session s
    )
    {
        using var http = new HttpClient();
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = onep.BaseUri }
        );
        var provisioning = new ProvisioningClient(
            http,
            new ProvisioningClientOptions { Endpoint = onep.BaseUri, ManageByCik = false }
        );
        var root = Auth.Cik(onep.RootCik);
        s.Secrets.Add(onep.RootCik);

        // Clients, a dataport, a write and a read with a child's CIK.
        var childRid = await rpc.CreateClientAsync(
            root,
            ResourceId.Self,
            ClientDescription.Default.WithName("child").WithLimits(ClientLimits.InheritAll)
        );
        var childCik = (string)
            (await rpc.InfoAsync(root, ResourceId.Rid(childRid), InfoOptions.OnlyKey)).Key;
        s.Secrets.Add(childCik);
        var child = Auth.Cik(childCik);
        var dataport = await rpc.CreateDataportAsync(
            child,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Integer)
        );
        await rpc.MapAsync(child, ResourceId.Rid(dataport), "temp");
        await rpc.WriteAsync(child, ResourceId.Alias("temp"), 21L);
        Assert.Single(await rpc.ReadAsync(child, ResourceId.Alias("temp")));

        // A share code, activated by another client, then revoked.
        var otherRid = await rpc.CreateClientAsync(
            root,
            ResourceId.Self,
            ClientDescription.Default.WithName("other").WithLimits(ClientLimits.InheritAll)
        );
        var otherCik = (string)
            (await rpc.InfoAsync(root, ResourceId.Rid(otherRid), InfoOptions.OnlyKey)).Key;
        s.Secrets.Add(otherCik);
        var code = await rpc.ShareAsync(child, ResourceId.Rid(dataport));
        s.Secrets.Add(code);
        await rpc.ActivateAsync(Auth.Cik(otherCik), ResourceId.Self, CodeType.Share, code);
        await s.FailsAsync(() =>
            rpc.ActivateAsync(Auth.Cik(otherCik), ResourceId.Self, CodeType.Share, code)
        );
        await rpc.RevokeAsync(child, CodeType.Share, code);
        await s.FailsAsync(() => rpc.RevokeAsync(child, CodeType.Share, code));

        // A client key revoked (a new activation code is made), then activated again.
        await rpc.RevokeAsync(root, CodeType.Client, otherCik);
        var newOtherCik = (string)
            (await rpc.InfoAsync(root, ResourceId.Rid(otherRid), InfoOptions.OnlyKey)).Key;
        s.Secrets.Add(newOtherCik);
        Assert.NotEqual(otherCik, newOtherCik);
        await s.FailsAsync(() => rpc.InfoAsync(Auth.Cik(otherCik), ResourceId.Self));

        // A grant token used to write.
        var token = await rpc.GrantAsync(
            root,
            ResourceId.Rid(childRid),
            new Dictionary<string, IReadOnlyList<string>> { [childRid] = ["read", "write"] },
            TimeSpan.FromSeconds(600)
        );
        s.Secrets.Add(token);
        await rpc.WriteAsync(Auth.Token(token), ResourceId.Alias("temp"), 22L);
        await s.FailsAsync(() => rpc.ReadAsync(Auth.Token(UnknownCik), ResourceId.Alias("temp")));

        // Unknown CIKs: a general error, and a per-call error under a batch.
        await s.FailsAsync(() => rpc.InfoAsync(Auth.Cik(UnknownCik), ResourceId.Self));
        await s.FailsAsync(() =>
            rpc.InfoAsync(Auth.CikAsClient(childCik, UnknownCik), ResourceId.Self)
        );

        // Provisioning: a model from the share code of a template, a serial number, activation → device CIK.
        var vendor = provisioning.Auth(VendorToken);
        var templateCode = await rpc.ShareAsync(root, ResourceId.Rid(childRid));
        s.Secrets.Add(templateCode);
        await provisioning.CreateModelAsync(
            vendor,
            "sensor",
            ModelTemplate.FromShareCode(templateCode),
            ModelOptions.Default.WithAliases(false)
        );
        await provisioning.AddSerialNumberAsync(vendor, "sensor", "sn-001");
        await provisioning.EnableSerialNumberAsync(vendor, "sensor", "sn-001", childRid);
        var deviceCik = await provisioning.ActivateAsync("acme", "sensor", "sn-001");
        s.Secrets.Add(deviceCik);
        await s.FailsAsync(() => provisioning.ActivateAsync("acme", "sensor", "sn-001"));
        await s.FailsAsync(() => provisioning.ActivateAsync("acme", "sensor", "sn-404"));
        await provisioning.DeviceListContentAsync(deviceCik, "acme", "sensor");
        await s.FailsAsync(() => provisioning.DeviceListContentAsync(UnknownCik, "acme", "sensor"));
        await s.FailsAsync(() =>
            provisioning.ListModelsAsync(
                provisioning.Auth("1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f")
            )
        );
        s.Secrets.Add("1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f");
        await provisioning.RegenerateSerialNumberAsync(vendor, "sensor", "sn-001");
        var secondDeviceCik = await provisioning.ActivateAsync("acme", "sensor", "sn-001");
        s.Secrets.Add(secondDeviceCik);
        await rpc.ListingAsync(Auth.Cik(secondDeviceCik), ResourceId.Self, [ResourceType.Dataport]);
        await s.FailsAsync(() => rpc.InfoAsync(Auth.Cik(deviceCik), ResourceId.Self));
        s.Secrets.Add(UnknownCik);
    }

    private static async Task SisSessionAsync(SisEmulator sis, Session s)
    {
        using var http = new HttpClient();
        SisClient Anonymous(string? token = null)
        {
            var options = new SisClientOptions(sis.BaseUri);
            return new SisClient(http, token is null ? options : options.WithAuthToken(token));
        }

        var super = Anonymous();
        var superToken = await super.AuthenticateAsync("root", SuperPassword);
        s.Secrets.Add(superToken.Name);
        await s.FailsAsync(() => Anonymous().AuthenticateAsync("root", WrongPassword));
        await s.FailsAsync(() => Anonymous().AuthenticateAsync("nobody", WrongPassword));
        s.Secrets.Add(WrongPassword);

        var created = await super.Users.CreateAsync(
            Json(
                $$$"""{"name":"alice","email":"alice@example.com","pw":"{{{UserPassword}}}","roles":{}}"""
            )
        );
        Assert.Equal(201, created.Status);
        var alice = Anonymous();
        var aliceTemp = await alice.AuthenticateAsync("alice", UserPassword);
        s.Secrets.Add(aliceTemp.Name);

        // A persistent token: created, used, read, changed and deleted by its own path.
        var made = await alice.Tokens("alice").CreateAsync(Json("""{"desc":"ci"}"""));
        var persistent = made.Json.GetProperty("name").GetString()!;
        s.Secrets.Add(persistent);
        await Anonymous(persistent).Tokens("alice").FetchPageAsync();
        await alice.Tokens("alice").GetAsync(persistent);
        await alice.Tokens("alice").UpdateAsync(persistent, Json("""{"desc":"ci2"}"""));
        await s.FailsAsync(() => super.Tokens("root").GetAsync(persistent));
        await alice.Tokens("alice").DeleteAsync(persistent);
        await s.FailsAsync(() => alice.Tokens("alice").GetAsync(persistent));

        // Unknown and deleted tokens on writes.
        await s.FailsAsync(() =>
            Anonymous(UnknownSisToken)
                .Schemas.CreateAsync(Json("""{"name":"x","definition":{"n":"String"}}"""))
        );
        await s.FailsAsync(() =>
            Anonymous(persistent)
                .Schemas.CreateAsync(Json("""{"name":"y","definition":{"n":"String"}}"""))
        );
        s.Secrets.Add(UnknownSisToken);

        // A password change, then the old one fails.
        const string changed = "Ch4nged-secret-pa55word";
        s.Secrets.Add(changed);
        await super.Users.UpdateAsync(
            "alice",
            Json(
                $$$"""{"name":"alice","email":"alice@example.com","pw":"{{{changed}}}","roles":{}}"""
            )
        );
        await s.FailsAsync(() => Anonymous().AuthenticateAsync("alice", UserPassword));
        await Anonymous().AuthenticateAsync("alice", changed);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
