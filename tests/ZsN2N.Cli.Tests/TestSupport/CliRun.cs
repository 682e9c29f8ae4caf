namespace ZsN2N.Cli.Tests.TestSupport;

/// <summary>The outcome of one <c>zsn2n</c> process.</summary>
internal sealed record CliRun(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Both streams, for assertions on a message wherever it went.</summary>
    public string Output => StdOut + StdErr;

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
