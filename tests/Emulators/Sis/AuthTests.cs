using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators;
using Functional.Emulators.Sis;
using Functional.Emulators.Sis.Auth;

namespace Functional.Tests.Emulators.Sis;

public sealed class AuthTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static JsonObject Doc(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static string Basic(string credentials) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    private sealed class World
    {
        public ManualClock Clock { get; } = new(Start);

        public Dictionary<string, JsonObject> Users { get; } = new(StringComparer.Ordinal);

        public TokenStore Tokens { get; }

        public Authenticator Auth { get; }

        private int ids;

        public World()
        {
            Tokens = new TokenStore(
                new IdGenerator(7, bytes: 16),
                () => (++ids).ToString("x24"),
                Clock
            );
            Auth = new Authenticator(Tokens, Find);
            Users["root"] = Functional.Emulators.Sis.Auth.Users.NewSuperUser(
                "root",
                "s3cret",
                "root@example.com"
            );
            var alice = Functional.Emulators.Sis.Auth.Users.HashPassword(
                Doc("""{"name":"alice","email":"a@example.com","pw":"pw1","roles":{"g1":"user"}}""")
            );
            Users["alice"] = alice;
        }

        public JsonObject? Find(string name) => Users.TryGetValue(name, out var u) ? u : null;
    }

    [Fact]
    public void Passwords_are_unsalted_sha256_hex_and_compared_exactly()
    {
        const string abcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Assert.Equal(abcHash, Passwords.Hash("abc"));
        Assert.True(Passwords.Matches("abc", abcHash));
        Assert.False(Passwords.Matches("abd", abcHash));
        Assert.False(Passwords.Matches("abc", null));
        Assert.False(Passwords.Matches("abc", abcHash.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("""{"email":"a@b.com","roles":{}}""", "Bad request: User must have a name.")]
    [InlineData("""{"name":"","roles":{}}""", "Bad request: User must have a name.")]
    [InlineData("""{"name":"bob"}""", "Bad request: roles are missing.")]
    [InlineData("""{"name":"bob","super_user":false}""", "Bad request: roles are missing.")]
    [InlineData(
        """{"name":"bob","roles":{"g1":"owner"}}""",
        "Bad request: invalid role specified: owner"
    )]
    [InlineData(
        """{"name":"bob","roles":{"g1":"user","g2":1}}""",
        "Bad request: invalid role specified: 1"
    )]
    [InlineData("""{"name":"bob","roles":null}""", "Bad request: roles must be a non empty object")]
    public void User_validation_reports_the_servers_messages(string body, string expected)
    {
        var problem = Users.Validate(Doc(body));
        Assert.Equal(400, problem!.Status);
        Assert.Equal(expected, problem.Error);
        Assert.Equal(1001, problem.Body["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"name":"bob","roles":{}}""")]
    [InlineData("""{"name":"bob","roles":{"g1":"user","g2":"admin"}}""")]
    [InlineData("""{"name":"boss","super_user":true}""")]
    public void User_validation_accepts_valid_bodies(string body) =>
        Assert.Null(Users.Validate(Doc(body)));

    [Fact]
    public void User_cast_fills_defaults_and_drops_unknown_fields()
    {
        var cast = Users.Cast(
            Doc(
                """{"name":"bob-1_x","email":"bob@example.com","pw":"h","junk":1,"_sis":{"tags":[]}}"""
            )
        );
        Assert.True(cast.IsOk);
        Assert.Equal(
            """{"name":"bob-1_x","email":"bob@example.com","verified":false,"super_user":false,"pw":"h","roles":{},"_sis":{"tags":[]}}""",
            cast.Value!.ToJsonString()
        );
    }

    [Theory]
    [InlineData(
        """{"name":"Bob","email":"bob@example.com"}""",
        "Bad request: ValidationError: Path `name` is invalid (Bob)."
    )]
    [InlineData(
        """{"name":"bob","email":"not-an-email"}""",
        "Bad request: ValidationError: Path `email` is invalid (not-an-email)."
    )]
    [InlineData("""{"name":"bob"}""", "Bad request: ValidationError: Path `email` is required.")]
    [InlineData(
        """{"name":"bob\n","email":""}""",
        "Bad request: ValidationError: Path `name` is invalid (bob\n)., Path `email` is required."
    )]
    public void User_cast_validates_name_and_email(string body, string expected)
    {
        var cast = Users.Cast(Doc(body));
        Assert.False(cast.IsOk);
        Assert.Equal(expected, cast.Problem!.Error);
    }

    [Fact]
    public void Passwords_are_hashed_before_storing_and_never_answered()
    {
        var hashed = Users.HashPassword(Doc("""{"name":"bob","pw":"abc"}"""));
        Assert.Equal(Passwords.Hash("abc"), hashed["pw"]!.GetValue<string>());
        var output = Users.ToOutput(hashed);
        Assert.False(output.ContainsKey("pw"));
        Assert.True(hashed.ContainsKey("pw"));
    }

    [Fact]
    public void Token_names_are_32_hex_and_reproducible_with_a_seed()
    {
        var a = new IdGenerator(42, bytes: 16);
        var b = new IdGenerator(42, bytes: 16);
        var first = a.Next();
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.Equal(first, b.Next());
        Assert.NotEqual(first, a.Next());
        Assert.Matches("^[0-9a-f]{32}$", new IdGenerator(null, bytes: 16).Next());
    }

    [Fact]
    public void Temporary_tokens_last_eight_hours_and_answer_the_milliseconds_left()
    {
        var world = new World();
        var token = world.Tokens.CreateTemporary("alice");
        Assert.Equal("2024-05-01T20:00:00.000Z", token["expires"]!.GetValue<string>());
        Assert.Equal("alice", token["username"]!.GetValue<string>());
        Assert.Equal(0, token["_v"]!.GetValue<int>());
        Assert.Equal(
            """{"tags":[],"immutable":false,"locked":false}""",
            token["_sis"]!.ToJsonString()
        );
        Assert.Equal(
            28_800_000L,
            Tokens.ToOutput(token, world.Clock.GetUtcNow())["expires"]!.GetValue<long>()
        );
        world.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(
            25_200_000L,
            Tokens.ToOutput(token, world.Clock.GetUtcNow())["expires"]!.GetValue<long>()
        );
        world.Clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(
            0L,
            Tokens.ToOutput(token, world.Clock.GetUtcNow())["expires"]!.GetValue<long>()
        );
    }

    [Fact]
    public void Persistent_tokens_keep_only_desc_and_have_no_expiry()
    {
        var world = new World();
        var body = Tokens.FixBody(
            Doc("""{"desc":"ci","username":"mallory","expires":5,"x":1}"""),
            "alice"
        );
        var token = world.Tokens.CreatePersistent("alice", body);
        Assert.Equal("ci", token["desc"]!.GetValue<string>());
        Assert.Equal("alice", token["username"]!.GetValue<string>());
        Assert.False(token.ContainsKey("expires"));
        Assert.False(token.ContainsKey("x"));
        Assert.Equal(token.ToJsonString(), Tokens.ToOutput(token, Start).ToJsonString());
        Assert.Single(world.Tokens.ForUser("alice"));
        Assert.Equal(1, world.Tokens.RemoveForUser("alice"));
        Assert.Null(world.Tokens.Find(token["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Super_users_cannot_have_persistent_tokens()
    {
        var world = new World();
        var root = world.Users["root"];
        var persistent = Doc("""{"username":"root"}""");
        var problem = Tokens.Authorize(AuthEvent.Insert, persistent, root, world.Find);
        Assert.Equal(400, problem!.Status);
        Assert.Equal("Bad request: Super users cannot have persistent tokens.", problem.Error);
        var temporary = world.Tokens.CreateTemporary("root");
        Assert.Null(Tokens.Authorize(AuthEvent.Insert, temporary, root, world.Find));
    }

    [Fact]
    public void Temporary_tokens_cannot_be_changed_and_names_are_fixed()
    {
        var world = new World();
        var alice = world.Users["alice"];
        var temporary = world.Tokens.CreateTemporary("alice");
        var merged = Tokens.Merge(temporary, Tokens.FixBody(Doc("""{"desc":"x"}"""), "alice"));
        Assert.True(merged.IsOk);
        Assert.Equal(
            "Bad request: Cannot change a temporary token.",
            Tokens.Authorize(AuthEvent.Update, temporary, alice, world.Find, merged.Value)!.Error
        );

        var persistent = world.Tokens.CreatePersistent("alice", Doc("{}"));
        var renamed = Tokens.Merge(persistent, Doc("""{"name":"other"}"""));
        Assert.Equal("Bad request: name cannot be changed.", renamed.Problem!.Error);
        var described = Tokens.Merge(persistent, Doc("""{"desc":"new","_sis":{"tags":["a"]}}"""));
        Assert.Equal("new", described.Value!["desc"]!.GetValue<string>());
        Assert.Equal("""["a"]""", described.Value["_sis"]!["tags"]!.ToJsonString());
        Assert.Null(
            Tokens.Authorize(AuthEvent.Update, persistent, alice, world.Find, described.Value)
        );
    }

    [Fact]
    public void Token_authorization_reports_foreign_and_orphaned_tokens()
    {
        var world = new World();
        var alice = world.Users["alice"];
        var rootsTemporary = world.Tokens.CreateTemporary("root");
        Assert.Equal(
            "Bad request: Cannot create a temp token for another user.",
            Tokens.Authorize(AuthEvent.Delete, rootsTemporary, alice, world.Find)!.Error
        );
        Assert.Equal(
            "sis_users ghost does not exist",
            Tokens
                .Authorize(AuthEvent.Insert, Doc("""{"username":"ghost"}"""), alice, world.Find)!
                .Error
        );
        world.Users["bob"] = Doc("""{"name":"bob","roles":{"g1":"admin"}}""");
        Assert.Equal(
            "Unauthorized. Only admins of the user or the user can manage the token.",
            Tokens
                .Authorize(AuthEvent.Insert, Doc("""{"username":"bob"}"""), alice, world.Find)!
                .Error
        );
        Assert.Equal(
            "Bad request: Missing username in token.",
            Tokens.Authorize(AuthEvent.Insert, Doc("{}"), alice, world.Find)!.Error
        );
    }

    [Fact]
    public void A_missing_token_header_is_a_bad_request()
    {
        var world = new World();
        foreach (var header in new[] { null, "" })
        {
            var outcome = world.Auth.Authenticate(header);
            Assert.Equal(400, outcome.Problem!.Status);
            Assert.Equal("Bad request: Missing x-auth-token", outcome.Problem.Error);
            Assert.Equal(1001, outcome.Problem.Body["code"]!.GetValue<int>());
        }
    }

    [Fact]
    public void An_unknown_token_is_not_found()
    {
        var outcome = new World().Auth.Authenticate("0123456789abcdef0123456789abcdef");
        Assert.Equal(404, outcome.Problem!.Status);
        Assert.Equal(
            "sis_tokens 0123456789abcdef0123456789abcdef does not exist",
            outcome.Problem.Error
        );
        Assert.Equal(1000, outcome.Problem.Body["code"]!.GetValue<int>());
    }

    [Fact]
    public void A_valid_token_gives_its_user_until_it_expires()
    {
        var world = new World();
        var name = world.Tokens.CreateTemporary("alice")["name"]!.GetValue<string>();
        Assert.Equal("alice", world.Auth.Authenticate(name).Value!["name"]!.GetValue<string>());
        world.Clock.Advance(TimeSpan.FromHours(8));
        var expired = world.Auth.Authenticate(name);
        Assert.Equal(401, expired.Problem!.Status);
        Assert.Equal("Unauthorized. Token has expired.", expired.Problem.Error);
        Assert.Equal(1, world.Tokens.PurgeExpired());
        Assert.Equal(404, world.Auth.Authenticate(name).Problem!.Status);
    }

    [Fact]
    public void The_token_of_a_deleted_user_reports_the_user_missing()
    {
        var world = new World();
        var name = world.Tokens.CreatePersistent("alice", Doc("{}"))["name"]!.GetValue<string>();
        world.Users.Remove("alice");
        var outcome = world.Auth.Authenticate(name);
        Assert.Equal(404, outcome.Problem!.Status);
        Assert.Equal("sis_users alice does not exist", outcome.Problem.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Bearer YWxpY2U6cHcx")]
    [InlineData("Basic YWxpY2U=")]
    [InlineData("Basic OnB3MQ==")]
    [InlineData("Basic YWxpY2U6")]
    public void Login_without_usable_basic_credentials_is_unauthorized(string? header)
    {
        var outcome = new World().Auth.VerifyBasic(header);
        Assert.Equal(401, outcome.Problem!.Status);
        Assert.Equal("Unauthorized. Invalid credentials", outcome.Problem.Error);
        Assert.Equal(1004, outcome.Problem.Body["code"]!.GetValue<int>());
    }

    [Fact]
    public void Basic_parsing_follows_passport_http()
    {
        Assert.Equal(("alice", "pw1"), Authenticator.ParseBasic(Basic("alice:pw1")));
        Assert.Equal(("alice", "pw1"), Authenticator.ParseBasic("basic YWxpY2U6cHcx"));
        Assert.Equal(("alice", "pw1"), Authenticator.ParseBasic("Basic YWxpY2U6cHcx extra"));
        Assert.Equal(("a", "b"), Authenticator.ParseBasic(Basic("a:b:c")));
        Assert.Equal(("alice", "pw1"), Authenticator.ParseBasic("Basic YWxpY2U6cHcx"));
    }

    [Fact]
    public void Login_reports_unknown_users_and_wrong_passwords()
    {
        var world = new World();
        var unknown = world.Auth.VerifyBasic(Basic("nobody:pw"));
        Assert.Equal(404, unknown.Problem!.Status);
        Assert.Equal("sis_users nobody does not exist", unknown.Problem.Error);
        var wrong = world.Auth.VerifyBasic(Basic("alice:nope"));
        Assert.Equal(401, wrong.Problem!.Status);
        Assert.Equal("Unauthorized. Invalid password.", wrong.Problem.Error);
        Assert.Equal(
            "alice",
            world.Auth.VerifyBasic(Basic("alice:pw1")).Value!["name"]!.GetValue<string>()
        );
    }

    [Fact]
    public void Login_creates_a_temporary_token_answered_with_eight_hours_left()
    {
        var world = new World();
        var outcome = world.Auth.Login(Basic("root:s3cret"), world.Tokens);
        Assert.True(outcome.IsOk);
        var token = outcome.Value!;
        Assert.Matches("^[0-9a-f]{32}$", token["name"]!.GetValue<string>());
        Assert.Equal("root", token["username"]!.GetValue<string>());
        Assert.Equal(28_800_000L, token["expires"]!.GetValue<long>());
        Assert.Equal(
            "root",
            world.Auth.Authenticate(token["name"]!.GetValue<string>()).Value![
                "name"
            ]!.GetValue<string>()
        );
    }

    [Fact]
    public void Token_snapshots_round_trip()
    {
        var world = new World();
        world.Tokens.CreateTemporary("alice");
        world.Tokens.CreatePersistent("alice", Doc("""{"desc":"d"}"""));
        var copy = new TokenStore(new IdGenerator(1, bytes: 16), () => "x", world.Clock);
        copy.Load(world.Tokens.Snapshot());
        Assert.Equal(world.Tokens.Snapshot().ToJsonString(), copy.Snapshot().ToJsonString());
    }
}
