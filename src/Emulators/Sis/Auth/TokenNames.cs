using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// Token names: 32 lower-case hex characters (128 bits, like <c>hat()</c>). From the cryptographic generator, or
/// reproducible from a seed for deterministic emulator runs.
/// </summary>
internal sealed class TokenNames(int? seed)
{
    private readonly object gate = new();
    private readonly Random? random = seed is int s ? new Random(s) : null;

    /// <summary>A new token name.</summary>
    [SuppressMessage(
        "Security",
        "CA5394:Do not use insecure randomness",
        Justification = "Seeded token names are for reproducible emulator test runs, never real secrets."
    )]
    public string Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (random is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            lock (gate)
            {
                random.NextBytes(bytes);
            }
        }
        return Convert.ToHexStringLower(bytes);
    }
}
