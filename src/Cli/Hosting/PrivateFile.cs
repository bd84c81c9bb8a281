using System.Text.Json;

namespace Functional.Cli;

/// <summary>Files holding credentials: written atomically and, on Unix, readable by the owner only.</summary>
internal static class PrivateFile
{
    /// <summary>Indented JSON for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };

    /// <summary>
    /// The JSON object stored at <paramref name="path"/> (empty when the file does not exist); a usage error naming
    /// the file when it is not a JSON object.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject ReadObject(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            return
                System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))
                    is System.Text.Json.Nodes.JsonObject o
                ? o
                : throw new CliUsageException($"{path}: not a JSON object: fix or delete it");
        }
        catch (JsonException)
        {
            throw new CliUsageException($"{path}: not valid JSON: fix or delete it");
        }
    }

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
