using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>Checks for the One Platform's identifiers: RIDs, CIKs, share codes and tokens are 40 lower-case hex characters.</summary>
public static class Identifier
{
    /// <summary>True when <paramref name="value"/> is exactly 40 characters of 0-9 and a-f.</summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 40)
            return false;
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
                return false;
        }
        return true;
    }

    /// <summary>Validates one identifier argument, naming the field and (for secrets) never echoing the value.</summary>
    public static Validation<ApiError, string> Validate(
        string field,
        string? value,
        bool secret = false
    )
    {
        if (value is null)
            return Fail<ApiError, string>(new ApiError.InvalidArgument(field, "is required"));
        if (IsValid(value))
            return Success<ApiError, string>(value);
        var shown = secret ? "" : $" (got \"{Truncate(value)}\")";
        var problem =
            value.Length != 40
                ? $"must be 40 lower-case hex characters, but has {value.Length}{shown}"
                : $"must be 40 lower-case hex characters (0-9, a-f){shown}";
        return Fail<ApiError, string>(new ApiError.InvalidArgument(field, problem));
    }

    private static string Truncate(string s) =>
        s.Length <= 48 ? Escape(s) : Escape(s[..45]) + "...";

    private static string Escape(string s) =>
        string.Concat(s.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
