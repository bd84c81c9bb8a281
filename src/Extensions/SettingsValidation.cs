using Microsoft.Extensions.Options;

namespace Functional.Extensions;

/// <summary>
/// Start-up checks of the client settings: every problem at once, each naming the configuration key
/// (<c>Functional:Sis:Url</c>) and what is wrong with it — never the value of a secret.
/// </summary>
internal static class SettingsValidation
{
    public static IEnumerable<string> Url(string key, Uri? url, bool required = true)
    {
        if (url is null)
        {
            if (required)
                yield return $"{key} is required (an absolute http or https URL)";
            yield break;
        }
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            yield return $"{key} must be an absolute http or https URL";
        else if (url.Query.Length > 0 || url.Fragment.Length > 0)
            yield return $"{key} must not have a query or a fragment";
        else if (url.UserInfo.Length > 0)
            yield return $"{key} must not carry a user name or password";
    }

    public static IEnumerable<string> Timeout(string key, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
            yield return $"{key} must be positive (e.g. 00:00:30)";
    }

    public static IEnumerable<string> Text(string key, string? value, bool secret = false)
    {
        if (value is null)
            yield break;
        if (value.Length == 0)
        {
            if (!secret)
                yield return $"{key} must not be empty (leave it out instead)";
        }
        else if (value.Any(char.IsControl))
            yield return $"{key} must not contain control characters"
                + (secret ? "" : " (CR, LF, tab, …)");
        else if (value.Any(c => c > '\u007e'))
            yield return $"{key} must be printable ASCII (a header carries bytes, not text)";
    }

    public static IEnumerable<string> Enum<T>(string key, T value)
        where T : struct, Enum
    {
        if (!System.Enum.IsDefined(value))
            yield return $"{key} must be one of {string.Join(", ", System.Enum.GetNames<T>())}";
    }

    public static ValidateOptionsResult Result(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        return all.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(all);
    }
}

/// <summary>
/// The start-up check of one kind of settings: skips other option names, then lists every problem that
/// <c>problems</c> finds, given the key prefix (<c>Functional:Sis:</c>) and the settings.
/// </summary>
internal sealed class SettingsValidator<T>(
    string name,
    string section,
    Func<string, T, IEnumerable<string>> problems
) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? optionsName, T options) =>
        optionsName != name
            ? ValidateOptionsResult.Skip
            : SettingsValidation.Result(problems(section + ":", options));
}

/// <summary>The problems of each client's settings, every key prefixed with the configuration section.</summary>
internal static class SettingsProblems
{
    public static IEnumerable<string> OnePlatform(string key, OnePlatformClientSettings options) =>
        SettingsValidation
            .Url(key + nameof(options.Endpoint), options.Endpoint)
            .Concat(RpcPath(key + nameof(options.RpcPath), options.RpcPath))
            .Concat(SettingsValidation.Text(key + nameof(options.UserAgent), options.UserAgent))
            .Concat(SettingsValidation.Timeout(key + nameof(options.Timeout), options.Timeout))
            .Concat(
                options.ChunkSize < 1
                    ? [$"{key}{nameof(options.ChunkSize)} must be at least 1"]
                    : Array.Empty<string>()
            )
            .Concat(
                SettingsValidation.Enum(key + nameof(options.ArgumentForm), options.ArgumentForm)
            );

    public static IEnumerable<string> Provisioning(
        string key,
        ProvisioningClientSettings options
    ) =>
        SettingsValidation
            .Url(key + nameof(options.Endpoint), options.Endpoint)
            .Concat(SettingsValidation.Timeout(key + nameof(options.Timeout), options.Timeout))
            .Concat(SettingsValidation.Text(key + nameof(options.UserAgent), options.UserAgent))
            .Concat(
                SettingsValidation.Text(key + nameof(options.SharedVendor), options.SharedVendor)
            )
            .Concat(
                SettingsValidation.Enum(key + nameof(options.ArgumentForm), options.ArgumentForm)
            );

    public static IEnumerable<string> Sis(string key, SisClientSettings options) =>
        SettingsValidation
            .Url(key + nameof(options.Url), options.Url)
            .Concat(
                string.IsNullOrWhiteSpace(options.ApiVersion)
                || options.ApiVersion.Any(c => char.IsControl(c) || c is '/' or '?' or '#')
                    ? [$"{key}{nameof(options.ApiVersion)} must be a version such as 1.1"]
                    : Array.Empty<string>()
            )
            .Concat(
                SettingsValidation.Text(
                    key + nameof(options.AuthToken),
                    options.AuthToken,
                    secret: true
                )
            )
            .Concat(SettingsValidation.Timeout(key + nameof(options.Timeout), options.Timeout));

    private static IEnumerable<string> RpcPath(string key, string? path)
    {
        if (
            string.IsNullOrEmpty(path)
            || path[0] != '/'
            || path.Any(c => char.IsControl(c) || c is '?' or '#')
        )
            yield return $"{key} must be a path starting with '/' (e.g. /onep:v1/rpc/process)";
    }
}
