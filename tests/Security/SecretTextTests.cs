using System.Reflection;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Extensions;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;
using Functional.Tests.Conventions;

namespace Functional.Tests.Security;

/// <summary>
/// The Core sweep of <see cref="PublicApiConventionTests"/> (a public type with a credential-like property must write
/// its own text) over Functional.Facade, Functional.Emulators and Functional.Extensions, plus instance checks of the
/// options and clients that hold credentials.
/// </summary>
public sealed class SecretTextTests
{
    private const string Cik = "3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b";
    private const string Token = "6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a";
    private const string Password = "Opt10ns-secret-pa55word";

    public static TheoryData<string> Assemblies() =>
        [
            typeof(OnePlatformClient).Assembly.GetName().Name!,
            typeof(OnePlatformEmulator).Assembly.GetName().Name!,
            typeof(SisClientSettings).Assembly.GetName().Name!,
        ];

    private static Assembly Load(string name) =>
        new[]
        {
            typeof(OnePlatformClient).Assembly,
            typeof(OnePlatformEmulator).Assembly,
            typeof(SisClientSettings).Assembly,
        }.Single(a => a.GetName().Name == name);

    /// <summary>
    /// The Core detector's findings, less classes whose text is <see cref="object.ToString"/> (the type name only,
    /// which cannot show a property).
    /// </summary>
    private static IEnumerable<string> Violations(Type t) =>
        t.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object)
            ? []
            : PublicApiConventionTests.SecretsInDefaultText(t);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_types_holding_credentials_write_their_own_text(string assembly)
    {
        var types = Load(assembly).GetExportedTypes();
        Assert.NotEmpty(types);
        var violations = types.SelectMany(Violations).ToArray();
        Assert.True(violations.Length == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_sweep_looks_at_the_known_credential_holders()
    {
        // These hold credentials; the sweep must see their properties (else it passes vacuously).
        Assert.Contains(
            "RootCik",
            string.Join(
                ",",
                typeof(OnePlatformEmulatorOptions).GetProperties().Select(p => p.Name)
            ),
            StringComparison.Ordinal
        );
        foreach (
            var t in new[]
            {
                typeof(OnePlatformEmulatorOptions),
                typeof(SisEmulatorOptions),
                typeof(SisClientOptions),
                typeof(SisClientSettings),
            }
        )
        {
            Assert.NotEqual(
                typeof(object),
                t.GetMethod("ToString", Type.EmptyTypes)!.DeclaringType
            );
            Assert.Empty(Violations(t));
        }
    }

    private static IEnumerable<object> ThingsHoldingCredentials()
    {
        yield return new OnePlatformEmulatorOptions { RootCik = Cik, VendorToken = Token };
        yield return new SisEmulatorOptions { SuperUserPassword = Password, Seed = 3 };
        yield return new SisClientOptions(new Uri("http://127.0.0.1:1/")).WithAuthToken(Token);
        yield return new SisClientSettings
        {
            Url = new Uri("http://127.0.0.1:1/"),
            AuthToken = Token,
        };
        var client = new SisClient(
            new HttpClient(),
            new SisClientOptions(new Uri("http://127.0.0.1:1/")).WithAuthToken(Token)
        );
        yield return client;
        yield return client.Entities("things");
        yield return client.Tokens("alice");
    }

    [Fact]
    public void No_options_or_client_text_shows_a_credential()
    {
        var things = ThingsHoldingCredentials().ToArray();
        SecretCheck.AssertNone(
            things.Select(t => (t.GetType().Name, t.ToString() ?? "")),
            [Cik, Token, Password]
        );
        // The text still says what is set, so masking did not drop the fields.
        var onep = things[0].ToString()!;
        Assert.Contains("RootCik = ***", onep, StringComparison.Ordinal);
        Assert.Contains("VendorToken = ***", onep, StringComparison.Ordinal);
        Assert.Contains("SuperUserPassword = ***", things[1].ToString(), StringComparison.Ordinal);
        Assert.Contains("Seed = 3", things[1].ToString(), StringComparison.Ordinal);
        Assert.Contains(
            "RootCik = (generated)",
            new OnePlatformEmulatorOptions().ToString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_running_emulator_text_shows_no_credential()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { RootCik = Cik, VendorToken = Token }
        );
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions { SuperUserPassword = Password }
        );
        SecretCheck.AssertNone(
            [("OnePlatformEmulator", onep.ToString()!), ("SisEmulator", sis.ToString()!)],
            [Cik, Token, Password, onep.RootCik, sis.SuperUserPassword]
        );
    }

#pragma warning disable CA1812 // used by reflection only
    private sealed record LeakyOptions(string? SuperUserPassword, int Port);
#pragma warning restore CA1812

    [Fact]
    public void The_checks_would_notice_a_record_printing_a_credential()
    {
        Assert.Single(Violations(typeof(LeakyOptions)));
        Assert.Single(
            SecretCheck.Leaks(
                [("LeakyOptions", new LeakyOptions(Password, 1).ToString())],
                [Password]
            )
        );
    }
}
