using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Options of <c>share</c>: <c>{meta?, code?}</c>. Unset keys are not sent (the server's <c>meta</c> is then
/// <c>""</c>). Giving an existing <see cref="Code"/> updates that share's meta instead of making a new share.
/// The code is a credential and never appears in <see cref="ToString"/>.
/// </summary>
/// <param name="Meta">Free text kept with the share.</param>
/// <param name="Code">An existing share code (40 hex) whose meta to update.</param>
public sealed record ShareOptions(Option<string> Meta, Option<string> Code)
{
    /// <summary><c>{}</c>: a new share with empty meta.</summary>
    public static ShareOptions Default { get; } = new(None, None);

    /// <summary>A copy with the given meta.</summary>
    public ShareOptions WithMeta(string meta) => this with { Meta = Optional(meta) };

    /// <summary>A copy that updates the existing share <paramref name="code"/>.</summary>
    public ShareOptions WithCode(string code) => this with { Code = Optional(code) };

    /// <summary>Checks every option at once; the code is never echoed.</summary>
    public Validation<ApiError, ShareOptions> Validate(string field = "options") =>
        (
            Meta.Match(
                m => ArgumentChecks.Text($"{field}.meta", m).Map(_ => unit),
                () => ArgumentChecks.Ok
            ),
            Code.Match(
                c => Identifier.Validate($"{field}.code", c, secret: true).Map(_ => unit),
                () => ArgumentChecks.Ok
            )
        ).Apply((_, _) => this);

    /// <inheritdoc />
    public override string ToString() =>
        "ShareOptions { Meta = "
        + Meta.Match(m => $"\"{m}\"", () => "None")
        + ", Code = "
        + Code.Match(_ => "***", () => "None")
        + " }";

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        Meta.IfSome(v => w.WriteString("meta"u8, v));
        Code.IfSome(v => w.WriteString("code"u8, v));
        w.WriteEndObject();
    }
}
