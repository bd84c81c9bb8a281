using System.Text.Json;

namespace Functional.Cli;

/// <summary>Files holding credentials: written atomically and, on Unix, readable by the owner only.</summary>
internal static class PrivateFile
{
    /// <summary>Indented JSON for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void WriteAllText(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }
        File.Move(temp, path, overwrite: true);
    }
}
