using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace Functional.Tests.Packaging;

/// <summary>
/// The three libraries packed with <c>dotnet pack</c> (once, into a temporary folder, with their own artifacts
/// path) and each .nupkg opened to check its metadata and contents.
/// </summary>
public sealed class PackagesTests : IClassFixture<PackagesTests.PackedLibraries>
{
    private readonly PackedLibraries packed;

    public PackagesTests(PackedLibraries packed) => this.packed = packed;

    private static readonly string[] Libraries =
    [
        "Functional.Core",
        "Functional.Facade",
        "Functional.Emulators",
        "Functional.Extensions",
    ];

    internal static string RepoRoot([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Functional.sln not found");
    }

    /// <summary>The version declared once, as <c>VersionPrefix</c> in Directory.Build.props.</summary>
    private static string DeclaredVersion() =>
        XDocument
            .Load(Path.Combine(RepoRoot(), "Directory.Build.props"))
            .Descendants("VersionPrefix")
            .Single()
            .Value;

    /// <summary>Packs the libraries once for all tests of the class and deletes them afterwards.</summary>
    public sealed class PackedLibraries : IDisposable
    {
        private readonly string work = Path.Combine(
            Path.GetTempPath(),
            "functional-packages-" + Guid.NewGuid().ToString("N")
        );

        public PackedLibraries()
        {
            Directory.CreateDirectory(work);
            Output = Path.Combine(work, "packages");
            // A solution filter limited to the three libraries, so one `dotnet pack` builds Core once.
            var filter = Path.Combine(work, "libraries.slnf");
            File.WriteAllText(
                filter,
                $$"""
                {
                  "solution": {
                    "path": "{{Path.Combine(RepoRoot(), "Functional.sln").Replace(
                    "\\",
                    "\\\\",
                    StringComparison.Ordinal
                )}}",
                    "projects": [
                      "src/Core/Functional.Core.csproj",
                      "src/Facade/Functional.Facade.csproj",
                      "src/Emulators/Functional.Emulators.csproj",
                      "src/Extensions/Functional.Extensions.csproj"
                    ]
                  }
                }
                """
            );
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (
                var a in new[]
                {
                    "pack",
                    filter,
                    "-c",
                    "Release",
                    "-o",
                    Output,
                    "--artifacts-path",
                    Path.Combine(work, "artifacts"),
                }
            )
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit();
            PackOutput = output.Result + error.Result;
            PackExitCode = process.HasExited ? process.ExitCode : -1;
        }

        public string Output { get; }

        public string PackOutput { get; }

        public int PackExitCode { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException) { }
        }
    }

    private string Package(string id, string extension = "nupkg")
    {
        Assert.True(packed.PackExitCode == 0, packed.PackOutput);
        var file = Path.Combine(packed.Output, $"{id}.{DeclaredVersion()}.{extension}");
        Assert.True(
            File.Exists(file),
            $"{file} missing; packed: {string.Join(", ", Directory.GetFiles(packed.Output).Select(Path.GetFileName))}"
        );
        return file;
    }

    private static XElement Metadata(ZipArchive package, string id)
    {
        var entry = package.GetEntry(id + ".nuspec");
        Assert.NotNull(entry);
        using var stream = entry.Open();
        var metadata = XDocument
            .Load(stream)
            .Root!.Elements()
            .Single(e => e.Name.LocalName == "metadata");
        return metadata;
    }

    private static XElement? Child(XElement parent, string name) =>
        parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private static List<string> Dependencies(XElement metadata) =>
        metadata
            .Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => $"{e.Attribute("id")!.Value} {e.Attribute("version")!.Value}")
            .ToList();

    [Theory]
    [InlineData("Functional.Core")]
    [InlineData("Functional.Facade")]
    [InlineData("Functional.Emulators")]
    [InlineData("Functional.Extensions")]
    public void Each_library_packs_with_full_metadata_docs_and_readme(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));
        var metadata = Metadata(package, id);

        Assert.Equal(id, Child(metadata, "id")?.Value);
        Assert.Equal(DeclaredVersion(), Child(metadata, "version")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "authors")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "description")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "tags")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "projectUrl")?.Value));
        var license = Child(metadata, "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("README.md", Child(metadata, "readme")?.Value);

        var repository = Child(metadata, "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        if (Directory.Exists(Path.Combine(RepoRoot(), ".git")))
        {
            // Source Link stamps the commit the package was built from.
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        }

        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.xml", entries);
        Assert.Contains("README.md", entries);
        var readme = package.GetEntry("README.md")!;
        Assert.Equal(new FileInfo(Path.Combine(RepoRoot(), "README.md")).Length, readme.Length);
    }

    [Theory]
    [InlineData("Functional.Core")]
    [InlineData("Functional.Facade")]
    [InlineData("Functional.Emulators")]
    [InlineData("Functional.Extensions")]
    public void Each_library_has_a_symbol_package_with_its_pdb(string id)
    {
        using var symbols = ZipFile.OpenRead(Package(id, "snupkg"));
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void Dependencies_between_the_packages_are_right()
    {
        var version = DeclaredVersion();
        var dependencies = Libraries.ToDictionary(
            id => id,
            id =>
            {
                using var package = ZipFile.OpenRead(Package(id));
                return Dependencies(Metadata(package, id));
            }
        );

        Assert.Contains(
            $"Functional.Facade -> Functional.Core {version}",
            Ours("Functional.Facade")
        );
        Assert.Single(Ours("Functional.Facade"));
        Assert.Empty(Ours("Functional.Core"));
        Assert.Empty(Ours("Functional.Emulators"));
        Assert.Equal(
            [$"Functional.Extensions -> Functional.Facade {version}"],
            Ours("Functional.Extensions")
        );
        // Telemetry comes from the runtime's ActivitySource and Meter: no package depends on OpenTelemetry.
        Assert.DoesNotContain(
            dependencies.Values.SelectMany(d => d),
            d => d.StartsWith("OpenTelemetry", StringComparison.Ordinal)
        );
        Assert.Contains(
            dependencies["Functional.Core"],
            d => d.StartsWith("LanguageExt.Core ", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(
            dependencies.Values.SelectMany(d => d),
            d => d.StartsWith("Microsoft.SourceLink", StringComparison.Ordinal)
        );

        List<string> Ours(string id) =>
            dependencies[id]
                .Where(d => d.StartsWith("Functional.", StringComparison.Ordinal))
                .Select(d => $"{id} -> {d}")
                .ToList();
    }
}
