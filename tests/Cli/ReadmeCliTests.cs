using System.Text;
using System.Text.RegularExpressions;
using Functional.Cli;

namespace Functional.Tests.Cli;

/// <summary>Every <c>$ fxo …</c> line in the README's console examples runs (in order, on one embedded state) and succeeds.</summary>
public partial class ReadmeCliTests
{
    [GeneratedRegex("```console\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();

    private static string Readme(
        [System.Runtime.CompilerServices.CallerFilePath] string source = ""
    )
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
        {
            dir = dir.Parent;
        }
        return File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
    }

    /// <summary>Splits a shell line into words: single quotes keep everything, double quotes and spaces as sh does.</summary>
    internal static IReadOnlyList<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                var end = line.IndexOf('"', i + 1);
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    [Fact]
    public async Task Every_fxo_example_in_the_readme_runs_against_the_embedded_emulators()
    {
        var lines = ConsoleBlock()
            .Matches(Readme())
            .SelectMany(m => m.Groups[1].Value.Split('\n'))
            .Where(l => l.StartsWith("$ fxo ", StringComparison.Ordinal))
            .Select(l => Words(l[6..]).ToArray())
            .ToList();
        Assert.True(lines.Count >= 5, "the README shows fxo examples");
        using var fxo = new CliHarness();
        foreach (var args in lines)
        {
            if (args[0] == "emulator")
            {
                // Runs until Ctrl+C: check that it parses.
                var host = new CliHost(
                    TextReader.Null,
                    TextWriter.Null,
                    TextWriter.Null,
                    false,
                    new Dictionary<string, string>(),
                    fxo.Directory,
                    fxo.Directory,
                    TimeZoneInfo.Utc
                );
                Assert.Empty(CliApp.Build(host).Parse(args).Errors);
                continue;
            }
            await fxo.OkAsync(args);
        }
    }

    [Fact]
    public void Words_split_like_a_shell()
    {
        Assert.Equal(["a", "{\"x\": 1}", "b c", "d"], Words("a '{\"x\": 1}' \"b c\" d"));
    }
}
