using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Cli;

/// <summary>
/// The user's config file (JSON), read once per invocation:
/// <code>
/// {
///   "onep":      { "url": "https://m2.exosite.com", "cik": "&lt;CIK or key name&gt;" },
///   "keys":      { "home": "&lt;40 hex CIK&gt;", "lab": "&lt;40 hex CIK&gt;" },
///   "provision": { "url": "...", "vendor": "acme", "token": "&lt;vendor token&gt;" },
///   "sis":       { "url": "https://sis.example.com", "token": "&lt;token&gt;", "user": "admin" }
/// }
/// </code>
/// Every entry is optional. Options beat environment variables, which beat this file.
/// </summary>
/// <param name="Path">Where the file is (it may not exist).</param>
/// <param name="Root">The file's JSON object (empty when the file does not exist).</param>
internal sealed record CliConfig(string Path, JsonObject Root)
{
    /// <summary>Reads the config file at <paramref name="path"/>; a missing file is an empty config.</summary>
    /// <exception cref="CliUsageException">The file is not a JSON object.</exception>
    public static CliConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CliConfig(path, []);
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject o
                ? new CliConfig(path, o)
                : throw new CliUsageException(
                    $"config file {path}: the top level must be a JSON object"
                );
        }
        catch (JsonException e)
        {
            throw new CliUsageException(
                $"config file {path}: not valid JSON (line {e.LineNumber + 1}): fix or delete it"
            );
        }
    }

    /// <summary>The string at <c>section.key</c>, or null.</summary>
    public string? Get(string section, string key) =>
        Root[section] is JsonObject s
        && s[key] is JsonValue v
        && v.TryGetValue<string>(out var text)
            ? text
            : null;

    /// <summary>The CIK saved under the shortcut <paramref name="name"/> in <c>keys</c>, or null.</summary>
    public string? Key(string name) => Get("keys", name);

    /// <summary>All shortcut names and their values.</summary>
    public IReadOnlyList<(string Name, string Value)> Keys() =>
        Root["keys"] is JsonObject keys
            ? keys.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _))
                .Select(p => (p.Key, p.Value!.GetValue<string>()))
                .ToList()
            : [];

    /// <summary>A copy with <c>section.key</c> set to <paramref name="value"/> (removed when null).</summary>
    public CliConfig With(string section, string key, string? value)
    {
        var root = (JsonObject)Root.DeepClone();
        if (root[section] is not JsonObject s)
        {
            s = [];
            root[section] = s;
        }
        if (value is null)
        {
            s.Remove(key);
        }
        else
        {
            s[key] = value;
        }
        return this with { Root = root };
    }

    /// <summary>Writes the file atomically (temporary file, then rename), readable by the user only where the OS allows.</summary>
    public void Save() => PrivateFile.WriteAllText(Path, Root.ToJsonString(PrivateFile.Indented));
}
