using System.Text.Json;

namespace Functional.Core.Sis;

/// <summary>
/// A SIS token (temporary from <c>POST /users/auth_token</c>, or persistent). <see cref="Name"/> is the
/// credential sent as <c>x-auth-token</c>: <see cref="ToString"/> never shows it.
/// </summary>
/// <param name="Name">The token itself (32 lower-case hex characters).</param>
/// <param name="UserName">The user the token belongs to.</param>
/// <param name="ExpiresIn">The time left, for temporary tokens (the server sends milliseconds remaining).</param>
/// <param name="Json">The whole token object as sent (a clone; it holds the token too).</param>
public sealed record SisToken(
    string Name,
    string UserName,
    Option<TimeSpan> ExpiresIn,
    JsonElement Json
)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"SisToken {{ Name = ***, UserName = {UserName}, ExpiresIn = {ExpiresIn.Match(t => t.ToString(), () => "(never)")} }}";
}
