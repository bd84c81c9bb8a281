using static Functional.Tests.Emulators.ProvisioningHttp;

namespace Functional.Tests.Emulators;

/// <summary>
/// The emulator's groups (spec §3.5, with §3.3/§3.4 <c>?show=groups</c>) and how they open protected content to the
/// serial numbers that share a group with it (§3.4, §3.7), driven with raw HTTP and literal bodies.
/// </summary>
public class ProvisioningGroupEmulatorTests
{
    /// <summary>Model <c>m</c> with serial numbers s1, s2, s3 and content c1 (protected) and c2.</summary>
    private static async Task<EmulatorSession> StartWithModelAsync()
    {
        var s = await StartAsync();
        await ModelAsync(s);
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/model/m/", "sn[]=s1&sn[]=s2&sn[]=s3")
        );
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/content/m/", "id=c1&meta=x&protected=true")
        );
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/content/m/", "id=c2&meta=y")
        );
        return s;
    }

    [Fact]
    public async Task Groups_are_created_paged_described_and_deleted()
    {
        await using var s = await StartWithModelAsync();
        Assert.Equal(NoContent, await SendAsync(s, "GET", "provision/manage/group/m/"));

        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/group/m/", "id=g1&meta=first")
        );
        Assert.Equal(
            409,
            (await SendAsync(s, "POST", "provision/manage/group/m/", "id=g1&meta=again")).Status
        );
        // a meta with a comma and a quote comes back RFC 4180 quoted
        Assert.Equal(
            Reset,
            await SendAsync(
                s,
                "POST",
                "provision/manage/group/m/",
                "id=g2&meta=" + Uri.EscapeDataString("a,\"b\"")
            )
        );
        foreach (var i in Enumerable.Range(3, 5))
        {
            Assert.Equal(
                Reset,
                await SendAsync(s, "POST", "provision/manage/group/m/", $"id=g{i}&meta=m{i}")
            );
        }

        Assert.Equal(
            Csv("g1,first", "g2,\"a,\"\"b\"\"\"", "g3,m3", "g4,m4", "g5,m5"),
            await SendAsync(s, "GET", "provision/manage/group/m/")
        );
        Assert.Equal(
            Csv("g6,m6", "g7,m7"),
            await SendAsync(s, "GET", "provision/manage/group/m/?offset=5&limit=5")
        );
        Assert.Equal(
            Csv("g2,\"a,\"\"b\"\"\"", "g3,m3", "g4,m4", "g5,m5", "g6,m6", "g7,m7"),
            await SendAsync(s, "GET", "provision/manage/group/m/?offset=1&limit=10")
        );
        Assert.Equal(NoContent, await SendAsync(s, "GET", "provision/manage/group/m/?offset=7"));

        Assert.Equal(Csv("first,0"), await SendAsync(s, "GET", "provision/manage/group/m/g1"));
        Assert.Equal(
            Csv("\"a,\"\"b\"\"\",0"),
            await SendAsync(s, "GET", "provision/manage/group/m/g2")
        );
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/group/m/nope")).Status);
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/group/m/nope/")).Status);
        Assert.Equal(
            404,
            (await SendAsync(s, "POST", "provision/manage/group/m/nope/", "type=sn&id=s1")).Status
        );

        // delete by form and by DELETE
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/group/m/", "id=g7&delete=true")
        );
        Assert.Equal(Reset, await SendAsync(s, "DELETE", "provision/manage/group/m/g6"));
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/group/m/g6")).Status);
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/group/m/g7")).Status);
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/group/m/?offset=5&limit=5")
        );
    }

    [Fact]
    public async Task Members_are_added_by_form_and_csv_filtered_and_removed_both_ways()
    {
        await using var s = await StartWithModelAsync();
        await SendAsync(s, "POST", "provision/manage/group/m/", "id=g&meta=G");
        Assert.Equal(NoContent, await SendAsync(s, "GET", "provision/manage/group/m/g/"));

        Assert.Equal(
            Reset,
            await SendAsync(
                s,
                "POST",
                "provision/manage/group/m/g/",
                "type=sn&id[]=s1&id[]=s2&expire=1900000000&meta=pair"
            )
        );
        Assert.Equal(
            Reset,
            await SendAsync(
                s,
                "POST",
                "provision/manage/group/m/g/",
                "content,c1,,\"one, \"\"quoted\"\"\"\r\ncontent,c2,1900000000,plain\r\n",
                "text/csv"
            )
        );
        Assert.Equal(
            Csv(
                "sn,s1,1900000000,pair",
                "sn,s2,1900000000,pair",
                "content,c1,,\"one, \"\"quoted\"\"\"",
                "content,c2,1900000000,plain"
            ),
            await SendAsync(s, "GET", "provision/manage/group/m/g/?limit=10")
        );
        Assert.Equal(Csv("G,4"), await SendAsync(s, "GET", "provision/manage/group/m/g"));

        // filters
        Assert.Equal(
            Csv("sn,s1,1900000000,pair", "sn,s2,1900000000,pair"),
            await SendAsync(s, "GET", "provision/manage/group/m/g/?type=sn")
        );
        Assert.Equal(
            Csv("content,c1,,\"one, \"\"quoted\"\"\""),
            await SendAsync(s, "GET", "provision/manage/group/m/g/?id=c1")
        );
        Assert.Equal(
            Csv("sn,s2,1900000000,pair"),
            await SendAsync(s, "GET", "provision/manage/group/m/g/?type=sn&id=s2")
        );
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/group/m/g/?type=content&id=s1")
        );

        // remove by form (delete=true) and by DELETE text/csv
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/group/m/g/", "type=sn&id[]=s1&delete=true")
        );
        Assert.Equal(
            Reset,
            await SendAsync(
                s,
                "DELETE",
                "provision/manage/group/m/g/",
                "content,c1\r\ncontent,c2\r\n",
                "text/csv"
            )
        );
        Assert.Equal(
            Csv("sn,s2,1900000000,pair"),
            await SendAsync(s, "GET", "provision/manage/group/m/g/")
        );
        Assert.Equal(Csv("G,1"), await SendAsync(s, "GET", "provision/manage/group/m/g"));
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/group/m/g/", "type=sn&id=s2&delete=true")
        );
        Assert.Equal(NoContent, await SendAsync(s, "GET", "provision/manage/group/m/g/"));
    }

    [Fact]
    public async Task Members_are_paged()
    {
        await using var s = await StartWithModelAsync();
        await SendAsync(s, "POST", "provision/manage/model/m/", "sn[]=s4&sn[]=s5&sn[]=s6");
        await SendAsync(s, "POST", "provision/manage/group/m/", "id=g&meta=G");
        await SendAsync(
            s,
            "POST",
            "provision/manage/group/m/g/",
            "type=sn&id[]=s1&id[]=s2&id[]=s3&id[]=s4&id[]=s5&id[]=s6&meta=z"
        );
        Assert.Equal(
            Csv("sn,s1,,z", "sn,s2,,z", "sn,s3,,z", "sn,s4,,z", "sn,s5,,z"),
            await SendAsync(s, "GET", "provision/manage/group/m/g/")
        );
        Assert.Equal(
            Csv("sn,s6,,z"),
            await SendAsync(s, "GET", "provision/manage/group/m/g/?offset=5&limit=5")
        );
    }

    [Fact]
    public async Task Parent_groups_and_the_groups_of_a_serial_number_and_of_content_are_shown()
    {
        await using var s = await StartWithModelAsync();
        foreach (var id in new[] { "inner", "outer", "other" })
        {
            await SendAsync(s, "POST", "provision/manage/group/m/", $"id={id}&meta={id}");
        }
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/group/m/inner?show=groups")
        );
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/model/m/s1?show=groups")
        );
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/content/m/c1?show=groups")
        );

        await SendAsync(s, "POST", "provision/manage/group/m/outer/", "type=group&id=inner");
        await SendAsync(s, "POST", "provision/manage/group/m/other/", "type=group&id=inner");
        await SendAsync(s, "POST", "provision/manage/group/m/inner/", "type=sn&id=s1");
        await SendAsync(s, "POST", "provision/manage/group/m/other/", "type=sn&id=s1");
        await SendAsync(s, "POST", "provision/manage/group/m/outer/", "type=content&id=c1");

        Assert.Equal(
            Csv("other", "outer"),
            await SendAsync(s, "GET", "provision/manage/group/m/inner?show=groups")
        );
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/group/m/outer?show=groups")
        );
        Assert.Equal(
            Csv("inner", "other"),
            await SendAsync(s, "GET", "provision/manage/model/m/s1?show=groups")
        );
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/model/m/s2?show=groups")
        );
        Assert.Equal(
            Csv("outer"),
            await SendAsync(s, "GET", "provision/manage/content/m/c1?show=groups")
        );
        Assert.Equal(
            NoContent,
            await SendAsync(s, "GET", "provision/manage/content/m/c2?show=groups")
        );
        Assert.Equal(
            Csv("group,inner,,"),
            await SendAsync(s, "GET", "provision/manage/group/m/outer/?type=group")
        );

        // deleting a group or a content item ends its memberships
        Assert.Equal(Reset, await SendAsync(s, "DELETE", "provision/manage/group/m/inner"));
        Assert.Equal(
            Csv("content,c1,,"),
            await SendAsync(s, "GET", "provision/manage/group/m/outer/")
        );
        Assert.Equal(
            Csv("other"),
            await SendAsync(s, "GET", "provision/manage/model/m/s1?show=groups")
        );
        Assert.Equal(Reset, await SendAsync(s, "DELETE", "provision/manage/content/m/c1"));
        Assert.Equal(NoContent, await SendAsync(s, "GET", "provision/manage/group/m/outer/"));
        Assert.Equal(Csv("outer,0"), await SendAsync(s, "GET", "provision/manage/group/m/outer"));
    }

    [Fact]
    public async Task Groups_of_an_unknown_model_are_not_found()
    {
        await using var s = await StartWithModelAsync();
        Assert.Equal(404, (await SendAsync(s, "GET", "provision/manage/group/nope/")).Status);
        Assert.Equal(
            404,
            (await SendAsync(s, "POST", "provision/manage/group/nope/", "id=g&meta=G")).Status
        );
        Assert.Equal(
            403,
            (await SendAsync(s, "GET", "provision/manage/group/m/", token: null)).Status
        );
    }

    /// <summary>Enables and activates s1 and uploads c1 (protected, "secret") and c2 ("public"); the device CIK.</summary>
    private static async Task<string> DeviceAsync(EmulatorSession s)
    {
        var cik = await EnableAndActivateAsync(s, "m", "s1");
        await SendAsync(s, "POST", "provision/manage/content/m/c1", "secret", "text/plain");
        await SendAsync(s, "POST", "provision/manage/content/m/c2", "public", "text/plain");
        return cik;
    }

    private const string ListPath = "provision/download?vendor=acme&model=m";
    private const string Secret = "provision/download?vendor=acme&model=m&id=c1";

    [Fact]
    public async Task Protected_content_reaches_a_device_only_while_it_shares_a_group()
    {
        await using var s = await StartWithModelAsync();
        var cik = await DeviceAsync(s);
        Assert.Equal(Csv("c2"), await DeviceGetAsync(s, ListPath, cik));
        Assert.Equal(403, (await DeviceGetAsync(s, Secret, cik)).Status);

        // content alone in a group, then the SN of another device: still hidden
        await SendAsync(s, "POST", "provision/manage/group/m/", "id=g&meta=G");
        await SendAsync(s, "POST", "provision/manage/group/m/g/", "type=content&id=c1");
        await SendAsync(s, "POST", "provision/manage/group/m/g/", "type=sn&id=s2");
        Assert.Equal(Csv("c2"), await DeviceGetAsync(s, ListPath, cik));
        Assert.Equal(Csv("c2"), await SendAsync(s, "GET", "provision/manage/content/m/?sn=s1"));
        Assert.Equal(
            Csv("c1", "c2"),
            await SendAsync(s, "GET", "provision/manage/content/m/?sn=s2")
        );

        // the device's SN joins, with an expiry 100 s ahead
        Assert.Equal(
            Reset,
            await SendAsync(
                s,
                "POST",
                "provision/manage/group/m/g/",
                $"type=sn&id=s1&expire={EmulatorSession.Epoch + 100}"
            )
        );
        Assert.Equal(Csv("c1", "c2"), await DeviceGetAsync(s, ListPath, cik));
        Assert.Equal(
            new ProvisioningAnswer(200, "text/plain", "secret"),
            await DeviceGetAsync(s, Secret, cik)
        );
        Assert.Equal(
            Csv($"text/plain,6,{EmulatorSession.Epoch},x"),
            await DeviceGetAsync(s, Secret + "&info=true", cik)
        );

        // the expiry passes
        s.Clock.Advance(TimeSpan.FromSeconds(101));
        Assert.Equal(Csv("c2"), await DeviceGetAsync(s, ListPath, cik));
        Assert.Equal(403, (await DeviceGetAsync(s, Secret, cik)).Status);
        Assert.Equal(Csv("c2"), await SendAsync(s, "GET", "provision/manage/content/m/?sn=s1"));
    }

    [Fact]
    public async Task Protected_content_reaches_a_device_through_a_nested_group()
    {
        await using var s = await StartWithModelAsync();
        var cik = await DeviceAsync(s);
        await SendAsync(s, "POST", "provision/manage/group/m/", "id=devices&meta=d");
        await SendAsync(s, "POST", "provision/manage/group/m/", "id=release&meta=r");
        await SendAsync(s, "POST", "provision/manage/group/m/devices/", "type=sn&id=s1");
        await SendAsync(s, "POST", "provision/manage/group/m/release/", "type=content&id=c1");
        Assert.Equal(Csv("c2"), await DeviceGetAsync(s, ListPath, cik));

        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/group/m/release/", "type=group&id=devices")
        );
        Assert.Equal(Csv("c1", "c2"), await DeviceGetAsync(s, ListPath, cik));
        Assert.Equal(
            new ProvisioningAnswer(200, "text/plain", "secret"),
            await DeviceGetAsync(s, Secret, cik)
        );

        // leaving the inner group hides it again
        Assert.Equal(
            Reset,
            await SendAsync(
                s,
                "DELETE",
                "provision/manage/group/m/devices/",
                "sn,s1\r\n",
                "text/csv"
            )
        );
        Assert.Equal(Csv("c2"), await DeviceGetAsync(s, ListPath, cik));
        Assert.Equal(403, (await DeviceGetAsync(s, Secret, cik)).Status);
    }
}
