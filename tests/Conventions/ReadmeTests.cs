using System.Text.RegularExpressions;

namespace Functional.Tests.Conventions;

/// <summary>The README's examples are the compiled samples, and it keeps exactly two set-up commands.</summary>
public partial class ReadmeTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot(
        [System.Runtime.CompilerServices.CallerFilePath] string source = ""
    )
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
            dir = dir.Parent;
        return dir?.FullName
            ?? throw new InvalidOperationException(
                "Functional.sln not found above the test sources"
            );
    }

    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex("```(csharp|fsharp)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("```\\n(dotnet [^\\n]*)\\n```")]
    private static partial Regex CommandBlock();

    [Fact]
    public void Every_code_example_is_part_of_a_compiled_sample()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var samples = Directory
            .EnumerateFiles(Path.Combine(Root, "samples"), "*.*", SearchOption.AllDirectories)
            .Where(f =>
                f.EndsWith(".cs", StringComparison.Ordinal)
                || f.EndsWith(".fs", StringComparison.Ordinal)
            )
            .Where(f =>
                !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/bin/", StringComparison.Ordinal)
            )
            .Select(f => Normalize(File.ReadAllText(f)))
            .ToArray();
        var blocks = CodeBlock().Matches(readme).Select(m => m.Groups[2].Value).ToArray();

        Assert.True(
            blocks.Length >= 3,
            "README should show a C# facade, a C# core and an F# example"
        );
        foreach (var block in blocks)
            Assert.True(
                samples.Any(s => s.Contains(Normalize(block), StringComparison.Ordinal)),
                "README example not found in any sample (update samples/ or README):\n" + block
            );
    }

    [Fact]
    public void Readme_has_exactly_the_two_set_up_commands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var commands = CommandBlock().Matches(readme).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(
            ["dotnet run --project src/Cli -- onep tree", "dotnet test Functional.sln"],
            commands
        );
        Assert.Contains(
            "dotnet test Functional.sln",
            File.ReadAllText(Path.Combine(Root, ".ci", "run"))
        );
    }
}
