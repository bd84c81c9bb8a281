using System.Security.Cryptography;
using System.Text;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// Password hashing as the SIS server does it (§2.8.5): unsalted SHA-256 of the UTF-8 password, lower-case hex.
/// </summary>
internal static class Passwords
{
    /// <summary>The stored form of <paramref name="password"/>.</summary>
    public static string Hash(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>Whether <paramref name="password"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string password, string? storedHash)
    {
        var actual = Encoding.ASCII.GetBytes(Hash(password));
        var expected = Encoding.ASCII.GetBytes(storedHash ?? "");
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
