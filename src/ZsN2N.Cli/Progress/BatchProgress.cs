using Spectre.Console;

namespace ZsN2N.Cli.Progress;

/// <summary>Chooses the display for the console.</summary>
internal static class BatchProgress
{
    /// <summary>
    /// Failures and the summary only with <paramref name="quiet"/>; otherwise Spectre progress bars when stdout is an
    /// interactive terminal, plain lines (no escape codes) when it is redirected.
    /// </summary>
    public static IBatchProgress For(IAnsiConsole console, bool quiet) =>
        quiet ? new QuietBatchProgress(Console.Out, Console.Error)
        : Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive
            ? new PlainBatchProgress(Console.Out)
            : new SpectreBatchProgress(console);
}
