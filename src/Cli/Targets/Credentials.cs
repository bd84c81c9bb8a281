using Functional.Core.OnePlatform;

namespace Functional.Cli.Targets;

/// <summary>
/// Credential strings as users type them (exoline's forms): a 40-hex CIK, a key name from the config file's
/// <c>keys</c>, <c>&lt;cik&gt;:c&lt;rid&gt;</c> (act as that client), <c>&lt;cik&gt;:r&lt;rid&gt;</c> (act as the owner of that
/// resource) or <c>token:&lt;token&gt;</c>. Errors never repeat the value.
/// </summary>
internal static class Credentials
{
    /// <summary>The <see cref="Auth"/> for <paramref name="given"/>.</summary>
    public static Auth OnePlatformAuth(string given, CliConfig config)
    {
        var value = config.Key(given) ?? given;
        if (value.StartsWith("token:", StringComparison.Ordinal))
        {
            return Auth.Token(Hex(value[6..], "the token"));
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Auth.Cik(Hex(value, "the CIK"));
        }
        var cik = Hex(value[..colon], "the CIK");
        var rest = value[(colon + 1)..];
        return rest.Length > 1 && rest[0] == 'c'
                ? Auth.CikAsClient(cik, Hex(rest[1..], "the client RID"))
            : rest.Length > 1 && rest[0] == 'r'
                ? Auth.CikAsOwnerOf(cik, Hex(rest[1..], "the resource RID"))
            : throw new CliUsageException(
                "--cik: after ':' expected c<client RID> or r<resource RID>"
            );
    }

    /// <summary><paramref name="value"/> when it is 40 lower-case hex characters (upper case is lowered).</summary>
    public static string Hex(string value, string what)
    {
        var lower = value.ToLowerInvariant();
        return HexId.IsLower(lower)
            ? lower
            : throw new CliUsageException(
                $"--cik: {what} must be 40 hex characters or a key name from the config file's \"keys\" (got {value.Length} characters)"
            );
    }
}
