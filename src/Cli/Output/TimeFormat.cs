namespace Functional.Cli.Output;

/// <summary>How timestamps are printed (<c>--time</c>).</summary>
internal enum TimeFormat
{
    /// <summary>Local time with its offset, e.g. <c>2026-11-23 15:04:05 +01:00</c> (the default).</summary>
    Local,

    /// <summary>ISO 8601 in UTC, e.g. <c>2026-11-23T14:04:05Z</c>.</summary>
    Iso,

    /// <summary>Unix seconds, as the API sends them.</summary>
    Unix,
}
