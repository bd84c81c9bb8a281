using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Functional.Emulators;

/// <summary>
/// Lower-case hex identifiers of a fixed size: 20 bytes (40 hex) for One Platform RIDs, CIKs, share codes and
/// tokens, 16 bytes (32 hex, like <c>hat()</c>) for SIS token names. With a seed the sequence is reproducible,
/// which keeps emulator runs deterministic; without one it comes from the cryptographic generator. Thread-safe.
/// </summary>
internal sealed class IdGenerator(int? seed, int bytes = 20)
{
    private readonly Lock gate = new();
    private readonly Random? random = seed is int s ? new Random(s) : null;

    [SuppressMessage(
        "Security",
        "CA5394:Do not use insecure randomness",
        Justification = "Seeded ids are for reproducible test runs of an emulator, never real secrets."
    )]
    public string Next()
    {
        Span<byte> buffer = stackalloc byte[bytes];
        if (random is null)
        {
            RandomNumberGenerator.Fill(buffer);
        }
        else
        {
            lock (gate)
            {
                random.NextBytes(buffer);
            }
        }
        return Convert.ToHexStringLower(buffer);
    }
}
