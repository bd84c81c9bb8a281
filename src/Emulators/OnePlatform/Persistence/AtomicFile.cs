namespace Functional.Emulators.OnePlatform.Persistence;

/// <summary>
/// Replaces a file so that a crash (the process killed, or the machine losing power) leaves either the old content
/// or the new one, never a mix: the bytes go to a temporary file next to the target, are flushed to the disk, and
/// the temporary file is renamed over the target (an atomic replace on the same volume). Used by both emulators'
/// state files; callers serialise their own calls (one writer per path at a time).
/// </summary>
internal static class AtomicFile
{
    /// <summary>The suffix of the temporary file (<c>state.json.tmp</c>); a leftover one is simply overwritten.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> atomically and durably; returns once the new content
    /// is on the disk and in place, so the caller may acknowledge the change. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when it cannot (the target then keeps its old content).
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var temp = full + TempSuffix;
        using (
            var stream = new FileStream(
                temp,
                FileMode.Create,
                FileAccess.Write,
                FileShare.None,
                bufferSize: 1,
                FileOptions.None
            )
        )
        {
            stream.Write(bytes);
            // fsync: without it a power loss after the rename could leave an empty or partial file in place.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }
}
