namespace Functional.Cli;

/// <summary>A usage problem found while running a command (a bad value, a missing credential); exit code 2.</summary>
/// <param name="message">What is wrong and, where it helps, how to fix it. Never holds a secret.</param>
internal sealed class CliUsageException(string message) : Exception(message);
