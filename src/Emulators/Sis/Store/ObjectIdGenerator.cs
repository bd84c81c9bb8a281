using System.Globalization;
using System.Security.Cryptography;

namespace Functional.Emulators.Sis.Store;

/// <summary>
/// Makes MongoDB-style ObjectIds (24 lower-case hex characters: 4 bytes of seconds, 5 random bytes, a 3-byte counter)
/// and other random hex strings. With a seed every value is reproducible (given a reproducible clock).
/// </summary>
internal sealed class ObjectIdGenerator
{
    private readonly object gate = new();
    private readonly Random? random;
    private readonly TimeProvider time;
    private readonly byte[] process = new byte[5];
    private int counter;

    public ObjectIdGenerator(int? seed, TimeProvider time)
    {
        this.time = time;
        random = seed is { } s ? new Random(s) : null;
        Fill(process);
        var start = new byte[3];
        Fill(start);
        counter = (start[0] << 16) | (start[1] << 8) | start[2];
    }

    /// <summary>
    /// The 3-byte counter of the last ObjectId; saved with the state and restored on load, so a seeded emulator that
    /// reloads its state file does not hand out the ObjectIds it already used.
    /// </summary>
    public int Counter
    {
        get
        {
            lock (gate)
            {
                return counter;
            }
        }
        set
        {
            lock (gate)
            {
                counter = value & 0xFFFFFF;
            }
        }
    }

    /// <summary>A new ObjectId.</summary>
    public string Next()
    {
        lock (gate)
        {
            var seconds = (uint)time.GetUtcNow().ToUnixTimeSeconds();
            counter = (counter + 1) & 0xFFFFFF;
            Span<byte> bytes = stackalloc byte[12];
            bytes[0] = (byte)(seconds >> 24);
            bytes[1] = (byte)(seconds >> 16);
            bytes[2] = (byte)(seconds >> 8);
            bytes[3] = (byte)seconds;
            process.CopyTo(bytes[4..]);
            bytes[9] = (byte)(counter >> 16);
            bytes[10] = (byte)(counter >> 8);
            bytes[11] = (byte)counter;
            return Convert.ToHexStringLower(bytes);
        }
    }

    /// <summary><paramref name="byteCount"/> random bytes as lower-case hex (tokens, passwords, transaction ids).</summary>
    public string Hex(int byteCount)
    {
        var bytes = new byte[byteCount];
        lock (gate)
        {
            Fill(bytes);
        }
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Whether <paramref name="value"/> is 24 hex characters.</summary>
    public static bool IsObjectId(string? value) =>
        value is { Length: 24 }
        && value.All(c => char.IsAsciiHexDigit(c))
        && ulong.TryParse(value.AsSpan(0, 8), NumberStyles.HexNumber, null, out _);

    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Security",
        "CA5394:Do not use insecure randomness",
        Justification = "Seeded ids are for reproducible emulator runs, never real secrets."
    )]
    private void Fill(Span<byte> bytes)
    {
        if (random is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            random.NextBytes(bytes);
        }
    }
}
