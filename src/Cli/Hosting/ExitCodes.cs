namespace Functional.Cli;

/// <summary>What the process exit code tells a script.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The server answered and refused (an API error: bad CIK, not found, conflict, a per-call error).</summary>
    public const int ApiError = 1;

    /// <summary>The command line, the config file or an argument is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached or did not answer in time, or its answer was not understood.</summary>
    public const int Transport = 3;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
