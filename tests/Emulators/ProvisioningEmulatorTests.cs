using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Emulators;

/// <summary>
/// The emulator's Provisioning API (spec §3.1–§3.3, §3.7, §3.8), driven with a raw <see cref="HttpClient"/> and literal
/// form bodies, sharing its state with the RPC side.
/// </summary>
public class ProvisioningEmulatorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef01234567";

    private static Task<EmulatorSession> StartAsync() =>
        EmulatorSession.StartAsync(o => o with { Vendor = "acme", VendorToken = Token });

    /// <summary>Sends a request; <paramref name="contentType"/> null sends the body without a Content-Type.</summary>
    private static async Task<(int Status, string Body)> SendAsync(
        EmulatorSession s,
        string method,
        string path,
        string? body = null,
        string? contentType = "application/x-www-form-urlencoded",
        string? token = Token,
        string? cik = null
    )
    {
        var answer = await ProvisioningHttp.SendAsync(
            s,
            method,
            path,
            body,
            contentType,
            token,
            cik
        );
        return (answer.Status, answer.Body);
    }

    private static async Task<string> TemplateAsync(EmulatorSession s)
    {
        var (rid, cik) = await s.CreateClientAsync(s.RootCik);
        await s.CreateDataportAsync(cik, "integer", alias: "temp");
        return rid;
    }

    private static async Task<string> StatusOfAsync(EmulatorSession s, string rid) =>
        (await s.Ok(s.RootCik, "info", $$"""["{{rid}}",{"basic":true}]"""))!["basic"]![
            "status"
        ]!.GetValue<string>();

    [Fact]
    public async Task Manage_endpoints_need_the_vendor_token_or_a_cik()
    {
        await using var s = await StartAsync();
        Assert.Equal(
            403,
            (await SendAsync(s, "GET", "provision/manage/model/", token: null)).Status
        );
        Assert.Equal(
            403,
            (
                await SendAsync(s, "GET", "provision/manage/model/", token: new string('f', 40))
            ).Status
        );
        Assert.Equal(200, (await SendAsync(s, "GET", "provision/manage/model/")).Status);
        Assert.Equal(
            200,
            (
                await SendAsync(s, "GET", "provision/manage/model/", token: null, cik: s.RootCik)
            ).Status
        );
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/nothing/here")).Status);
    }

    [Fact]
    public async Task Models_are_created_listed_described_updated_and_deleted()
    {
        await using var s = await StartAsync();
        var rid = await TemplateAsync(s);
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/",
                    $"model=m1&rid={rid}&options[]=noaliases&options[]=nohistorical"
                )
            ).Status
        );
        Assert.Equal(
            409,
            (await SendAsync(s, "POST", "provision/manage/model/", $"model=m1&rid={rid}")).Status
        );
        Assert.Equal(
            400,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/",
                    "model=m2&rid=" + new string('0', 40)
                )
            ).Status
        );
        Assert.Equal((200, "m1\r\n"), await SendAsync(s, "GET", "provision/manage/model/"));
        Assert.Equal(
            (200, $"rid={rid}&options[]=noaliases&options[]=nohistorical"),
            await SendAsync(s, "GET", "provision/manage/model/m1")
        );
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "PUT",
                    "provision/manage/model/m1",
                    $"rid={rid}&options[]=nocomments",
                    contentType: null
                )
            ).Status
        );
        Assert.Equal(
            (200, $"rid={rid}&options[]=nocomments"),
            await SendAsync(s, "GET", "provision/manage/model/m1")
        );
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "DELETE",
                    "provision/manage/model/m1",
                    "model=m1",
                    contentType: null
                )
            ).Status
        );
        Assert.Equal((200, ""), await SendAsync(s, "GET", "provision/manage/model/"));
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/model/m1")).Status);
    }

    [Fact]
    public async Task A_model_can_be_made_from_a_share_code_and_deleted_by_form()
    {
        await using var s = await StartAsync();
        var rid = await TemplateAsync(s);
        var code = (await s.Ok(s.RootCik, "share", $$"""["{{rid}}",{}]"""))!.GetValue<string>();
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/",
                    $"model=shared&code={code}&options[]=noaliases"
                )
            ).Status
        );
        Assert.Equal(
            (200, $"code={code}&options[]=noaliases"),
            await SendAsync(s, "GET", "provision/manage/model/shared")
        );
        Assert.Equal(
            205,
            (
                await SendAsync(s, "POST", "provision/manage/model/", "delete=true&model=shared")
            ).Status
        );
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/model/shared")).Status);
    }

    [Fact]
    public async Task An_extra_with_a_comma_or_a_quote_comes_back_quoted_as_CSV()
    {
        await using var s = await StartAsync();
        var rid = await TemplateAsync(s);
        await SendAsync(s, "POST", "provision/manage/model/", $"model=m&rid={rid}");
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/m/",
                    "a01,\"batch 7, \"\"blue\"\"\"\r\n",
                    "text/csv"
                )
            ).Status
        );
        Assert.Equal(
            (200, "a01,,\"batch 7, \"\"blue\"\"\"\r\n"),
            await SendAsync(s, "GET", "provision/manage/model/m/")
        );
    }

    [Fact]
    public async Task Serial_numbers_are_added_in_bulk_paged_and_removed_both_ways()
    {
        await using var s = await StartAsync();
        var rid = await TemplateAsync(s);
        await SendAsync(s, "POST", "provision/manage/model/", $"model=m&rid={rid}");
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/", "sn=a01&extra=x")).Status
        );
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/", "sn[]=a02&sn[]=a03")).Status
        );
        var csv = string.Concat(Enumerable.Range(4, 6).Select(i => $"a{i:D2},e{i}\r\n"));
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/", csv, "text/csv")).Status
        );
        Assert.Equal(
            409,
            (await SendAsync(s, "POST", "provision/manage/model/m/", "sn[]=a10&sn[]=a01")).Status
        );
        Assert.Equal(
            (200, "a01,,x\r\na02,,\r\na03,,\r\na04,,e4\r\na05,,e5\r\n"),
            await SendAsync(s, "GET", "provision/manage/model/m/?offset=0&limit=5")
        );
        Assert.Equal(
            (200, "a06,,,e6\r\na07,,,e7\r\na08,,,e8\r\na09,,,e9\r\n"),
            await SendAsync(s, "GET", "provision/manage/model/m/?offset=5&limit=5&status=true")
        );
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/m/",
                    "remove=true&sn[]=a01&sn[]=a02"
                )
            ).Status
        );
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/", "delete=true&sn=a03")).Status
        );
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "DELETE",
                    "provision/manage/model/m/",
                    "a04\r\na05\r\n",
                    "text/csv"
                )
            ).Status
        );
        Assert.Equal(
            (200, "a06,,e6\r\na07,,e7\r\na08,,e8\r\na09,,e9\r\n"),
            await SendAsync(s, "GET", "provision/manage/model/m/?limit=10")
        );
        Assert.Equal(204, (await SendAsync(s, "GET", "provision/manage/model/m/a06")).Status);
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/model/m/zz")).Status);
    }

    [Fact]
    public async Task Lifecycle_enable_activate_regenerate_disable_reenable_delete()
    {
        await using var s = await StartAsync();
        var template = await TemplateAsync(s);
        var (owner, _) = await s.CreateClientAsync(s.RootCik);
        await SendAsync(s, "POST", "provision/manage/model/", $"model=m&rid={template}");
        await SendAsync(s, "POST", "provision/manage/model/m/", "sn=001&extra=hello");

        // enable with owner: a notactivated clone of the template under the owner, with device meta
        var (status, rid) = await SendAsync(
            s,
            "POST",
            "provision/manage/model/m/001",
            $"enable=true&owner={owner}"
        );
        Assert.Equal(200, status);
        Assert.Matches("^[0-9a-f]{40}$", rid);
        Assert.Equal("notactivated", await StatusOfAsync(s, rid));
        var info = (await s.Ok(s.RootCik, "info", $$"""["{{rid}}",{"description":true}]"""))!;
        var meta = JsonNode.Parse(info["description"]!["meta"]!.GetValue<string>())!["device"]!;
        Assert.Equal(
            """{"type":"vendor","vendor":"acme","model":"m","sn":"001"}""",
            meta.ToJsonString()
        );
        var listed = (await s.Ok(s.RootCik, "listing", $$"""["{{owner}}",["client"],{}]"""))!;
        Assert.Equal(rid, listed["client"]![0]!.GetValue<string>());
        Assert.Equal(
            (200, $"notactivated,{rid},hello\r\n"),
            await SendAsync(s, "GET", "provision/manage/model/m/001")
        );
        Assert.Equal(
            409,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/model/m/001",
                    $"enable=true&owner={owner}"
                )
            ).Status
        );

        // activate (empty X-Exosite-* headers): the CIK once, then 409
        var (activated, cik) = await SendAsync(
            s,
            "POST",
            "provision/activate",
            "vendor=acme&model=m&sn=001",
            token: "",
            cik: ""
        );
        Assert.Equal(200, activated);
        Assert.Matches("^[0-9a-f]{40}$", cik);
        Assert.Equal("activated", await StatusOfAsync(s, rid));
        Assert.Equal(
            JsonNode.Parse($"\"{rid}\"")!.ToJsonString(),
            (await s.Ok(cik, "lookup", """["alias",""]"""))!.ToJsonString()
        );
        Assert.Equal(
            409,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=001",
                    token: ""
                )
            ).Status
        );
        Assert.Equal(
            404,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=002",
                    token: ""
                )
            ).Status
        );
        Assert.Equal(
            404,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=other&model=m&sn=001",
                    token: ""
                )
            ).Status
        );

        // regenerate: the old CIK gets the general 401, re-activation gives a different CIK
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/001", "enable=true")).Status
        );
        Assert.Equal("notactivated", await StatusOfAsync(s, rid));
        Assert.Equal(
            """{"error":{"code":401,"message":"Authorization failed"}}""",
            await s.PostAsync(
                $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"procedure":"lookup","arguments":["alias",""]}]}"""
            )
        );
        var (_, second) = await SendAsync(
            s,
            "POST",
            "provision/activate",
            "vendor=acme&model=m&sn=001",
            token: null
        );
        Assert.Matches("^[0-9a-f]{40}$", second);
        Assert.NotEqual(cik, second);

        // disable → expired; re-enable + activate → activated again
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/001", "disable=true")).Status
        );
        Assert.Equal("expired", await StatusOfAsync(s, rid));
        Assert.Equal(
            409,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=001",
                    token: null
                )
            ).Status
        );
        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/model/m/001", "enable=true")).Status
        );
        Assert.Equal(
            200,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/activate",
                    "vendor=acme&model=m&sn=001",
                    token: null
                )
            ).Status
        );
        Assert.Equal("activated", await StatusOfAsync(s, rid));

        // delete the SN: no longer listed
        Assert.Equal(205, (await SendAsync(s, "DELETE", "provision/manage/model/m/001")).Status);
        Assert.Equal((200, ""), await SendAsync(s, "GET", "provision/manage/model/m/"));
    }

    [Fact]
    public async Task Enable_clones_the_template_honouring_noaliases()
    {
        await using var s = await StartAsync();
        var template = await TemplateAsync(s);
        await SendAsync(s, "POST", "provision/manage/model/", $"model=plain&rid={template}");
        await SendAsync(
            s,
            "POST",
            "provision/manage/model/",
            $"model=bare&rid={template}&options[]=noaliases"
        );
        await SendAsync(s, "POST", "provision/manage/model/plain/", "sn=1");
        await SendAsync(s, "POST", "provision/manage/model/bare/", "sn=1");
        var (_, withAliases) = await SendAsync(
            s,
            "POST",
            "provision/manage/model/plain/1",
            $"enable=true&owner={s.Emulator.RootRid}"
        );
        var (_, withoutAliases) = await SendAsync(
            s,
            "POST",
            "provision/manage/model/bare/1",
            $"enable=true&owner={s.Emulator.RootRid}"
        );
        var aliases = (
            await s.Ok(s.RootCik, "info", $$"""["{{withAliases}}",{"aliases":true}]""")
        )!["aliases"]!.AsObject();
        Assert.Single(aliases);
        var none = (
            await s.Ok(s.RootCik, "info", $$"""["{{withoutAliases}}",{"aliases":true}]""")
        )!["aliases"]!.AsObject();
        Assert.Empty(none);
    }

    private static async Task<(int Status, string Body, string? ContentRange)> DownloadAsync(
        EmulatorSession s,
        string path,
        string cik,
        string? range = null
    )
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(s.Emulator.BaseUri + path)
        );
        request.Headers.TryAddWithoutValidation("X-Exosite-CIK", cik);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }
        using var response = await s.Http.SendAsync(request);
        return (
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentRange?.ToString()
        );
    }

    [Fact]
    public async Task Content_is_created_uploaded_described_downloaded_by_range_and_deleted()
    {
        await using var s = await StartAsync();
        var template = await TemplateAsync(s);
        await SendAsync(s, "POST", "provision/manage/model/", $"model=m&rid={template}");
        await SendAsync(s, "POST", "provision/manage/model/m/", "sn=001");
        await SendAsync(
            s,
            "POST",
            "provision/manage/model/m/001",
            $"enable=true&owner={s.Emulator.RootRid}"
        );
        var (_, cik) = await SendAsync(
            s,
            "POST",
            "provision/activate",
            "vendor=acme&model=m&sn=001",
            token: ""
        );

        Assert.Equal(
            205,
            (await SendAsync(s, "POST", "provision/manage/content/m/", "id=a.txt&meta=some")).Status
        );
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/content/m/",
                    "id=secret&meta=x&protected=true"
                )
            ).Status
        );
        Assert.Equal(
            409,
            (
                await SendAsync(s, "POST", "provision/manage/content/m/", "id=a.txt&meta=again")
            ).Status
        );
        Assert.Equal(
            (200, "a.txt\r\nsecret\r\n"),
            await SendAsync(s, "GET", "provision/manage/content/m/")
        );
        Assert.Equal(
            205,
            (
                await SendAsync(
                    s,
                    "POST",
                    "provision/manage/content/m/a.txt",
                    "This is content data",
                    "text/plain"
                )
            ).Status
        );
        Assert.Equal(
            (200, $"text/plain,20,{EmulatorSession.Epoch},some,false\r\n"),
            await SendAsync(s, "GET", "provision/manage/content/m/a.txt")
        );
        Assert.Equal(
            (206, "content", "bytes 8-14/20"),
            await DownloadAsync(
                s,
                "provision/manage/content/m/a.txt?download=true",
                s.RootCik,
                "bytes=8-14"
            )
        );
        // a device CIK is no vendor CIK: management paths refuse it
        Assert.Equal(
            403,
            (await DownloadAsync(s, "provision/manage/content/m/a.txt?download=true", cik)).Status
        );

        // device side: only unprotected content, with the activated CIK
        Assert.Equal(
            (200, "a.txt\r\n", null),
            await DownloadAsync(s, "provision/download?vendor=acme&model=m", cik)
        );
        Assert.Equal(
            (200, "This is content data", null),
            await DownloadAsync(s, "provision/download?vendor=acme&model=m&id=a.txt", cik)
        );
        Assert.Equal(
            (206, "data", "bytes 16-19/20"),
            await DownloadAsync(
                s,
                "provision/download?vendor=acme&model=m&id=a.txt",
                cik,
                "bytes=-4"
            )
        );
        Assert.Equal(
            (206, "data", "bytes 16-19/20"),
            await DownloadAsync(
                s,
                "provision/download?vendor=acme&model=m&id=a.txt",
                cik,
                "bytes=16-"
            )
        );
        Assert.Equal(
            403,
            (
                await DownloadAsync(s, "provision/download?vendor=acme&model=m&id=a.txt", s.RootCik)
            ).Status
        );
        Assert.Equal(
            403,
            (await DownloadAsync(s, "provision/download?vendor=acme&model=m&id=secret", cik)).Status
        );

        Assert.Equal(
            205,
            (await SendAsync(s, "DELETE", "provision/manage/content/m/a.txt")).Status
        );
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/content/m/a.txt")).Status);
    }
}
