using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis;
using Functional.Facade.Sis;

namespace Functional.Tests.Security;

/// <summary>
/// SIS passwords are stored hashed: after users are made and changed over the API, the emulator's state file holds
/// no password in any reversible form (plain, base64, hex, URL-encoded), each stored form is a fixed-size digest
/// whatever the password's length, and the API never returns it.
/// </summary>
public sealed class PasswordStorageTests : IDisposable
{
    private const string SuperPassword = "Sup3r-stored-pa55word";
    private const string ShortPassword = "pw!";
    private static readonly string LongPassword = string.Concat(
        Enumerable.Repeat("L0ng-pa55-", 20)
    );
    private const string ChangedPassword = "Ch4nged-stored-pa55word";

    private readonly string directory = Directory.CreateTempSubdirectory("fxo-security-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Reversible forms of a password someone might store instead of a hash.</summary>
    internal static IEnumerable<string> ReversibleForms(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        yield return password;
        yield return JsonSerializer.Serialize(password).Trim('"');
        yield return Convert.ToBase64String(bytes);
        yield return Convert.ToBase64String(bytes).TrimEnd('=');
        yield return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return Convert.ToHexStringLower(bytes);
        yield return WebUtility.UrlEncode(password);
        yield return Uri.EscapeDataString(password);
        yield return new string(password.Reverse().ToArray());
    }

    private static IEnumerable<JsonNode?> DescendantsAndSelf(JsonNode? node) =>
        node switch
        {
            JsonObject o => o.SelectMany(kv => DescendantsAndSelf(kv.Value)).Prepend(o),
            JsonArray a => a.SelectMany(DescendantsAndSelf).Prepend(a),
            _ => [node],
        };

    private static IEnumerable<JsonObject> StoredUsers(JsonNode state) =>
        DescendantsAndSelf(state)
            .OfType<JsonObject>()
            .Where(o => o["pw"] is JsonValue && o["name"] is JsonValue && o["email"] is JsonValue);

    [Fact]
    public async Task Passwords_in_the_state_file_are_fixed_size_digests_never_the_text()
    {
        var path = Path.Combine(directory, "sis.json");
        await using (
            var sis = await SisEmulator.StartAsync(
                new SisEmulatorOptions
                {
                    SuperUserName = "root",
                    SuperUserPassword = SuperPassword,
                    StatePath = path,
                }
            )
        )
        {
            using var http = new HttpClient();
            var super = new SisClient(http, new SisClientOptions(sis.BaseUri));
            await super.AuthenticateAsync("root", SuperPassword);
            foreach (
                var (name, password) in new[] { ("shorty", ShortPassword), ("longy", LongPassword) }
            )
            {
                var created = await super.Users.CreateAsync(
                    Json(
                        JsonSerializer.Serialize(
                            new
                            {
                                name,
                                email = name + "@example.com",
                                pw = password,
                                roles = new { },
                            }
                        )
                    )
                );
                Assert.False(created.Json.TryGetProperty("pw", out _), created.Json.GetRawText());
            }
            await super.Users.UpdateAsync(
                "longy",
                Json(
                    JsonSerializer.Serialize(
                        new
                        {
                            name = "longy",
                            email = "longy@example.com",
                            pw = ChangedPassword,
                            roles = new { },
                        }
                    )
                )
            );
            // The changed password works and the old one does not: the store really holds them.
            var user = new SisClient(http, new SisClientOptions(sis.BaseUri));
            await user.AuthenticateAsync("longy", ChangedPassword);
            await Assert.ThrowsAsync<SisException>(() =>
                new SisClient(http, new SisClientOptions(sis.BaseUri)).AuthenticateAsync(
                    "longy",
                    LongPassword
                )
            );
            await user.AuthenticateAsync("shorty", ShortPassword);
            var listed = await super.Users.FetchPageAsync();
            Assert.All(listed.Items, u => Assert.False(u.TryGetProperty("pw", out _)));
        }

        var text = await File.ReadAllTextAsync(path);
        var state = JsonNode.Parse(text)!;
        var users = StoredUsers(state).ToDictionary(u => (string)u["name"]!, u => (string)u["pw"]!);
        Assert.Equal(["longy", "root", "shorty"], users.Keys.Order(StringComparer.Ordinal));
        foreach (
            var password in new[] { SuperPassword, ShortPassword, LongPassword, ChangedPassword }
        )
        {
            // Short encodings (of the 3-character password) could match random hex by chance: skip those.
            foreach (
                var form in ReversibleForms(password).Where(f => f == password || f.Length >= 12)
            )
                Assert.DoesNotContain(form, text, StringComparison.OrdinalIgnoreCase);
        }
        // A digest: the same size for a 3-character and a 200-character password, so it cannot hold the text.
        var sizes = users.Values.Select(v => v.Length).Distinct().ToArray();
        Assert.Single(sizes);
        Assert.True(sizes[0] < LongPassword.Length);
        Assert.All(users.Values, v => Assert.Matches("^[0-9a-f]{64}$", v));
        Assert.Equal(3, users.Values.Distinct().Count());
    }

    [Fact]
    public void The_reversible_form_check_would_notice_an_encoded_password()
    {
        var stored =
            $$"""{"pw":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(LongPassword))}}"}""";
        Assert.Contains(
            ReversibleForms(LongPassword),
            f => stored.Contains(f, StringComparison.OrdinalIgnoreCase)
        );
    }
}
