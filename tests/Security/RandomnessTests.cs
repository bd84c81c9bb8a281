using System.Reflection;
using Functional.Emulators;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Emulators.Sis.Store;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;
using Functional.Tests.Packaging;

namespace Functional.Tests.Security;

/// <summary>
/// Credentials the emulators make (CIKs, activation CIKs, share codes, grant tokens, SIS tokens and passwords) come
/// from the cryptographic generator unless a seed is given: unseeded emulators started the same way never repeat
/// each other and their hex digits are uniform; seeded ones repeat exactly.
/// </summary>
public sealed class RandomnessTests
{
    private const int Clients = 200;

    private sealed record Credentials(
        string RootRid,
        string RootCik,
        IReadOnlyList<string> Ciks,
        IReadOnlyList<string> ShareCodes,
        IReadOnlyList<string> Tokens
    )
    {
        public IEnumerable<string> All => Ciks.Concat(ShareCodes).Concat(Tokens).Append(RootCik);
    }

    private static async Task<Credentials> OnePlatformCredentialsAsync(int? seed)
    {
        await using var emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = seed }
        );
        var ciks = Enumerable
            .Range(0, Clients)
            .Select(i => emulator.CreateClient(emulator.RootRid, "c" + i).Cik)
            .ToArray();
        using var http = new HttpClient();
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
        );
        var root = Auth.Cik(emulator.RootCik);
        var codes = new List<string>();
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var rid = await rpc.CreateDataportAsync(
                root,
                ResourceId.Self,
                DataportDescription.Of(DataFormat.Integer)
            );
            codes.Add(await rpc.ShareAsync(root, ResourceId.Rid(rid)));
            tokens.Add(
                await rpc.GrantAsync(
                    root,
                    ResourceId.Self,
                    new Dictionary<string, IReadOnlyList<string>> { [rid] = ["read"] }
                )
            );
        }
        return new Credentials(emulator.RootRid, emulator.RootCik, ciks, codes, tokens);
    }

    private static async Task<(string Password, string Token)> SisCredentialsAsync(int? seed)
    {
        await using var sis = await SisEmulator.StartAsync(new SisEmulatorOptions { Seed = seed });
        using var http = new HttpClient();
        var client = new SisClient(http, new SisClientOptions(sis.BaseUri));
        var token = await client.AuthenticateAsync(sis.SuperUserName, sis.SuperUserPassword);
        return (sis.SuperUserPassword, token.Name);
    }

    /// <summary>
    /// Each of the 16 hex digits within 6 standard deviations of its expected count (a uniform source fails this
    /// with probability below 1e-7), and a chi-square statistic below the 0.9999 quantile for 15 degrees of freedom.
    /// </summary>
    internal static void AssertUniformHex(IReadOnlyCollection<string> values)
    {
        var digits = string.Concat(values);
        Assert.Matches("^[0-9a-f]+$", digits);
        var n = (double)digits.Length;
        var expected = n / 16;
        var sd = Math.Sqrt(n * (1.0 / 16) * (15.0 / 16));
        var counts = "0123456789abcdef".ToDictionary(c => c, c => digits.Count(d => d == c));
        foreach (var (digit, count) in counts)
            Assert.True(
                Math.Abs(count - expected) <= 6 * sd,
                $"digit {digit} appears {count} times, expected {expected:0} ± {6 * sd:0}"
            );
        var chi = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi < 44.26, $"chi-square {chi:0.0} over 15 degrees of freedom");
    }

    [Fact]
    public async Task Unseeded_one_platform_emulators_make_distinct_uniform_credentials()
    {
        var first = await OnePlatformCredentialsAsync(null);
        var second = await OnePlatformCredentialsAsync(null);
        var all = first.All.Concat(second.All).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.NotEqual(first.RootRid, second.RootRid);
        Assert.All(all, v => Assert.Matches("^[0-9a-f]{40}$", v));
        AssertUniformHex(first.Ciks);
        AssertUniformHex(second.Ciks);
        AssertUniformHex([
            .. first.ShareCodes,
            .. first.Tokens,
            .. second.ShareCodes,
            .. second.Tokens,
        ]);
    }

    [Fact]
    public async Task Seeded_one_platform_emulators_repeat_their_credentials()
    {
        var first = await OnePlatformCredentialsAsync(7);
        var second = await OnePlatformCredentialsAsync(7);
        Assert.Equal(first.RootRid, second.RootRid);
        Assert.Equal(first.RootCik, second.RootCik);
        Assert.Equal(first.Ciks, second.Ciks);
        Assert.Equal(first.ShareCodes, second.ShareCodes);
        Assert.Equal(first.Tokens, second.Tokens);
        var other = await OnePlatformCredentialsAsync(8);
        Assert.NotEqual(first.RootCik, other.RootCik);
    }

    [Fact]
    public async Task Sis_passwords_and_tokens_are_random_unless_seeded()
    {
        var a = await SisCredentialsAsync(null);
        var b = await SisCredentialsAsync(null);
        Assert.NotEqual(a.Password, b.Password);
        Assert.NotEqual(a.Token, b.Token);
        Assert.Matches("^[0-9a-f]{32}$", a.Token);
        var c = await SisCredentialsAsync(9);
        var d = await SisCredentialsAsync(9);
        Assert.Equal(c.Password, d.Password);
        Assert.Equal(c.Token, d.Token);
    }

    [Fact]
    public void Unseeded_generators_have_no_pseudo_random_source()
    {
        static object? Field(object generator) =>
            generator
                .GetType()
                .GetField("random", BindingFlags.NonPublic | BindingFlags.Instance)!
                .GetValue(generator);

        Assert.Null(Field(new IdGenerator(null)));
        Assert.IsType<Random>(Field(new IdGenerator(1)));
        Assert.Null(Field(new ObjectIdGenerator(null, TimeProvider.System)));
        Assert.IsType<Random>(Field(new ObjectIdGenerator(1, TimeProvider.System)));
        var ids = Enumerable.Range(0, Clients).Select(_ => new IdGenerator(null).Next()).ToArray();
        Assert.Equal(Clients, ids.Distinct().Count());
        AssertUniformHex(ids);
    }

    [Fact]
    public void Id_generators_use_the_cryptographic_generator_and_seed_nothing_else()
    {
        var emulators = Path.Combine(PackagesTests.RepoRoot(), "src", "Emulators");
        foreach (
            var file in new[]
            {
                "IdGenerator.cs",
                Path.Combine("Sis", "Store", "ObjectIdGenerator.cs"),
            }
        )
        {
            var text = File.ReadAllText(Path.Combine(emulators, file));
            Assert.Contains("RandomNumberGenerator.Fill(", text, StringComparison.Ordinal);
            var pseudo = text.Split('\n')
                .Where(l => l.Contains("new Random(", StringComparison.Ordinal));
            Assert.All(pseudo, l => Assert.Contains("seed is", l, StringComparison.Ordinal));
        }
        // Anywhere else in src, System.Random may only drive fault injection (never a credential).
        var others = Directory
            .EnumerateFiles(
                Path.Combine(PackagesTests.RepoRoot(), "src"),
                "*.cs",
                SearchOption.AllDirectories
            )
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .Where(f =>
                File.ReadAllText(f) is var t
                && (
                    t.Contains("new Random(", StringComparison.Ordinal)
                    || t.Contains("Random.Shared", StringComparison.Ordinal)
                )
            )
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["FaultInjector.cs", "IdGenerator.cs", "ObjectIdGenerator.cs"], others);
    }

    [Fact]
    public void The_uniformity_check_would_notice_a_biased_source()
    {
        var biased = Enumerable
            .Range(0, Clients)
            .Select(i => (i % 7).ToString("x", null).PadLeft(40, '0'))
            .ToArray();
        Assert.ThrowsAny<Exception>(() => AssertUniformHex(biased));
    }
}
