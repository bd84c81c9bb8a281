using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// 40 lower-case hex identifiers (RIDs, CIKs, share codes, tokens). With a seed the sequence is reproducible,
/// which keeps emulator runs deterministic; without one it comes from the cryptographic generator.
/// </summary>
internal sealed class IdGenerator(int? seed)
{
    private readonly Random? random = seed is int s ? new Random(s) : null;

    [SuppressMessage(
        "Security",
        "CA5394:Do not use insecure randomness",
        Justification = "Seeded ids are for reproducible test runs of an emulator, never real secrets."
    )]
    public string Next()
    {
        Span<byte> bytes = stackalloc byte[20];
        if (random is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            random.NextBytes(bytes);
        }
        return Convert.ToHexStringLower(bytes);
    }
}
