using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Emulators;

/// <summary>
/// The emulator's vendor side of the Provisioning API (spec §3.6 registration, tokens and shares; the §3 shared-model
/// note; §3.2 ranges; §3.3 activation log; persistence of all of it), driven with raw HTTP and literal bodies.
/// </summary>
public class ProvisioningVendorEmulatorTests
{
    private const string Hex40 = "^[0-9a-f]{40}$";

    [Fact]
    public async Task A_client_cik_registers_a_vendor_shown_by_cik_and_by_token_and_deleted_by_its_owner()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        var (_, ownerCik) = await s.CreateClientAsync(s.RootCik);
        var (_, otherCik) = await s.CreateClientAsync(s.RootCik);

        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/register",
                "vendor=beta",
                token: null,
                cik: ownerCik
            )
        );
        Assert.Equal(
            ProvisioningHttp.Text("beta"),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/register",
                token: null,
                cik: ownerCik
            )
        );
        // the start-up vendor is the root client's, and its token names it
        Assert.Equal(
            ProvisioningHttp.Text("acme"),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/register",
                token: null,
                cik: s.RootCik
            )
        );
        Assert.Equal(
            ProvisioningHttp.Text("acme"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/register")
        );

        // a token of the new vendor names it too (pyonep's vendor_show sends X-Exosite-Token)
        var token = await ProvisioningHttp.SendAsync(
            s,
            "POST",
            "provision/admin/auth/",
            "id=ops",
            token: null,
            cik: ownerCik
        );
        Assert.Equal(200, token.Status);
        Assert.Equal(
            ProvisioningHttp.Text("beta"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/register", token: token.Body)
        );

        // taken names
        Assert.Equal(
            409,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/register",
                    "vendor=beta",
                    token: null,
                    cik: otherCik
                )
            ).Status
        );
        Assert.Equal(
            409,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/register",
                    "vendor=acme",
                    token: null,
                    cik: otherCik
                )
            ).Status
        );

        // no credentials
        Assert.Equal(
            403,
            (await ProvisioningHttp.SendAsync(s, "GET", "provision/register", token: null)).Status
        );
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/register",
                    "vendor=gamma",
                    token: null
                )
            ).Status
        );
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/register",
                    "delete=true&vendor=beta",
                    token: null
                )
            ).Status
        );

        // another vendor may not delete it; its owner may
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/register",
                    "delete=true&vendor=beta",
                    token: null,
                    cik: s.RootCik
                )
            ).Status
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/register",
                "delete=true&vendor=beta",
                token: null,
                cik: ownerCik
            )
        );
        // gone: its token no longer manages anything and the name is free again
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "GET",
                    "provision/manage/model/",
                    token: token.Body
                )
            ).Status
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/register",
                "vendor=beta",
                token: null,
                cik: otherCik
            )
        );
    }

    [Fact]
    public async Task Admin_tokens_are_listed_created_read_and_deleted_by_the_vendor_cik()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        await ProvisioningHttp.ModelAsync(s);
        Task<ProvisioningAnswer> Auth(string method, string path, string? body = null) =>
            ProvisioningHttp.SendAsync(s, method, path, body, token: null, cik: s.RootCik);

        Assert.Equal(ProvisioningHttp.Csv("default"), await Auth("GET", "provision/admin/auth/"));
        var created = await Auth("POST", "provision/admin/auth/", "id=ops");
        Assert.Equal((200, "text/plain"), (created.Status, created.MediaType));
        Assert.Matches(Hex40, created.Body);
        Assert.NotEqual(ProvisioningHttp.Token, created.Body);
        var token = created.Body;

        Assert.Equal(
            ProvisioningHttp.Csv("default", "ops"),
            await Auth("GET", "provision/admin/auth/")
        );
        Assert.Equal(ProvisioningHttp.Text(token), await Auth("GET", "provision/admin/auth/ops"));
        Assert.Equal(
            ProvisioningHttp.Text(ProvisioningHttp.Token),
            await Auth("GET", "provision/admin/auth/default")
        );
        Assert.Equal(409, (await Auth("POST", "provision/admin/auth/", "id=ops")).Status);
        Assert.Equal(404, (await Auth("GET", "provision/admin/auth/nope")).Status);
        Assert.Equal(404, (await Auth("DELETE", "provision/admin/auth/nope")).Status);

        // the new token manages the vendor's models
        Assert.Equal(
            ProvisioningHttp.Csv("m"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/", token: token)
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/manage/model/m/",
                "sn=001",
                token: token
            )
        );

        // DELETE /<id>: the token stops working
        Assert.Equal(ProvisioningHttp.Reset, await Auth("DELETE", "provision/admin/auth/ops"));
        Assert.Equal(404, (await Auth("GET", "provision/admin/auth/ops")).Status);
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/", token: token)
            ).Status
        );

        // delete=true form
        var second = await Auth("POST", "provision/admin/auth/", "id=ci");
        Assert.Matches(Hex40, second.Body);
        Assert.Equal(
            ProvisioningHttp.Csv("ci", "default"),
            await Auth("GET", "provision/admin/auth/")
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await Auth("POST", "provision/admin/auth/", "delete=true&id=ci")
        );
        Assert.Equal(ProvisioningHttp.Csv("default"), await Auth("GET", "provision/admin/auth/"));
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "GET",
                    "provision/manage/model/",
                    token: second.Body
                )
            ).Status
        );
    }

    [Fact]
    public async Task Admin_tokens_refuse_a_device_cik_and_missing_credentials()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        await ProvisioningHttp.ModelAsync(s);
        await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/model/m/", "sn=001");
        var device = await ProvisioningHttp.EnableAndActivateAsync(s, "m", "001");

        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "GET",
                    "provision/admin/auth/",
                    token: null,
                    cik: device
                )
            ).Status
        );
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/admin/auth/",
                    "id=mine",
                    token: null,
                    cik: device
                )
            ).Status
        );
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "GET",
                    "provision/admin/auth/default",
                    token: null,
                    cik: device
                )
            ).Status
        );
        Assert.Equal(
            403,
            (
                await ProvisioningHttp.SendAsync(s, "GET", "provision/admin/auth/", token: null)
            ).Status
        );
    }

    /// <summary>Registers vendor <c>beta</c> owned by a new client under the root; (owner rid, owner cik, beta token).</summary>
    private static async Task<(string Rid, string Cik, string Token)> BetaAsync(EmulatorSession s)
    {
        var (rid, cik) = await s.CreateClientAsync(s.RootCik);
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/register",
                "vendor=beta",
                token: null,
                cik: cik
            )
        );
        var token = await ProvisioningHttp.SendAsync(
            s,
            "POST",
            "provision/admin/auth/",
            "id=main",
            token: null,
            cik: cik
        );
        Assert.Equal(200, token.Status);
        return (rid, cik, token.Body);
    }

    [Fact]
    public async Task Shares_are_added_listed_checked_and_removed()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        await ProvisioningHttp.ModelAsync(s);
        var (_, betaCik, betaToken) = await BetaAsync(s);

        Assert.Equal(
            ProvisioningHttp.NoContent,
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/share/m/")
        );
        Assert.Equal(
            ProvisioningHttp.Csv(),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/manage/model/?show=shared",
                token: betaToken
            )
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/share/m/", "vendor=beta")
        );
        Assert.Equal(
            ProvisioningHttp.Csv("beta"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/share/m/")
        );
        Assert.Equal(
            ProvisioningHttp.NoContent,
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/share/m/beta")
        );
        Assert.NotEqual(
            204,
            (await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/share/m/gamma")).Status
        );
        // the other vendor sees it, by token and by its owner's CIK
        Assert.Equal(
            ProvisioningHttp.Csv("acme,m"),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/manage/model/?show=shared",
                token: betaToken
            )
        );
        Assert.Equal(
            ProvisioningHttp.Csv("acme,m"),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/manage/model/?show=shared",
                token: null,
                cik: betaCik
            )
        );
        // a shared model is not one of the other vendor's own models
        Assert.Equal(
            ProvisioningHttp.Csv(),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/", token: betaToken)
        );

        // unshare by form, share again, unshare by DELETE
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/manage/share/m/",
                "vendor=beta&delete=true"
            )
        );
        Assert.Equal(
            ProvisioningHttp.NoContent,
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/share/m/")
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/share/m/", "vendor=beta")
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(s, "DELETE", "provision/manage/share/m/beta")
        );
        Assert.NotEqual(
            204,
            (await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/share/m/beta")).Status
        );
        Assert.Equal(
            ProvisioningHttp.Csv(),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/manage/model/?show=shared",
                token: betaToken
            )
        );
    }

    [Fact]
    public async Task A_shared_model_lets_the_other_vendor_enable_disable_and_reenable_only()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        await ProvisioningHttp.ModelAsync(s);
        var (_, betaCik, betaToken) = await BetaAsync(s);
        var (betaDevices, _) = await s.CreateClientAsync(betaCik);
        await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/model/m/", "sn=001&extra=x");
        await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/model/m/", "sn=002&extra=y");
        await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/share/m/", "vendor=beta");
        Task<ProvisioningAnswer> AsBeta(string method, string path, string? body = null) =>
            ProvisioningHttp.SendAsync(s, method, path, body, token: betaToken, vendor: "acme");

        // the owner of acme's own enable is acme's business; beta enables 002 under its own client
        var acmeRid = (
            await ProvisioningHttp.SendAsync(
                s,
                "POST",
                "provision/manage/model/m/001",
                $"enable=true&owner={s.Emulator.RootRid}"
            )
        ).Body;
        Assert.Equal(
            403,
            (
                await AsBeta(
                    "POST",
                    "provision/manage/model/m/002",
                    $"enable=true&owner={s.Emulator.RootRid}"
                )
            ).Status
        );
        var enabled = await AsBeta(
            "POST",
            "provision/manage/model/m/002",
            $"enable=true&owner={betaDevices}"
        );
        Assert.Equal((200, "text/csv"), (enabled.Status, enabled.MediaType));
        Assert.Matches(Hex40, enabled.Body);
        var rid = enabled.Body;
        var listed = (await s.Ok(betaCik, "listing", $$"""["{{betaDevices}}",["client"],{}]"""))!;
        Assert.Equal(rid, listed["client"]![0]!.GetValue<string>());

        // lists only the serial numbers it enabled, extra empty (header or shared=)
        Assert.Equal(
            ProvisioningHttp.Csv($"002,{rid},"),
            await AsBeta("GET", "provision/manage/model/m/")
        );
        Assert.Equal(
            ProvisioningHttp.Csv($"002,{rid},"),
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/manage/model/m/?shared=acme",
                token: betaToken
            )
        );
        Assert.Equal(
            ProvisioningHttp.Csv($"001,{acmeRid},x", $"002,{rid},y"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/m/")
        );

        // disable, re-enable
        Assert.Equal(
            ProvisioningHttp.Reset,
            await AsBeta("POST", "provision/manage/model/m/002", "disable=true")
        );
        Assert.Equal(
            ProvisioningHttp.Csv($"expired,{rid},y"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/m/002")
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await AsBeta("POST", "provision/manage/model/m/002", "enable=true")
        );
        Assert.Equal(
            ProvisioningHttp.Csv($"notactivated,{rid},y"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/m/002")
        );
        Assert.Equal(
            200,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=002",
                    token: null
                )
            ).Status
        );

        // nothing else through the share
        Assert.Equal(
            403,
            (await AsBeta("POST", "provision/manage/model/m/", "sn=003&extra=z")).Status
        );
        Assert.Equal(403, (await AsBeta("DELETE", "provision/manage/model/m/002")).Status);
        Assert.Equal(403, (await AsBeta("GET", "provision/manage/model/m/002")).Status);
        Assert.Equal(403, (await AsBeta("GET", "provision/manage/model/m")).Status);
        Assert.Equal(403, (await AsBeta("GET", "provision/manage/model/m/002?show=log")).Status);
        Assert.Equal(
            ProvisioningHttp.Csv($"001,{acmeRid},x", $"002,{rid},y"),
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/m/")
        );

        // unshared: refused
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(s, "DELETE", "provision/manage/share/m/beta")
        );
        Assert.Equal(
            403,
            (await AsBeta("POST", "provision/manage/model/m/002", "disable=true")).Status
        );
        Assert.Equal(403, (await AsBeta("GET", "provision/manage/model/m/")).Status);
    }

    [Fact]
    public async Task Enable_refuses_an_owner_outside_the_vendors_subtree()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        var (_, betaCik, betaToken) = await BetaAsync(s);
        var template = await ProvisioningHttp.TemplateAsync(s, betaCik);
        var (inside, _) = await s.CreateClientAsync(betaCik);
        var (outside, _) = await s.CreateClientAsync(s.RootCik);
        Task<ProvisioningAnswer> AsBeta(string method, string path, string body) =>
            ProvisioningHttp.SendAsync(s, method, path, body, token: betaToken);

        Assert.Equal(
            ProvisioningHttp.Reset,
            await AsBeta("POST", "provision/manage/model/", $"model=bm&rid={template}")
        );
        Assert.Equal(
            ProvisioningHttp.Reset,
            await AsBeta("POST", "provision/manage/model/bm/", "sn[]=1&sn[]=2")
        );
        Assert.Equal(
            403,
            (
                await AsBeta("POST", "provision/manage/model/bm/1", $"enable=true&owner={outside}")
            ).Status
        );
        Assert.Equal(
            403,
            (
                await AsBeta(
                    "POST",
                    "provision/manage/model/bm/1",
                    $"enable=true&owner={s.Emulator.RootRid}"
                )
            ).Status
        );
        // refused enables leave the SN unused
        Assert.Equal(
            ProvisioningHttp.NoContent,
            await ProvisioningHttp.SendAsync(
                s,
                "GET",
                "provision/manage/model/bm/1",
                token: betaToken
            )
        );
        var enabled = await AsBeta(
            "POST",
            "provision/manage/model/bm/1",
            $"enable=true&owner={inside}"
        );
        Assert.Equal(200, enabled.Status);
        Assert.Matches(Hex40, enabled.Body);
    }

    private const string MacRange =
        """{"ranges":[{"format":"mac:48","length":17,"casing":"lower","first":1108152157440,"last":1108152157455}]}""";

    [Fact]
    public async Task Ranges_are_added_listed_used_and_deleted_as_json()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        await ProvisioningHttp.ModelAsync(s);
        const string Js = "application/javascript";

        var none = await ProvisioningHttp.SendAsync(
            s,
            "GET",
            "provision/manage/model/m/?show=ranges"
        );
        Assert.Equal((200, Js), (none.Status, none.MediaType));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"ranges":[]}"""), JsonNode.Parse(none.Body)),
            none.Body
        );

        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/model/m/", MacRange, Js)
        );
        var shown = await ProvisioningHttp.SendAsync(
            s,
            "GET",
            "provision/manage/model/m/?show=ranges"
        );
        Assert.Equal((200, Js), (shown.Status, shown.MediaType));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(MacRange), JsonNode.Parse(shown.Body)),
            shown.Body
        );

        // a member (01:02:03:04:05:0a = first + 10) is enabled and activated
        var cik = await ProvisioningHttp.EnableAndActivateAsync(s, "m", "01:02:03:04:05:0a");
        Assert.Matches(Hex40, cik);
        var (row, _, _) = await ProvisioningHttp.SendAsync(
            s,
            "GET",
            "provision/manage/model/m/01:02:03:04:05:0a"
        );
        Assert.Equal(200, row);

        // outside the range, or not written as the range writes it
        foreach (var sn in new[] { "01:02:03:04:05:10", "01:02:03:04:05:0A", "01-02-03-04-05-0b" })
        {
            Assert.Equal(
                404,
                (
                    await ProvisioningHttp.SendAsync(
                        s,
                        "POST",
                        $"provision/manage/model/m/{sn}",
                        $"enable=true&owner={s.Emulator.RootRid}"
                    )
                ).Status
            );
        }
        Assert.Equal(
            404,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=01%3A02%3A03%3A04%3A05%3A10",
                    token: null
                )
            ).Status
        );

        // invalid bodies
        foreach (
            var bad in new[]
            {
                """{"ranges":[{"format":"base99","length":4,"casing":"lower","first":1,"last":2}]}""",
                """{"ranges":[{"format":"base10","length":4,"casing":"lower","first":9,"last":2}]}""",
                """{"ranges":[{"format":"base10","length":4,"casing":"sideways","first":1,"last":2}]}""",
                """{"ranges":"none"}""",
                """{"ranges":[""",
            }
        )
        {
            Assert.Equal(
                400,
                (
                    await ProvisioningHttp.SendAsync(
                        s,
                        "POST",
                        "provision/manage/model/m/",
                        bad,
                        Js
                    )
                ).Status
            );
        }

        // DELETE with the same body removes it: a fresh member is unknown again
        Assert.Equal(
            ProvisioningHttp.Reset,
            await ProvisioningHttp.SendAsync(s, "DELETE", "provision/manage/model/m/", MacRange, Js)
        );
        var after = await ProvisioningHttp.SendAsync(
            s,
            "GET",
            "provision/manage/model/m/?show=ranges"
        );
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"ranges":[]}"""), JsonNode.Parse(after.Body)),
            after.Body
        );
        Assert.Equal(
            404,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "GET",
                    "provision/manage/model/m/01:02:03:04:05:0b"
                )
            ).Status
        );
    }

    [Fact]
    public async Task The_activation_log_records_every_attempt()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        await ProvisioningHttp.ModelAsync(s);
        await ProvisioningHttp.SendAsync(s, "POST", "provision/manage/model/m/", "sn=001");
        Assert.Equal(
            ProvisioningHttp.NoContent,
            await ProvisioningHttp.SendAsync(s, "GET", "provision/manage/model/m/001?show=log")
        );
        await ProvisioningHttp.EnableAndActivateAsync(s, "m", "001");
        s.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(
            409,
            (
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=001",
                    token: null
                )
            ).Status
        );

        var log = await ProvisioningHttp.SendAsync(
            s,
            "GET",
            "provision/manage/model/m/001?show=log"
        );
        Assert.Equal((200, "text/csv"), (log.Status, log.MediaType));
        Assert.EndsWith("\r\n", log.Body, StringComparison.Ordinal);
        var lines = log.Body[..^2].Split("\r\n");
        Assert.Equal(2, lines.Length);
        Assert.Matches($"^{EmulatorSession.Epoch},[^,]+:[0-9]+,[^\r\n]+$", lines[0]);
        Assert.Matches($"^{EmulatorSession.Epoch + 5},[^,]+:[0-9]+,[^\r\n]+$", lines[1]);
        Assert.NotEqual(lines[0].Split(',')[2], lines[1].Split(',')[2]);
    }

    [Fact]
    public async Task Provisioning_state_survives_a_restart_on_the_state_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emutests-{Guid.NewGuid():N}.json");
        try
        {
            string template,
                betaCik,
                token,
                device,
                deviceRid,
                rootCik;
            await using (var s = await ProvisioningHttp.StartAsync(path))
            {
                rootCik = s.RootCik;
                (_, betaCik, _) = await BetaAsync(s);
                token = (
                    await ProvisioningHttp.SendAsync(
                        s,
                        "POST",
                        "provision/admin/auth/",
                        "id=ops",
                        token: null,
                        cik: s.RootCik
                    )
                ).Body;
                template = await ProvisioningHttp.ModelAsync(s);
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/m/",
                    "sn=001&extra=x"
                );
                Assert.Equal(
                    ProvisioningHttp.Reset,
                    await ProvisioningHttp.SendAsync(
                        s,
                        "POST",
                        "provision/manage/model/m/",
                        MacRange,
                        "application/javascript"
                    )
                );
                device = await ProvisioningHttp.EnableAndActivateAsync(s, "m", "001");
                deviceRid = (await s.Ok(device, "lookup", """["alias",""]"""))!.GetValue<string>();
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/manage/content/m/",
                    "id=fw&meta=v1&protected=true"
                );
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/manage/content/m/fw",
                    "firmware",
                    "text/plain"
                );
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/manage/group/m/",
                    "id=g&meta=G"
                );
                Assert.Equal(
                    ProvisioningHttp.Reset,
                    await ProvisioningHttp.SendAsync(
                        s,
                        "POST",
                        "provision/manage/group/m/g/",
                        "sn,001,,a\r\ncontent,fw,,b\r\n",
                        "text/csv"
                    )
                );
                await ProvisioningHttp.SendAsync(
                    s,
                    "POST",
                    "provision/manage/share/m/",
                    "vendor=beta"
                );
                Assert.Equal(
                    200,
                    (
                        await ProvisioningHttp.DeviceGetAsync(
                            s,
                            "provision/download?vendor=acme&model=m&id=fw",
                            device
                        )
                    ).Status
                );
            }

            await using var again = await ProvisioningHttp.StartAsync(path);
            Assert.Equal(rootCik, again.RootCik);
            Assert.Equal(
                ProvisioningHttp.Text("beta"),
                await ProvisioningHttp.SendAsync(
                    again,
                    "GET",
                    "provision/register",
                    token: null,
                    cik: betaCik
                )
            );
            Assert.Equal(
                ProvisioningHttp.Csv("default", "ops"),
                await ProvisioningHttp.SendAsync(
                    again,
                    "GET",
                    "provision/admin/auth/",
                    token: null,
                    cik: rootCik
                )
            );
            Assert.Equal(
                ProvisioningHttp.Csv("m"),
                await ProvisioningHttp.SendAsync(
                    again,
                    "GET",
                    "provision/manage/model/",
                    token: token
                )
            );
            Assert.Equal(
                new ProvisioningAnswer(200, "application/x-www-form-urlencoded", $"rid={template}"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/model/m")
            );
            Assert.Equal(
                ProvisioningHttp.Csv($"001,{deviceRid},x"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/model/m/")
            );
            Assert.Equal(
                ProvisioningHttp.Csv($"activated,{deviceRid},x"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/model/m/001")
            );
            var log = await ProvisioningHttp.SendAsync(
                again,
                "GET",
                "provision/manage/model/m/001?show=log"
            );
            Assert.Equal(200, log.Status);
            Assert.Matches($"^{EmulatorSession.Epoch},[^,]+:[0-9]+,[^\r\n]+\r\n$", log.Body);
            var ranges = await ProvisioningHttp.SendAsync(
                again,
                "GET",
                "provision/manage/model/m/?show=ranges"
            );
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(MacRange), JsonNode.Parse(ranges.Body)),
                ranges.Body
            );
            Assert.Equal(
                ProvisioningHttp.Csv($"text/plain,8,{EmulatorSession.Epoch},v1,true"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/content/m/fw")
            );
            Assert.Equal(
                ProvisioningHttp.Csv("g,G"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/group/m/")
            );
            Assert.Equal(
                ProvisioningHttp.Csv("sn,001,,a", "content,fw,,b"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/group/m/g/")
            );
            Assert.Equal(
                ProvisioningHttp.Csv("beta"),
                await ProvisioningHttp.SendAsync(again, "GET", "provision/manage/share/m/")
            );
            // the device still authenticates and still downloads its protected content
            Assert.Equal(
                ProvisioningHttp.Csv("fw"),
                await ProvisioningHttp.DeviceGetAsync(
                    again,
                    "provision/download?vendor=acme&model=m",
                    device
                )
            );
            Assert.Equal(
                new ProvisioningAnswer(200, "text/plain", "firmware"),
                await ProvisioningHttp.DeviceGetAsync(
                    again,
                    "provision/download?vendor=acme&model=m&id=fw",
                    device
                )
            );
            // a range member is still a serial number
            Assert.Equal(
                ProvisioningHttp.NoContent,
                await ProvisioningHttp.SendAsync(
                    again,
                    "GET",
                    "provision/manage/model/m/01:02:03:04:05:01"
                )
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Csv_answers_are_utf8()
    {
        await using var s = await ProvisioningHttp.StartAsync();
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(s.Emulator.BaseUri + "provision/admin/auth/")
        );
        request.Headers.TryAddWithoutValidation("X-Exosite-CIK", s.RootCik);
        using var response = await s.Http.SendAsync(request);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }
}
