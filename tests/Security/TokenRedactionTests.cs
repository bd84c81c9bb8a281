using Functional.Emulators.Sis.Auth;

namespace Functional.Tests.Security;

/// <summary>The SIS emulator's log form of a request target: token routes lose the token, others stay as they are.</summary>
public sealed class TokenRedactionTests
{
    private const string Token = "c6485cac5f385baa953a7338f7e7d971";

    [Theory]
    [InlineData("/api/v1.1/users/bob/tokens/" + Token, "/api/v1.1/users/bob/tokens/***")]
    [InlineData("/api/v1.1/users/bob/tokens/" + Token + "/", "/api/v1.1/users/bob/tokens/***")]
    [InlineData("/api/v1.1/users/bob/TOKENS/" + Token, "/api/v1.1/users/bob/TOKENS/***")]
    [InlineData("/api/v1/users/bob/tokens/" + Token + "?x=1", "/api/v1/users/bob/tokens/***?***")]
    [InlineData(
        "/api/v1.1/users/bob/tokens?q={\"name\":\"" + Token + "\"}",
        "/api/v1.1/users/bob/tokens?***"
    )]
    [InlineData("/api/v1.1/users/bob/tokens", "/api/v1.1/users/bob/tokens")]
    [InlineData("/api/v1.1/users/bob/tokens/", "/api/v1.1/users/bob/tokens/")]
    [InlineData("/api/v1.1/users/auth_token", "/api/v1.1/users/auth_token")]
    [InlineData("/api/v1.1/hiera/tokens/x?q=1", "/api/v1.1/hiera/tokens/x?q=1")]
    [InlineData("/api/v1.1/entities/tokens?limit=5", "/api/v1.1/entities/tokens?limit=5")]
    [InlineData("", "")]
    public void Token_routes_lose_their_token_and_nothing_else_changes(string target, string logged)
    {
        Assert.Equal(logged, TokenRedaction.Target(target));
        if (target.Contains("/users/", StringComparison.Ordinal))
            Assert.DoesNotContain(Token, TokenRedaction.Target(target), StringComparison.Ordinal);
    }
}
