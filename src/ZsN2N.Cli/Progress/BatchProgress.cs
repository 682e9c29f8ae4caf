using Spectre.Console;

namespace ZsN2N.Cli.Progress;

/// <summary>Chooses the display for the console.</summary>
internal static class BatchProgress
{
    /// <summary>A Spectre progress bar when stdout is an interactive terminal, plain lines otherwise.</summary>
    public static IBatchProgress For(IAnsiConsole console) =>
        Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive
            ? new PlainBatchProgress(Console.Out)
            : new SpectreBatchProgress(console);
}
