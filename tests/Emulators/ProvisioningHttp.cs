using System.Net.Http.Headers;
using System.Text;

namespace Functional.Tests.Emulators;

/// <summary>One Provisioning API answer: status, media type (null when the answer has no Content-Type) and body text.</summary>
internal sealed record ProvisioningAnswer(int Status, string? MediaType, string Body);

/// <summary>Raw HTTP helpers for the Provisioning API tests (spec §3): literal bodies, explicit auth headers.</summary>
internal static class ProvisioningHttp
{
    /// <summary>The start-up vendor's name.</summary>
    public const string Vendor = "acme";

    /// <summary>The start-up vendor's token (listed under id <c>default</c>).</summary>
    public const string Token = "0123456789abcdef0123456789abcdef01234567";

    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>205 Reset Content with an empty body (§3: almost every mutation).</summary>
    public static readonly ProvisioningAnswer Reset = new(205, null, "");

    /// <summary>204 No Content.</summary>
    public static readonly ProvisioningAnswer NoContent = new(204, null, "");

    public static Task<EmulatorSession> StartAsync(string? statePath = null) =>
        EmulatorSession.StartAsync(o =>
            o with
            {
                Vendor = Vendor,
                VendorToken = Token,
                StatePath = statePath,
            }
        );

    /// <summary>A 200 <c>text/csv</c> answer of the given lines, each ended by CRLF.</summary>
    public static ProvisioningAnswer Csv(params string[] lines) =>
        new(200, "text/csv", string.Concat(lines.Select(l => l + "\r\n")));

    /// <summary>A 200 <c>text/plain</c> answer.</summary>
    public static ProvisioningAnswer Text(string body) => new(200, "text/plain", body);

    /// <summary>
    /// Sends a request; <paramref name="contentType"/> null sends the body without a Content-Type; the auth headers are
    /// sent only when given.
    /// </summary>
    public static async Task<ProvisioningAnswer> SendAsync(
        EmulatorSession s,
        string method,
        string path,
        string? body = null,
        string? contentType = Form,
        string? token = Token,
        string? cik = null,
        string? vendor = null
    )
    {
        using var request = new HttpRequestMessage(
            new HttpMethod(method),
            new Uri(s.Emulator.BaseUri + path)
        );
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Exosite-Token", token);
        }
        if (cik is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Exosite-CIK", cik);
        }
        if (vendor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Exosite-Vendor", vendor);
        }
        using var response = await s.Http.SendAsync(request);
        return new ProvisioningAnswer(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync()
        );
    }

    /// <summary>Sends as the device: <c>X-Exosite-CIK</c> only.</summary>
    public static Task<ProvisioningAnswer> DeviceGetAsync(
        EmulatorSession s,
        string path,
        string cik
    ) => SendAsync(s, "GET", path, token: null, cik: cik);

    /// <summary>A client with one integer dataport (alias <c>temp</c>) under <paramref name="ownerCik"/>; its RID.</summary>
    public static async Task<string> TemplateAsync(EmulatorSession s, string ownerCik)
    {
        var (rid, cik) = await s.CreateClientAsync(ownerCik);
        await s.CreateDataportAsync(cik, "integer", alias: "temp");
        return rid;
    }

    /// <summary>Creates model <paramref name="model"/> of the start-up vendor from a fresh template under the root.</summary>
    public static async Task<string> ModelAsync(EmulatorSession s, string model = "m")
    {
        var template = await TemplateAsync(s, s.RootCik);
        Assert.Equal(
            Reset,
            await SendAsync(s, "POST", "provision/manage/model/", $"model={model}&rid={template}")
        );
        return template;
    }

    /// <summary>Enables <paramref name="sn"/> of the start-up vendor's model under the root and activates it; the CIK.</summary>
    public static async Task<string> EnableAndActivateAsync(
        EmulatorSession s,
        string model,
        string sn
    )
    {
        var enabled = await SendAsync(
            s,
            "POST",
            $"provision/manage/model/{model}/{sn}",
            $"enable=true&owner={s.Emulator.RootRid}"
        );
        Assert.Equal(200, enabled.Status);
        var activated = await SendAsync(
            s,
            "POST",
            "provision/activate",
            $"vendor={Vendor}&model={model}&sn={Uri.EscapeDataString(sn)}",
            token: null
        );
        Assert.Equal(200, activated.Status);
        Assert.Matches("^[0-9a-f]{40}$", activated.Body);
        return activated.Body;
    }
}
